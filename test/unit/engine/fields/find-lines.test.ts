// Table-driven tests of the line-range finder: one line, a range, a range past the last line, nothing there.
import { strict as assert } from 'node:assert';
import { findByLines } from '../../../../src/engine/fields/find-lines';
import { buildPage, wordBox } from '../../../support/ocr-page-builder';

const page = buildPage(['Mootz, Wilhelm.', 'Die Geschichte', 'der Buchdruckerkunst.', 'Mainz 1952.']);

describe('findByLines', () => {
  const rows: Array<[string, number, number | undefined, string | undefined]> = [
    ['a single line (no `to`)', 1, undefined, 'Mootz, Wilhelm.'],
    ['a single line (`to` equal to `from`)', 4, 4, 'Mainz 1952.'],
    ['a range, joined by one space', 2, 3, 'Die Geschichte der Buchdruckerkunst.'],
    ['a range past the last line, up to the last line', 3, 9, 'der Buchdruckerkunst. Mainz 1952.'],
    ['`to` before `from` as the single line `from`', 2, 1, 'Die Geschichte'],
    ['nothing from beyond the last line', 5, 6, undefined],
  ];
  for (const [name, from, to, expected] of rows) {
    it(`reads ${name}: ${from}..${to ?? from} → ${JSON.stringify(expected)}`, () => {
      assert.equal(findByLines(page, from, to)?.text, expected);
    });
  }

  it('carries the lines\' words and the box around them', () => {
    const found = findByLines(page, 2, 3);
    assert.deepEqual(found?.words.map(w => w.text), ['Die', 'Geschichte', 'der', 'Buchdruckerkunst.']);
    // Line 2 starts at column 0; the widest of the two is line 3 (21 characters).
    assert.deepEqual(found?.box, { x0: wordBox(1, 0, 3).x0, y0: wordBox(1, 0, 3).y0, x1: wordBox(2, 4, 17).x1, y1: wordBox(2, 0, 3).y1 });
  });

  it('counts the lines OCR found, so a blank line on the card is not a line', () => {
    const gapped = buildPage(['Heading', '', 'Body']);
    assert.equal(findByLines(gapped, 2)?.text, 'Body');
  });

  it('reads nothing on an empty page', () => {
    assert.equal(findByLines(buildPage([]), 1), undefined);
  });
});
