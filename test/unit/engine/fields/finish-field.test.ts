// finishField end to end on raw values: layout, normalisers, type, validation and confidence together.
import { strict as assert } from 'node:assert';
import type { FieldSpec } from '../../../../src/protocol';
import type { OcrWord } from '../../../../src/engine/ocr-page';
import { finishField } from '../../../../src/engine/fields/finish-field';

function word(text: string, x0: number, y0: number, confidence = 90): OcrWord {
  return { text, confidence, box: { x0, y0, x1: x0 + text.length * 10, y1: y0 + 20 } };
}

const region = { by: 'region', region: { left: 0, top: 0, width: 1, height: 1 } } as const;

describe('finishField', () => {
  it('collapses letter-spacing and keeps the words\' confidence and box', () => {
    const words = [word('A', 0, 0, 80), word('b', 20, 0, 70), word('e', 40, 0, 90), word('g', 60, 0, 90), word('g', 80, 0, 90), word('&', 100, 0, 90)];
    const value = finishField({ text: 'A b e g g &', words, box: { x0: 0, y0: 0, x1: 110, y1: 20 } },
      { name: 'company', find: region, normalise: ['collapse-letter-spacing'] });
    assert.deepEqual(value, { value: 'Abegg &', confidence: 85, flags: [], box: { x0: 0, y0: 0, x1: 110, y1: 20 } });
  });

  it('collapses letter-spaced words OCR glued into pieces, at the gaps their positions show', () => {
    // `M o o t z   W i l h e l m` typed with one space between letters, three between words, read as `Moot z Wilhelm`.
    const words = [word('Moot', 0, 0), word('z', 50, 0), word('Wilhelm', 120, 0)];
    const spec: FieldSpec = { name: 'company', find: region, normalise: ['collapse-letter-spacing'] };
    assert.equal(finishField({ text: 'Moot z Wilhelm', words }, spec).value, 'Mootz Wilhelm');
    // Normal spacing (one character wide) everywhere: nothing to collapse.
    const plain = [word('Vitamin', 0, 0), word('A', 80, 0), word('und', 100, 0), word('B', 140, 0), word('C', 160, 0)];
    assert.equal(finishField({ text: 'Vitamin A und B C', words: plain }, spec).value, 'Vitamin A und B C');
  });

  it('types a date to ISO, and flags one it cannot read as invalid', () => {
    const spec: FieldSpec = { name: 'date', find: region, type: 'date', validate: { minYear: 1939, maxYear: 1946 } };
    assert.deepEqual(finishField({ text: '6 Aug 1942', words: [word('6', 0, 0), word('Aug', 20, 0), word('1942', 60, 0)] }, spec),
      { value: '1942-08-06', confidence: 90, flags: [] });
    assert.deepEqual(finishField({ text: '6 Aux 19', words: [word('6', 0, 0, 40)] }, spec),
      { value: '6 Aux 19', confidence: 40, flags: ['invalid', 'low-confidence'] });
  });

  it('flags a required value that is absent as missing, with no confidence', () => {
    assert.deepEqual(finishField(undefined, { name: 'b_id', find: region, validate: { required: true } }), { value: '', confidence: null, flags: ['missing'] });
    assert.deepEqual(finishField({ text: '  ', words: [] }, { name: 'b_id', find: region }), { value: '', confidence: null, flags: [] });
  });

  it('flags low confidence below the field\'s own threshold only', () => {
    const raw = { text: 'Zürich', words: [word('Zürich', 0, 0, 75)] };
    assert.deepEqual(finishField(raw, { name: 'location', find: region }).flags, []);
    assert.deepEqual(finishField(raw, { name: 'location', find: region, minConfidence: 80 }).flags, ['low-confidence']);
  });

  it('keeps paragraphs from the words\' positions when asked', () => {
    const words = [
      word('Britische', 0, 0), word('Liste', 100, 2),
      word('Amendment', 0, 24), word('12.', 110, 25),
      word('gestrichen:', 0, 80),
      word('Amendment', 0, 104), word('13.', 110, 104),
    ];
    const value = finishField({ text: words.map(w => w.text).join(' '), words }, { name: 'information', find: region, normalise: ['keep-paragraphs'] });
    assert.equal(value.value, 'Britische Liste\nAmendment 12.\n\ngestrichen:\nAmendment 13.');
    const flat = finishField({ text: words.map(w => w.text).join(' '), words }, { name: 'information', find: region });
    assert.equal(flat.value, 'Britische Liste Amendment 12. gestrichen: Amendment 13.');
  });

  it('checks the pattern on the normalised value', () => {
    const spec: FieldSpec = { name: 'b_id', find: region, normalise: ['trim-punctuation'], validate: { pattern: '^B\\.51\\.322\\.GB\\.\\d+$' } };
    assert.deepEqual(finishField({ text: '| B.51.322.GB.266.', words: [word('B.51.322.GB.266.', 0, 0)] }, spec).flags, []);
    assert.deepEqual(finishField({ text: 'B.5I.322.GB.266', words: [word('B.5I.322.GB.266', 0, 0)] }, spec).flags, ['invalid']);
  });
});
