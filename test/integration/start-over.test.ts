// "Start over with another template": a finished batch's outputs move into `_previous/<time>/`, its failed image
// comes back among the cards, and a new batch with other fields reads every card again (real OCR).
import * as assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient, rarelyFoundFields } from '../../src/engine/index';
import type { CardResult } from '../../src/protocol/index';
import { BatchWatch } from '../support/batch-watch';
import { testCards, testFields, writeTestCards } from '../support/engine-cards';
import { makeTmpDir } from '../support/tmp-dir';
import { archiveBatch, batchPaths, hasBatch } from '../../src/batch-folder/index';

describe('starting a batch over with another template (real OCR)', function () {
  this.timeout(120_000);
  const store = new DisposableStore();
  let client: EngineClient;

  before(async () => {
    client = await EngineClient.start({ settings: { dataDir: store.add(makeTmpDir('start-over-data')).dir, workers: 2 } });
  });
  after(async () => { await client.close(); store.dispose(); });

  async function run(dir: string, fields: typeof testFields): Promise<{ id: string; results: CardResult[] }> {
    const watch = store.add(new BatchWatch(client));
    const started = await client.startBatch({ dir, fields, language: 'eng', options: {} });
    assert.ok(started.ok, started.ok ? '' : started.error.message);
    const end = await watch.ended(started.value.id);
    assert.equal(end.status, 'finished');
    const results = watch.messages.flatMap(m => (m.type === 'card' && m.batchId === started.value.id ? [m.result] : []));
    return { id: started.value.id, results };
  }

  it('keeps the old outputs in a dated folder and reads every card again, the failed one included', async () => {
    const dir = store.add(makeTmpDir('start-over')).dir;
    await writeTestCards(dir);
    await writeFile(join(dir, 'card-4.jpg'), Buffer.alloc(0));
    // A wrong template: "Publisher" is on no card.
    const wrong = [{ name: 'publisher', find: { by: 'label' as const, label: 'Publisher' } }, testFields[0]];
    const first = await run(dir, wrong);
    assert.deepEqual(rarelyFoundFields(first.results, ['publisher', 'author']), [{ field: 'publisher', found: 0, of: 3 }]);

    const kept = await archiveBatch(dir, new Date('2026-12-01T20:59:03.250Z'));
    assert.ok(kept.ok, kept.ok ? '' : kept.error.message);
    assert.equal(kept.value, join(dir, '_previous', '2026-12-01T20-59-03'));
    assert.equal(await hasBatch(dir), false);
    assert.deepEqual((await readdir(dir)).sort(), ['_previous', 'card-1.jpg', 'card-2.jpg', 'card-3.png', 'card-4.jpg']);
    assert.deepEqual((await readdir(kept.value)).sort(), ['_errors', 'checkpoint.journal.jsonl', 'checkpoint.json', 'config.json', 'csv', 'json', 'report.json']);
    assert.deepEqual(await readdir(join(kept.value, '_errors')), ['errors.jsonl']);
    assert.equal(JSON.parse(await readFile(join(kept.value, 'config.json'), 'utf8')).fields[0].name, 'publisher');

    const second = await run(dir, testFields);
    assert.notEqual(second.id, first.id);
    assert.deepEqual(second.results.map(r => r.card).sort(), testCards.map(c => c.name).sort());
    assert.deepEqual(rarelyFoundFields(second.results, testFields.map(f => f.name)), []);
    assert.deepEqual(await readdir(batchPaths(dir).errorsDir), ['card-4.jpg', 'errors.jsonl']);
  });
});
