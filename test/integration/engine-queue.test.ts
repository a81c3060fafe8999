// Several batches queue rather than fight for the cores; pause and cancel are statuses a later resume continues.
import * as assert from 'node:assert/strict';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import type { BatchMessage } from '../../src/protocol';
import { BatchWatch, readCsv } from '../support/batch-watch';
import { testCards, testFields, writeTestCards } from '../support/engine-cards';
import { makeTmpDir } from '../support/tmp-dir';
import { batchPaths, readBatchConfig } from '../../src/batch-folder/index';

function statuses(messages: readonly BatchMessage[]): string[] {
  return messages.flatMap(m => (m.type === 'status' ? [`${m.batchId.replace(/-.*$/, '')}:${m.status}`] : []));
}

describe('engine batch queue (real OCR)', function () {
  this.timeout(120_000);
  let store: DisposableStore;
  let client: EngineClient;
  beforeEach(async () => {
    store = new DisposableStore();
    const dataDir = store.add(makeTmpDir('queue-data')).dir;
    client = await EngineClient.start({ settings: { dataDir, workers: 1 } });
    store.add({ dispose: () => { void client.close(); } });
  });
  afterEach(() => store.dispose());

  it('runs a second batch only after the first has finished', async () => {
    const first = store.add(makeTmpDir('alpha')).dir;
    const second = store.add(makeTmpDir('beta')).dir;
    await writeTestCards(first, testCards.slice(0, 2));
    await writeTestCards(second, testCards.slice(2));
    const watch = store.add(new BatchWatch(client));
    const a = await client.startBatch({ dir: first, fields: testFields, language: 'eng', options: {} });
    const b = await client.startBatch({ dir: second, fields: testFields, language: 'eng', options: {} });
    assert.ok(a.ok && b.ok);
    assert.equal(b.value.status, 'queued');
    await watch.ended(b.value.id);
    const order = watch.messages.flatMap(m => (m.type === 'status' ? [[m.batchId, m.status]] : []));
    const firstFinished = order.findIndex(([id, s]) => id === a.value.id && s === 'finished');
    const secondRunning = order.findIndex(([id, s]) => id === b.value.id && s === 'running');
    assert.ok(firstFinished >= 0 && secondRunning > firstFinished, `status order: ${statuses(watch.messages).join(', ')}`);
    assert.deepEqual(watch.cardNames(a.value.id), ['card-1.jpg', 'card-2.jpg']);
    assert.deepEqual(watch.cardNames(b.value.id), ['card-3.png']);
  });

  it('cancels a running batch after its card in flight, and a resume finishes it with each card once', async () => {
    const dir = store.add(makeTmpDir('cancel')).dir;
    // Enough cards that some are still waiting when the cancel arrives (one worker, one card being prepared).
    const cards = [...testCards, ...testCards.map(c => ({ ...c, name: `again-${c.name}` }))];
    await writeTestCards(dir, cards);
    const watch = store.add(new BatchWatch(client));
    const started = await client.startBatch({ dir, fields: testFields, language: 'eng', options: {} });
    assert.ok(started.ok);
    await watch.until(m => m.type === 'card');
    const cancelled = await client.cancelBatch(started.value.id);
    assert.ok(cancelled.ok);
    assert.equal((await watch.ended(started.value.id)).status, 'cancelled');
    const config = await readBatchConfig(dir);
    assert.ok(config.ok);
    assert.equal(config.value.status, 'cancelled');
    const doneBefore = watch.cardNames(started.value.id).length;
    assert.ok(doneBefore >= 1 && doneBefore < cards.length, `cancel came too late to test: ${doneBefore} cards done`);

    const from = watch.messages.length;
    const resumed = await client.resumeBatch(dir);
    assert.ok(resumed.ok);
    assert.equal((await watch.ended(resumed.value.id, from)).status, 'finished');
    const rows = await readCsv(batchPaths(dir).csvFile);
    assert.deepEqual(rows.slice(1).map(r => r[0]).sort(), cards.map(c => c.name).sort());
  });

  it('writes a batch that starts at once as running, once before its first card; one that waits, as queued first', async () => {
    const first = store.add(makeTmpDir('gamma')).dir;
    const second = store.add(makeTmpDir('delta')).dir;
    await writeTestCards(first, testCards.slice(0, 1));
    await writeTestCards(second, testCards.slice(1, 2));
    const watch = store.add(new BatchWatch(client));
    const a = await client.startBatch({ dir: first, fields: testFields, language: 'eng', options: {} });
    assert.ok(a.ok);
    // The reply is read back from config.json as the engine wrote it; the engine writes it with each status it sends.
    assert.equal(a.value.status, 'running');
    const b = await client.startBatch({ dir: second, fields: testFields, language: 'eng', options: {} });
    assert.ok(b.ok);
    assert.equal(b.value.status, 'queued');
    await watch.ended(b.value.id);
    const before = (id: string) => {
      const firstCard = watch.messages.findIndex(m => m.type === 'card' && m.batchId === id);
      return watch.messages.slice(0, firstCard).flatMap(m => (m.type === 'status' && m.batchId === id ? [m.status] : []));
    };
    assert.deepEqual(before(a.value.id), ['running']);
    assert.deepEqual(before(b.value.id), ['queued', 'running']);
  });

  it('pauses a queued batch without running it, and resume runs it', async () => {
    const busy = store.add(makeTmpDir('busy')).dir;
    const waiting = store.add(makeTmpDir('waiting')).dir;
    await writeTestCards(busy, testCards.slice(0, 2));
    await writeTestCards(waiting, testCards.slice(2));
    const watch = store.add(new BatchWatch(client));
    const a = await client.startBatch({ dir: busy, fields: testFields, language: 'eng', options: {} });
    const b = await client.startBatch({ dir: waiting, fields: testFields, language: 'eng', options: {} });
    assert.ok(a.ok && b.ok);
    const paused = await client.pauseBatch(b.value.id);
    assert.ok(paused.ok, JSON.stringify(paused));
    assert.equal((await watch.ended(b.value.id)).status, 'paused');
    assert.equal((await watch.ended(a.value.id)).status, 'finished');
    assert.deepEqual(watch.cardNames(b.value.id), []);
    const from = watch.messages.length;
    const resumed = await client.resumeBatch(waiting);
    assert.ok(resumed.ok);
    assert.equal((await watch.ended(b.value.id, from)).status, 'finished');
    assert.deepEqual(watch.cardNames(b.value.id), ['card-3.png']);
  });
});
