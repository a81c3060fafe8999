// Other readings of the whole card for learned page fields, end to end with real OCR: a batch of generated index
// cards read with two more readings (single-block, and the shipped best_int English model by its `eng_best` name)
// keeps both in each result; `card-ocr learn` trains a token model for each; unseen cards get their fields.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tintedPaperPreprocess, writeIndexCard, type IndexCardSpec } from '../support/make-cards';
import { batchResults, missedValues } from '../support/batch-results';
import { learningFolders } from '../support/learning-folders';
import { runCli } from '../support/run-cli';
import { makeTmpDir, type TmpDir } from '../support/tmp-dir';

interface Entry { company: string; location: string; b_id: string }
const names = ['Mootz Wilhelm', 'Abegg Hans', 'Beatus AG', 'Kolter Emil', 'Brunner Otto', 'Huber Carla', 'Meier Jan', 'Frey Anna',
  'Roth Karl', 'Graf Elise', 'Sutter Max', 'Ammann Per', 'Egli Marcel', 'Widmer Thomas'];
const places = ['Basel', 'Lugano', 'Geneva', 'Bern', 'Zurich', 'Lucerne', 'Chur', 'Aarau', 'Sion', 'Thun', 'Olten'];
const entry = (i: number): Entry => ({ company: names[i % names.length], location: places[(i * 7) % places.length], b_id: `B.51.322.GB.${100 + ((i * 37) % 800)}` });
const spec = (e: Entry, i: number, unseen: boolean): IndexCardSpec => ({
  ...e, id: e.b_id, paper: unseen ? 'white' : 'yellow', body: ['gestrichen: 1943'], seed: 900 + i + (unseen ? 100 : 0),
});

const template = {
  id: 'page-readings-test', name: 'Index card, learned from three readings', version: 1, language: 'eng', preprocess: tintedPaperPreprocess,
  model: 'readings.model.json',
  fields: [
    { name: 'company', find: { by: 'learned', ocr: { retry: [{ pageSegmentation: 'single-block' }, { pageSegmentation: 'auto', language: 'eng_best' }] } } },
    { name: 'location', find: { by: 'learned' } },
    { name: 'b_id', find: { by: 'learned' } },
  ],
};
const fields = ['company', 'location', 'b_id'] as const;

describe('other readings of the whole card on generated index cards', function () {
  this.timeout(300_000);
  let tmp: TmpDir;
  beforeEach(() => { tmp = makeTmpDir('page-readings'); });
  afterEach(() => tmp.dispose());

  it('are kept in each result, trained on one model each, and used on unseen cards', async () => {
    const root = tmp.dir;
    const training = Array.from({ length: 10 }, (_, i) => entry(i));
    const unseenEntries = Array.from({ length: 4 }, (_, i) => entry(20 + i));
    const { train, unseen, truth, templateFile } = await learningFolders(root, template, training, unseenEntries,
      (file, e, i, isUnseen) => writeIndexCard(file, spec(e, i, isUnseen)));

    const first = await runCli(['run', train, '--template', templateFile, '--data-dir', join(root, 'data')]);
    assert.equal(first.code, 0, first.stderr);
    const kept = (await batchResults(train)).get('t0.jpg');
    // Both readings over the whole card, each with the card's words: the id is on the card.
    assert.equal(kept?.zones?.length, 2);
    for (const zone of kept?.zones ?? []) {
      assert.deepEqual(zone.box, { x0: 0, y0: 0, x1: kept!.width, y1: kept!.height });
      assert.match(zone.text, /B\.51\.322/);
    }
    assert.notEqual(kept?.zones?.[0].key, kept?.zones?.[1].key);

    const learned = await runCli(['learn', train, '--truth', truth]);
    assert.equal(learned.code, 0, learned.stderr);
    const model = JSON.parse(readFileSync(join(root, 'readings.model.json'), 'utf8')) as { readings?: Array<{ key: string }> };
    assert.deepEqual(model.readings?.map(r => r.key), kept?.zones?.map(z => z.key));

    const second = await runCli(['run', unseen, '--template', templateFile, '--data-dir', join(root, 'data')]);
    assert.equal(second.code, 0, second.stderr);
    const misses = missedValues(await batchResults(unseen), unseenEntries, fields);
    assert.ok(misses.length <= 1, `missed ${misses.length} of 12:\n${misses.join('\n')}`);
  });
});
