// Marks OCR glues to a value's end: the map from OCR's mark to the checked value's mark is learned only where
// checked cards agree, and read off the pieces of the value's last OCR word.
import * as assert from 'node:assert/strict';
import { gluedMarksAfter, learnMarkMap, runEnds, trailingMarks } from '../../../../src/engine/learned/edge-marks';
import { pageTokens } from '../../../../src/engine/learned/features';

const word = (text: string, x0: number) => ({ text, confidence: 90, box: { x0, y0: 0, x1: x0 + 20 * text.length, y1: 30 } });

describe('learned edge marks', () => {
  it('maps a mark OCR misreads when two or more checked values agree, and never an identical or dropped mark', () => {
    assert.deepEqual(learnMarkMap([
      { ocr: '!', truth: "'" }, { ocr: '!', truth: "'" }, { ocr: '!', truth: '' },
      { ocr: '%', truth: '°' },
      { ocr: '°', truth: '°' }, { ocr: '°', truth: '°' },
      { ocr: ',', truth: '' }, { ocr: ',', truth: '' }, { ocr: ',', truth: '°' },
      { ocr: '', truth: '°' },
    ]), { '!': "'" });
  });

  it('reads the marks glued to a token, stopping at the next word piece or word', () => {
    const tokens = pageTokens({ text: "8!' S.", confidence: 90, width: 400, height: 100, lines: [{ text: "8!' S.", box: { x0: 0, y0: 0, x1: 200, y1: 30 }, words: [word("8!'", 0), word('S.', 100)] }] });
    assert.deepEqual(tokens.map(t => t.word.text), ['8', '!', "'", 'S', '.']);
    assert.equal(gluedMarksAfter(tokens, 0), "!'");
    assert.equal(gluedMarksAfter(tokens, 2), '');
    assert.equal(gluedMarksAfter(tokens, 3), '.');
    assert.equal(trailingMarks(' 8°  '), '°');
    assert.equal(trailingMarks('Basel'), '');
    assert.deepEqual(runEnds([1, 2, 3, 7, 9, 10]), [3, 7, 10]);
  });
});
