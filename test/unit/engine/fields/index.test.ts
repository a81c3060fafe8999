// extractFields over one hand-built catalogue card: each finder with select, normalisers, type and validation,
// and the flags a reviewer sees (low-confidence, invalid, missing), with the confidence and box of each value.
import { strict as assert } from 'node:assert';
import { extractFields } from '../../../../src/engine/fields';
import type { OcrPage, RegionReader } from '../../../../src/engine/ocr-page';
import type { FieldSpec, FieldValue, PixelBox, RegionOcrOptions } from '../../../../src/protocol';
import { buildPage, wordBox } from '../../../support/ocr-page-builder';

const card = buildPage([
  'MOOTZ, WILHELM.',
  'Die Geschichte der Buch-',
  'druckerkunst.',
  'Mainz: Zabern, 1952.',
  'xii, 345 p. ; 23 cm.',
  'Standort: A 1234:5',
  'Signatur: B.5l.322.GB.266',
  'Datum: 6 Aug 1942',
], { confidences: { 'Zabern,': 15, 'Aug': 30 } });

/** Region pages by the zone's left edge (relative), so each region field gets its own crop's reading. */
const regionPages: Record<string, OcrPage> = {
  '0.7': buildPage(['B.51.322.GB.266'], { confidence: 95 }),
  '0.8': buildPage(['B.51.322.GB.266'], { confidence: 40 }),
  '0.9': buildPage(['B.5l.322.GB.266'], { confidence: 40 }),
  '0.5': buildPage([]),
};

function regionReader(): { read: RegionReader; calls: Array<{ box: PixelBox; options: RegionOcrOptions }> } {
  const calls: Array<{ box: PixelBox; options: RegionOcrOptions }> = [];
  return {
    calls,
    read: async (box, options) => {
      calls.push({ box, options });
      const page = regionPages[String(box.x0 / card.width)];
      if (!page) { throw new Error(`no region page for ${JSON.stringify(box)}`); }
      return page;
    },
  };
}

const bId = { pattern: '^B\\.51\\.322\\.GB\\.\\d+$' };
const region = (left: number, ocr?: RegionOcrOptions): FieldSpec['find'] =>
  ({ by: 'region', region: { left, top: 0, width: 0.1, height: 0.1 }, ...(ocr ? { ocr } : {}) });
const regionBox = (left: number): PixelBox => ({ x0: left * 1000, y0: 0, x1: left * 1000 + 100, y1: 60 });
/** The box of words on one line from column `from` up to column `to` (exclusive). */
const span = (row: number, from: number, to: number): PixelBox => wordBox(row, from, to - from);

