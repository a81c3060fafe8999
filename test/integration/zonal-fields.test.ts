// Zonal fields through the real engine: generated index cards (coloured paper, blue rules, a red vertical rule,
// letter-spaced company names) read by a template of region fields, each zone OCR'd on its own with its
// own page segmentation and whitelist; the values checked in json/ and in the CSV.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import { CardResult, Template } from '../../src/protocol';
import { BatchWatch, readCsv } from '../support/batch-watch';
import { indexCardZones, tintedPaperPreprocess, writeIndexCard, type IndexCardSpec } from '../support/make-cards';
import { makeTmpDir } from '../support/tmp-dir';
import { batchPaths } from '../../src/batch-folder/index';

/** `id` is the value the id field must have when it differs from what was typed. */
interface Card { name: string; spec: IndexCardSpec; id?: string }

const cards: Card[] = [
  { name: 'spaced-yellow.jpg', spec: { company: 'Mootz Wilhelm', location: 'Basel', id: 'B.51.322.GB.123', paper: 'yellow', seed: 21 } },
  { name: 'spaced-green.jpg', spec: { company: 'Abegg Hans', location: 'Lugano', id: 'B.51.322.GB.266', paper: 'green', seed: 22,
    date: '6 Aug 1942', body: ['Britische Liste Amendment 12.'] } },
  { name: 'plain-green.png', spec: { company: 'Beatus AG', location: 'Geneva', id: 'B.51.322.GB.7', paper: 'green', letterSpacedCompany: false,
    format: 'png', seed: 23 } },
  // Typewriters without a 1 key: a lower-case l stands for it, and the id must still come out in digits.
  { name: 'typed-ell.jpg', spec: { company: 'Mootz Wilhelm', location: 'Basel', id: 'B.5l.322.GB.2l6', paper: 'yellow', seed: 25 }, id: 'B.51.322.GB.216' },
  // An id typed with a wrong group: read as it is, and flagged by the template's validation.
  { name: 'wrong-id.jpg', spec: { company: 'Kolter Emil', location: 'Bern', id: 'B.51.323.GB.45', paper: 'yellow', seed: 24 } },
];

/** Every card shares the layout, so the zones of any one are the zones of all. */
const zones = indexCardZones(cards[0].spec);
const idPattern = '^B\\.51\\.322\\.GB\\.\\d+$';

// Parsed like a template file, so the test uses nothing a saved template could not say. The cards' tinted paper
// needs the contrast stretch (see tintedPaperPreprocess); the template asks for it, as a user's would.
const template = Template.parse({
  id: 'header-zone-test', name: 'Index card header zone', version: 1, language: 'eng', preprocess: tintedPaperPreprocess,
  fields: [
    { name: 'company', find: { by: 'region', region: zones.company, ocr: { pageSegmentation: 'single-line' } },
      normalise: ['collapse-letter-spacing', 'trim-punctuation'], validate: { required: true } },
    { name: 'location', find: { by: 'region', region: zones.location, ocr: { pageSegmentation: 'single-line' } },
      normalise: ['trim-punctuation'], validate: { required: true } },
    { name: 'b_id', find: { by: 'region', region: zones.id, ocr: { pageSegmentation: 'single-line', whitelist: 'B.0123456789G' } },
      normalise: ['trim-punctuation'], validate: { pattern: idPattern, required: true } },
  ],
});

describe('zonal fields on generated index cards (real OCR)', function () {
  this.timeout(180_000);
  const store = new DisposableStore();
  let dir: string;
  let results: Map<string, CardResult>;

  before(async () => {
    const dataDir = store.add(makeTmpDir('zonal-data')).dir;
    dir = store.add(makeTmpDir('zonal')).dir;
    for (const card of cards) { await writeIndexCard(join(dir, card.name), card.spec); }
    const client = await EngineClient.start({ settings: { dataDir, workers: 2 } });
    store.add({ dispose: () => { void client.close(); } });
    const watch = store.add(new BatchWatch(client));
    const started = await client.startBatch({ dir, fields: template.fields, language: template.language ?? 'eng', templateId: template.id, options: { preprocess: template.preprocess } });
    assert.ok(started.ok, started.ok ? '' : started.error.message);
    const end = await watch.ended(started.value.id);
    assert.equal(end.status, 'finished');
    await client.close();
    results = new Map();
    for (const card of cards) {
      results.set(card.name, CardResult.parse(JSON.parse(await readFile(join(batchPaths(dir).jsonDir, `${card.name}.json`), 'utf8'))));
    }
  });
  after(() => store.dispose());

  it('reads each zone\'s value exactly: letter-spaced company collapsed, location, id through its whitelist', () => {
    const read = cards.map(card => [card.name, ...['company', 'location', 'b_id'].map(field => results.get(card.name)!.fields[field].value)]);
    assert.deepEqual(read, cards.map(card => [card.name, card.spec.company, card.spec.location, card.id ?? card.spec.id]));
  });

  it('flags only the id that fails the pattern, so only its card needs review', () => {
    const flags = cards.map(card => [card.name, results.get(card.name)!.needsReview,
      Object.fromEntries(Object.entries(results.get(card.name)!.fields).flatMap(([name, value]) => (value.flags.length ? [[name, value.flags]] : [])))]);
    assert.deepEqual(flags, [
      ['spaced-yellow.jpg', false, {}], ['spaced-green.jpg', false, {}], ['plain-green.png', false, {}], ['typed-ell.jpg', false, {}],
      ['wrong-id.jpg', true, { b_id: ['invalid'] }],
    ]);
  });

  it('gives each value the zone it was read from, in card pixels', () => {
    const value = results.get('spaced-green.jpg')!.fields.b_id;
    assert.deepEqual(value.box, {
      x0: Math.round(zones.id.left * 1000), y0: Math.round(zones.id.top * 600),
      x1: Math.round((zones.id.left + zones.id.width) * 1000), y1: Math.round((zones.id.top + zones.id.height) * 600),
    });
    assert.ok(value.confidence !== null && value.confidence >= 60, `confidence ${value.confidence}`);
  });

  it('writes the same values to the CSV, one row per card, columns in template order', async () => {
    const rows = await readCsv(batchPaths(dir).csvFile);
    assert.deepEqual(rows[0], ['card', 'company', 'location', 'b_id', 'confidence', 'needs_review', 'text']);
    const body = rows.slice(1).map(row => [row[0], row[1], row[2], row[3], row[5]]).sort((a, b) => a[0].localeCompare(b[0]));
    const expected = cards.map(card => [card.name, card.spec.company, card.spec.location, card.id ?? card.spec.id, card.name === 'wrong-id.jpg' ? 'yes' : 'no'])
      .sort((a, b) => a[0].localeCompare(b[0]));
    assert.deepEqual(body, expected);
  });
});
