// `mark-columns` layout and `select`: a header line typed in columns split into its parts by a template pattern.
import { strict as assert } from 'node:assert';
import type { FieldSpec } from '../../../../src/protocol';
import type { OcrWord } from '../../../../src/engine/ocr-page';
import { finishField, select } from '../../../../src/engine/fields/finish-field';
import { columnText } from '../../../../src/engine/fields/word-layout';

/** Monospace words: 10 px per character, 20 px high. */
function word(text: string, x0: number, y0: number): OcrWord {
  return { text, confidence: 90, box: { x0, y0, x1: x0 + text.length * 10, y1: y0 + 20 } };
}

const header = [
  word('Brocca', 0, 0), word('Bruno,', 70, 0), word('Lugano.', 300, 1),
  word('Via', 0, 30), word('Ciani', 40, 30), word('1.', 100, 30),
];
const region = { by: 'region', region: { left: 0, top: 0, width: 1, height: 1 } } as const;
const location = '\\t(?<a>[^\\t\\n]+)[^\\t]*$|^[^\\t\\n]*,\\s(?<b>[^,\\t\\n]+)$';

describe('mark-columns and select', () => {
  it('marks wide gaps and indented lines with tabs', () => {
    assert.equal(columnText(header), 'Brocca Bruno,\tLugano.\nVia Ciani 1.');
    assert.equal(columnText([word('Beatus', 0, 0), word('A.G.', 70, 0), word('Basel.', 250, 30)]), 'Beatus A.G.\n\tBasel.');
  });

  it('joins the pieces of a letter-spaced word, and leaves normally typed words and initials alone', () => {
    // `Z ü r i c h .` typed with a space after each letter, read as `Z`, `ür` (wide: two letters over three
    // character widths), `i`, `ch.`.
    const spacedPlace = [
      word('Kolter', 0, 0), { text: 'G.m.b.H.,', confidence: 90, box: { x0: 70, y0: 0, x1: 160, y1: 20 } },
      { text: 'Z', confidence: 80, box: { x0: 260, y0: 0, x1: 270, y1: 20 } },
      { text: 'ür', confidence: 60, box: { x0: 280, y0: 0, x1: 310, y1: 20 } },
      { text: 'i', confidence: 70, box: { x0: 320, y0: 0, x1: 330, y1: 20 } },
      { text: 'ch.', confidence: 70, box: { x0: 340, y0: 0, x1: 380, y1: 20 } },
    ];
    assert.equal(columnText(spacedPlace), 'Kolter G.m.b.H.,\tZürich.');
    assert.equal(columnText([word('Vitamin', 0, 0), word('A', 80, 0), word('und', 100, 0), word('B', 140, 0)]), 'Vitamin A und B');
    assert.equal(columnText([word('Meier', 0, 0), word('A.', 60, 0), word('B.', 90, 0), word('C.', 120, 0)]), 'Meier A. B. C.');
  });

  it('keeps the match, or the value with named groups filled in, or nothing', () => {
    assert.equal(select('Brocca Bruno,\tLugano.', { pattern: location, value: '$<a>$<b>' }), 'Lugano.');
    assert.equal(select('Caviglia Pietro, Zürich 1.', { pattern: location, value: '$<a>$<b>' }), 'Zürich 1.');
    assert.equal(select('B.51.322.GB.266 x', { pattern: 'B\\S+' }), 'B.51.322.GB.266');
    assert.equal(select('nothing here', { pattern: '\\d+' }), '');
  });

  it('finishes two fields from the same columns: company before the last column, location in it', () => {
    const raw = { text: 'unused', words: header };
    const company: FieldSpec = { name: 'company', find: region, normalise: ['mark-columns', 'collapse-whitespace', 'trim-punctuation'],
      select: { pattern: '^(?<c>[\\s\\S]*)\\t[^\\t\\n]+[^\\t]*$', value: '$<c>' } };
    const place: FieldSpec = { name: 'location', find: region, normalise: ['mark-columns', 'trim-punctuation'], select: { pattern: location, value: '$<a>$<b>' } };
    assert.equal(finishField(raw, company).value, 'Brocca Bruno');
    assert.equal(finishField(raw, place).value, 'Lugano');
  });
});