const rows: Array<[string, FieldSpec, FieldValue]> = [
  ['a line, title-cased and trimmed', { name: 'author', find: { by: 'lines', from: 1 }, normalise: ['title-case-caps', 'trim-punctuation'] },
    { value: 'Mootz, Wilhelm', confidence: 90, flags: [], box: span(0, 0, 15) }],
  ['two lines joined by a space (the hyphen stays: there is no line break to join)',
    { name: 'title', find: { by: 'lines', from: 2, to: 3 }, normalise: ['join-hyphenation', 'trim-punctuation'] },
    { value: 'Die Geschichte der Buch- druckerkunst', confidence: 90, flags: [], box: { ...span(1, 0, 24), y1: span(2, 0, 13).y1 } }],
  ['two lines laid out as lines from their words, so the hyphenation joins',
    { name: 'title', find: { by: 'lines', from: 2, to: 3 }, normalise: ['keep-paragraphs', 'join-hyphenation', 'trim-punctuation'] },
    { value: 'Die Geschichte der Buchdruckerkunst', confidence: 90, flags: [], box: { ...span(1, 0, 24), y1: span(2, 0, 13).y1 } }],
  ['a year from a pattern, in its range', { name: 'year', find: { by: 'pattern', pattern: '(?<year>\\d{4})\\.$', flags: 'm' }, type: 'year',
    validate: { minYear: 1450, maxYear: 2000 } }, { value: '1952', confidence: 90, flags: [], box: span(3, 15, 20) }],
  ['a year out of its range as invalid', { name: 'year', find: { by: 'pattern', pattern: '(?<year>\\d{4})\\.$', flags: 'm' }, type: 'year',
    validate: { minYear: 1960 } }, { value: '1952', confidence: 90, flags: ['invalid'], box: span(3, 15, 20) }],
  ['a word OCR was unsure of as low-confidence', { name: 'publisher', find: { by: 'pattern', pattern: ': (?<publisher>\\p{L}+),' } },
    { value: 'Zabern', confidence: 15, flags: ['low-confidence'], box: span(3, 7, 14) }],
  ['the mean of the words\' confidences, under the default 60 only when it is', { name: 'imprint', find: { by: 'lines', from: 4 } },
    { value: 'Mainz: Zabern, 1952.', confidence: 65, flags: [], box: span(3, 0, 20) }],
  ['the same mean under a field\'s own threshold', { name: 'imprint', find: { by: 'lines', from: 4 }, minConfidence: 70 },
    { value: 'Mainz: Zabern, 1952.', confidence: 65, flags: ['low-confidence'], box: span(3, 0, 20) }],
  ['an integer kept by select from a line', { name: 'pages', find: { by: 'lines', from: 5 }, select: { pattern: '\\d+(?= p)' }, type: 'integer' },
    { value: '345', confidence: 90, flags: [], box: span(4, 0, 20) }],
  ['a value select rebuilds from named groups', { name: 'format', find: { by: 'lines', from: 5 },
    select: { pattern: '(?<n>\\d+) (?<unit>cm)', value: '$<n>$<unit>' } }, { value: '23cm', confidence: 90, flags: [], box: span(4, 0, 20) }],
  ['nothing from a select that does not match, missing when required', { name: 'pages', find: { by: 'lines', from: 5 },
    select: { pattern: 'ISBN \\d+' }, validate: { required: true } }, { value: '', confidence: 90, flags: ['missing'], box: span(4, 0, 20) }],
  ['a text that is not of its type as invalid, kept as read', { name: 'pages', find: { by: 'lines', from: 5 }, type: 'integer' },
    { value: 'xii, 345 p. ; 23 cm.', confidence: 90, flags: ['invalid'], box: span(4, 0, 20) }],
  ['a required label that is there', { name: 'shelfmark', find: { by: 'label', label: 'Standort' }, validate: { required: true } },
    { value: 'A 1234:5', confidence: 90, flags: [], box: span(5, 10, 18) }],
  ['an id OCR broke as invalid', { name: 'b_id', find: { by: 'label', label: 'Signatur' }, validate: bId },
    { value: 'B.5l.322.GB.266', confidence: 90, flags: ['invalid'], box: span(6, 10, 25) }],
  ['a date typed to ISO, its confidence the mean of its words (one unsure)', { name: 'date', find: { by: 'label', label: 'Datum' }, type: 'date' },
    { value: '1942-08-06', confidence: 70, flags: [], box: span(7, 7, 17) }],
  ['a required label that is not there as missing, with no confidence or box',
    { name: 'isbn', find: { by: 'label', label: 'ISBN' }, validate: { required: true } }, { value: '', confidence: null, flags: ['missing'] }],
  ['an optional label that is not there with no flags', { name: 'isbn', find: { by: 'label', label: 'ISBN' } },
    { value: '', confidence: null, flags: [] }],
  ['a region read on its own, valid, with the region as its box', { name: 'b_id', find: region(0.7, { pageSegmentation: 'single-line' }), validate: bId },
    { value: 'B.51.322.GB.266', confidence: 95, flags: [], box: regionBox(0.7) }],
  ['a region read with low confidence', { name: 'b_id', find: region(0.8), validate: bId },
    { value: 'B.51.322.GB.266', confidence: 40, flags: ['low-confidence'], box: regionBox(0.8) }],
  ['a region both invalid and low-confidence', { name: 'b_id', find: region(0.9), validate: bId },
    { value: 'B.5l.322.GB.266', confidence: 40, flags: ['invalid', 'low-confidence'], box: regionBox(0.9) }],
  ['a blank region, required, as missing', { name: 'b_id', find: region(0.5), validate: { ...bId, required: true } },
    { value: '', confidence: null, flags: ['missing'], box: regionBox(0.5) }],
];

