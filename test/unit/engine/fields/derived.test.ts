// Table-driven tests of derived fields: a value set from another field's finished text, e.g. the card type
// from the presence of "Diss", with an `otherwise` for the rest; run through extractFields as templates do.
import { strict as assert } from 'node:assert';
import { extractFields } from '../../../../src/engine/fields';
import type { RegionReader } from '../../../../src/engine/ocr-page';
import type { FieldSpec, FieldValue } from '../../../../src/protocol';
import { buildPage } from '../../../support/ocr-page-builder';

const noRegions: RegionReader = async () => { throw new Error('no region fields in these templates'); };

const note: FieldSpec = { name: 'note', find: { by: 'label', label: 'Note' } };
const cardType: FieldSpec = { name: 'card_type', find: { by: 'derived', from: 'note', pattern: '\\bDiss\\b', value: 'dissertation', otherwise: 'monograph' } };

describe('derived fields', () => {
  const rows: Array<[string, string[], FieldSpec, Omit<FieldValue, 'box'>]> = [
    ['the value when the source field contains the pattern', ['Note: Diss. Bern 1951'], cardType,
      { value: 'dissertation', confidence: null, flags: [] }],
    ['the value for a match in any case (patterns read case-insensitively)', ['Note: DISS. Bern'], cardType,
      { value: 'dissertation', confidence: null, flags: [] }],
    ['`otherwise` when the source field lacks it', ['Note: Festschrift'], cardType, { value: 'monograph', confidence: null, flags: [] }],
    ['`otherwise` for a word that only contains it', ['Note: Dissertationsdruck'], cardType, { value: 'monograph', confidence: null, flags: [] }],
    ['`otherwise` when the source field is empty', ['Title: Rivers'], cardType, { value: 'monograph', confidence: null, flags: [] }],
    ['nothing without `otherwise`', ['Note: Festschrift'], { ...cardType, find: { ...cardType.find, otherwise: undefined } as FieldSpec['find'] },
      { value: '', confidence: null, flags: [] }],
    ['missing when nothing and required', ['Note: Festschrift'],
      { ...cardType, find: { by: 'derived', from: 'note', pattern: 'Diss', value: 'dissertation' }, validate: { required: true } },
      { value: '', confidence: null, flags: ['missing'] }],
    ['`otherwise` when the source field is not in the template', ['Note: Diss.'],
      { ...cardType, find: { by: 'derived', from: 'remark', pattern: 'Diss', value: 'dissertation', otherwise: 'monograph' } },
      { value: 'monograph', confidence: null, flags: [] }],
    ['a value normalised and typed like any other', ['Note: printed 1951'],
      { name: 'printed', find: { by: 'derived', from: 'note', pattern: 'printed', value: ' Printed in 1951. ' }, type: 'year' },
      { value: '1951', confidence: null, flags: [] }],
  ];
  for (const [name, lines, spec, expected] of rows) {
    it(`gives ${name}`, async () => {
      const values = await extractFields(buildPage(lines), [note, spec], noRegions);
      const { value, confidence, flags } = values[spec.name];
      assert.deepEqual({ value, confidence, flags }, expected);
    });
  }

  it('runs after the other fields, whatever their order, and keeps the template\'s order', async () => {
    const values = await extractFields(buildPage(['Note: Diss. Bern']), [cardType, note], noRegions);
    assert.deepEqual(Object.keys(values), ['card_type', 'note']);
    assert.equal(values.card_type.value, 'dissertation');
  });

  it('points a reviewer at the source field\'s box, and at none without a source value', async () => {
    const values = await extractFields(buildPage(['Note: Diss. Bern']), [note, cardType], noRegions);
    assert.deepEqual(values.card_type.box, values.note.box);
    assert.ok(values.note.box);
    const empty = await extractFields(buildPage(['Title: Rivers']), [note, cardType], noRegions);
    assert.equal(empty.card_type.box, undefined);
  });

  it('reads the source\'s finished value, after its normalisers', async () => {
    // The raw text `D i s s .` has no "Diss"; collapsing the letter-spacing makes one.
    const spaced: FieldSpec = { ...note, normalise: ['collapse-letter-spacing'] };
    const values = await extractFields(buildPage(['Note: D i s s . Bern']), [spaced, cardType], noRegions);
    assert.deepEqual([values.note.value, values.card_type.value], ['Diss . Bern', 'dissertation']);
  });
});
