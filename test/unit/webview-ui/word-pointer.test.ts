// Label by pointing, without a DOM: which words a click, Shift+click, drag or double click selects, how the
// keyboard's word cursor moves and extends, and the value the selected words spell in reading order.
import * as assert from 'node:assert/strict';
import { lineOfWords, wordsText, WordPointer } from '../../../webview-ui/src/word-pointer';

// Line 0: Author: Smith, John   Line 1: Title: A Short History
const text = 'Author: Smith, John\nTitle: A Short History';
const layout = [[0, 0, 70], [0, 80, 140], [0, 150, 200], [1, 0, 50], [1, 60, 75], [1, 85, 140], [1, 150, 220]];
const words = text.split(/\s+/).map((word, i) => ({ text: word, confidence: 90, box: { x0: layout[i][1], y0: 10 + layout[i][0] * 40, x1: layout[i][2], y1: 30 + layout[i][0] * 40 } }));
const lines = lineOfWords(text, words.length);

describe('word pointer (label by pointing)', () => {
  it('finds each word\'s line from the stored text', () => {
    assert.deepEqual(lines, [0, 0, 0, 1, 1, 1, 1]);
    assert.deepEqual(lineOfWords('a b', 3), [0, 0, 1]);
  });

  it('selects a clicked word, extends with Shift+click in reading order, and a whole line on double click', () => {
    const pointer = new WordPointer(words, lines);
    assert.equal(pointer.clickAt(100, 20, false), true);
    assert.deepEqual(pointer.selected, [1]);
    assert.equal(pointer.clickAt(100, 60, true), true);   // "Short" on the next line
    assert.deepEqual(pointer.selected, [1, 2, 3, 4, 5]);
    assert.equal(pointer.clickAt(500, 500, false), false);
    assert.deepEqual(pointer.selected, [1, 2, 3, 4, 5]);
    assert.equal(pointer.lineAt(10, 60), true);
    assert.deepEqual(pointer.selected, [3, 4, 5, 6]);
  });

  it('selects the words whose centre a dragged rectangle holds, Shift adding to the selection', () => {
    const pointer = new WordPointer(words, lines);
    pointer.selectRect({ x0: 75, y0: 5, x1: 205, y1: 35 }, false);
    assert.deepEqual(pointer.selected, [1, 2]);
    pointer.selectRect({ x0: 55, y0: 45, x1: 230, y1: 75 }, true);
    assert.deepEqual(pointer.selected, [1, 2, 4, 5, 6]);
    pointer.selectRect({ x0: 0, y0: 0, x1: 10, y1: 10 }, false);
    assert.deepEqual(pointer.selected, []);
  });

  it('moves a word cursor with the arrow keys, Home and End, extends with Shift, and toggles with Space', () => {
    const pointer = new WordPointer(words, lines);
    assert.equal(pointer.cursor, 0);
    pointer.key('ArrowRight', false);
    assert.deepEqual([pointer.cursor, pointer.selected], [1, [1]]);
    pointer.key('ArrowRight', true);
    assert.deepEqual(pointer.selected, [1, 2]);
    pointer.key('ArrowDown', false);   // the nearest word below "John" is "History"
    assert.deepEqual([pointer.cursor, pointer.selected], [6, [6]]);
    pointer.key('Home', true);
    assert.deepEqual(pointer.selected, [3, 4, 5, 6]);
    pointer.key('ArrowUp', false);   // from "Title:" (Home moved the cursor) to "Author:"
    assert.deepEqual(pointer.selected, [0]);
    pointer.key('End', false);
    pointer.key('ArrowRight', false);   // reading order runs on into the next line
    assert.deepEqual(pointer.selected, [3]);
    pointer.key(' ', false);
    assert.deepEqual(pointer.selected, []);
    pointer.key(' ', false);
    assert.deepEqual(pointer.selected, [3]);
    assert.equal(pointer.key('x', false), false);
    assert.equal(new WordPointer([], []).key('ArrowRight', false), false);
  });

  it('spells the selection in reading order, lines joined by a space or the line break asked for', () => {
    assert.equal(wordsText(words, lines, [2, 1]), 'Smith, John');
    assert.equal(wordsText(words, lines, [5, 2, 4], '\n'), 'John\nA Short');
  });
});