describe('extractFields on a hand-built card', () => {
  for (const [name, spec, expected] of rows) {
    it(`gives ${name}`, async () => {
      const values = await extractFields(card, [spec], regionReader().read);
      assert.deepEqual(values, { [spec.name]: expected });
    });
  }

  it('reads every field of a template in its order, each region once with its own options', async () => {
    const reader = regionReader();
    const fields: FieldSpec[] = [
      { name: 'b_id', find: region(0.7, { pageSegmentation: 'single-line', whitelist: 'B.0123456789G' }), validate: bId },
      { name: 'author', find: { by: 'lines', from: 1 }, normalise: ['title-case-caps', 'trim-punctuation'] },
      { name: 'shelfmark', find: { by: 'label', label: 'Standort' } },
      { name: 'check', find: region(0.9) },
    ];
    const values = await extractFields(card, fields, reader.read);
    assert.deepEqual(Object.entries(values).map(([name, v]) => [name, v.value, v.flags]), [
      ['b_id', 'B.51.322.GB.266', []], ['author', 'Mootz, Wilhelm', []], ['shelfmark', 'A 1234:5', []], ['check', 'B.5l.322.GB.266', ['low-confidence']],
    ]);
    assert.deepEqual(reader.calls, [
      { box: regionBox(0.7), options: { pageSegmentation: 'single-line', whitelist: 'B.0123456789G' } },
      { box: regionBox(0.9), options: {} },
    ]);
  });

  it('stops a label\'s value at the next label of the same template', async () => {
    const page = buildPage(['Notes: first entry', 'second entry', 'Standort: A 1'], {});
    const values = await extractFields(page, [
      { name: 'notes', find: { by: 'label', label: 'Notes', until: 'next-label' } },
      { name: 'shelfmark', find: { by: 'label', label: 'Signatur', aliases: ['Standort'] } },
    ], regionReader().read);
    assert.deepEqual([values.notes.value, values.shelfmark.value], ['first entry second entry', 'A 1']);
  });
});

describe('extractFields: a zone\'s retry readings', () => {
  /** Answers each reading of the id zone by its page segmentation, as tesseract reads the same crop differently. */
  function readingsBySegmentation(pages: Record<string, OcrPage>): { read: RegionReader; calls: RegionOcrOptions[] } {
    const calls: RegionOcrOptions[] = [];
    return { calls, read: async (_box, options) => { calls.push(options); return pages[options.pageSegmentation ?? 'single-block'] ?? buildPage([]); } };
  }
  const idField = (ocr: RegionOcrOptions): FieldSpec => ({ name: 'b_id', find: region(0.7, ocr), validate: { ...bId, required: true } });

  it('reads the zone again when the value is invalid, and keeps the first reading that is not', async () => {
    const reader = readingsBySegmentation({
      'single-block': buildPage(['B.5l.322.GB.266']), 'single-line': buildPage(['B.51.3Z2.GB.266']), sparse: buildPage(['B.51.322.GB.266']),
    });
    const retry: RegionOcrOptions[] = [{ pageSegmentation: 'single-line' }, { pageSegmentation: 'sparse' }, { pageSegmentation: 'single-word' }];
    const values = await extractFields(card, [idField({ whitelist: 'B.0123456789G', retry })], reader.read);
    assert.deepEqual([values.b_id.value, values.b_id.flags], ['B.51.322.GB.266', []]);
    // Each retry is laid over the zone's own options (the whitelist stays, retry itself is not passed on);
    // the fourth reading is never made.
    assert.deepEqual(reader.calls, [
      { whitelist: 'B.0123456789G', retry }, { whitelist: 'B.0123456789G', pageSegmentation: 'single-line' },
      { whitelist: 'B.0123456789G', pageSegmentation: 'sparse' },
    ]);
  });

  it('reads the zone again when it came out empty', async () => {
    const reader = readingsBySegmentation({ 'single-block': buildPage([]), sparse: buildPage(['B.51.322.GB.7']) });
    const values = await extractFields(card, [idField({ retry: [{ pageSegmentation: 'sparse' }] })], reader.read);
    assert.equal(values.b_id.value, 'B.51.322.GB.7');
  });

  it('keeps the first reading, flags and all, when every retry fails too', async () => {
    const reader = readingsBySegmentation({ 'single-block': buildPage(['B.5l.322.GB.266']), sparse: buildPage(['no id here']) });
    const values = await extractFields(card, [idField({ retry: [{ pageSegmentation: 'sparse' }] })], reader.read);
    assert.deepEqual([values.b_id.value, values.b_id.flags], ['B.5l.322.GB.266', ['invalid']]);
    assert.equal(reader.calls.length, 2);
  });

  it('keeps an invalid retry reading over an empty first one, flagged for review', async () => {
    const reader = readingsBySegmentation({ 'single-block': buildPage([]), sparse: buildPage(['B.51.322.GB.1.590']), 'single-line': buildPage([]) });
    const values = await extractFields(card, [idField({ retry: [{ pageSegmentation: 'sparse' }, { pageSegmentation: 'single-line' }] })], reader.read);
    assert.deepEqual([values.b_id.value, values.b_id.flags], ['B.51.322.GB.1.590', ['invalid']]);
    assert.equal(reader.calls.length, 3);
  });

  it('makes no second reading when the first is valid', async () => {
    const reader = readingsBySegmentation({ 'single-block': buildPage(['B.51.322.GB.266']) });
    await extractFields(card, [idField({ retry: [{ pageSegmentation: 'sparse' }] })], reader.read);
    assert.equal(reader.calls.length, 1);
  });
});
