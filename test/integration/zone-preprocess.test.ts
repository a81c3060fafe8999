// Cards photographed with a dark margin around them: with `cropBorder` the template's relative zones still land on
// the card's own zones, boxes come back in the photo's pixels, and a zone with its own preprocessing (ruling
// suppressed) is read from that preparation. Real OCR through the engine child.
import * as assert from 'node:assert/strict';
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { DisposableStore } from '../../src/common/lifecycle';
import { batchPaths } from '../../src/batch-folder/paths';
import { EngineClient } from '../../src/engine/engine-client';
import { CardResult, Template } from '../../src/protocol';
import { BatchWatch } from '../support/batch-watch';
import { indexCardZones, writeIndexCard, type IndexCardSpec } from '../support/make-cards';
import { makeTmpDir } from '../support/tmp-dir';

const cards: Array<{ name: string; spec: IndexCardSpec }> = [
  { name: 'framed-green.jpg', spec: { company: 'Beatus AG', location: 'Basel', id: 'B.51.322.GB.608', paper: 'green', letterSpacedCompany: false, seed: 31 } },
  { name: 'framed-yellow.jpg', spec: { company: 'Kolter Emil', location: 'Bern', id: 'B.51.322.GB.1176', paper: 'yellow', letterSpacedCompany: false, seed: 32 } },
];
const margin = { left: 60, top: 45, right: 30, bottom: 50 };

describe('zones on cards in a dark photo margin (cropBorder, zone preprocessing; real OCR)', function () {
  this.timeout(180_000);
  const store = new DisposableStore();
  let dir: string;
  const results = new Map<string, CardResult>();
  const zones = indexCardZones(cards[0].spec);

  before(async () => {
    const dataDir = store.add(makeTmpDir('zone-pre-data')).dir;
    dir = store.add(makeTmpDir('zone-pre')).dir;
    for (const card of cards) {
      const plain = join(dir, `plain-${card.name}`);
      await writeIndexCard(plain, card.spec);
      await sharp(plain).extend({ ...margin, background: { r: 12, g: 12, b: 12 } }).jpeg({ quality: 92 }).toFile(join(dir, card.name));
      await rename(plain, join(dataDir, `plain-${card.name}`)); // out of the batch: only the framed card is a card
    }
    const template = Template.parse({
      id: 'framed-test', name: 'Framed index card', version: 1, language: 'eng', preprocess: { cropBorder: true },
      fields: [
        { name: 'company', find: { by: 'region', region: zones.company, ocr: { pageSegmentation: 'single-line' } }, normalise: ['trim-punctuation'] },
        { name: 'b_id', find: { by: 'region', region: zones.id, ocr: { pageSegmentation: 'single-line', preprocess: { cropBorder: true, suppressRules: true } } },
          normalise: ['trim-punctuation'] },
        // A first reading that cannot succeed (its whitelist has no letter of the id), then a retry with its own
        // preparation, made only when needed.
        { name: 'b_id_retried', find: { by: 'region', region: zones.id, ocr: { pageSegmentation: 'single-line', whitelist: 'xyz',
          retry: [{ whitelist: 'B.0123456789G', preprocess: { cropBorder: true, flattenBackground: true } }] } },
          normalise: ['trim-punctuation'], validate: { pattern: '^B\\.51\\.322\\.GB\\.\\d+$' } },
      ],
    });
    const client = await EngineClient.start({ settings: { dataDir, workers: 2 } });
    store.add({ dispose: () => { void client.close(); } });
    const watch = store.add(new BatchWatch(client));
    const started = await client.startBatch({ dir, fields: template.fields, language: 'eng', templateId: template.id, options: { preprocess: template.preprocess } });
    assert.ok(started.ok, started.ok ? '' : started.error.message);
    assert.equal((await watch.ended(started.value.id)).status, 'finished');
    await client.close();
    for (const card of cards) {
      results.set(card.name, CardResult.parse(JSON.parse(await readFile(join(batchPaths(dir).jsonDir, `${card.name}.json`), 'utf8'))));
    }
  });
  after(() => store.dispose());

  it('reads the zones of the card inside the margin', () => {
    assert.deepEqual(cards.map(card => [results.get(card.name)!.fields.company.value, results.get(card.name)!.fields.b_id.value]),
      cards.map(card => [card.spec.company, card.spec.id]));
  });

  it('reads a zone again with its retry reading when the first comes out invalid or empty', () => {
    assert.deepEqual(cards.map(card => results.get(card.name)!.fields.b_id_retried), cards.map(card => ({
      ...results.get(card.name)!.fields.b_id_retried, value: card.spec.id, flags: [] })));
  });

  it('gives boxes in the photo\'s pixels: the zone moved by the margin', () => {
    const result = results.get('framed-green.jpg')!;
    assert.equal(result.width, 1000 + margin.left + margin.right);
    const box = result.fields.b_id.box!;
    assert.ok(Math.abs(box.x0 - (margin.left + zones.id.left * 1000)) <= 3, `x0 ${box.x0}`);
    assert.ok(Math.abs(box.y0 - (margin.top + zones.id.top * 600)) <= 3, `y0 ${box.y0}`);
  });
});
