// Batches over the API with the real engine child on a few small generated cards: upload → batch → ws to
// completion → files on disk; re-attach with and without since; several and stalled clients; retry; resume.
import * as assert from 'node:assert/strict';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import { BatchAnswer, BatchList, CardResult, CardsPage, ErrorList, UploadResponse, type WsFrame } from '../../src/protocol/index';
import { startServer, type ServerHandle } from '../../src/server/index';
import { httpRequest, upload } from '../support/api-client';
import { parseCsv, readCsv } from '../support/batch-watch';
import { renderFixedCard, testCards, testFields, writeTestCards } from '../support/engine-cards';
import { writeFaultCards } from '../support/fault-cards';
import { renderCard } from '../support/make-cards';
import { makeTmpDir } from '../support/tmp-dir';
import { watchBatch, type BatchWatcher } from '../support/watch-batch';
import { batchPaths } from '../../src/batch-folder/index';

const cardNames = testCards.map(c => c.name).sort();

function assertSeqOrder(frames: WsFrame[]): void {
  assert.equal(frames[0]?.type, 'snapshot', 'the first frame is the snapshot');
  const seqs = frames.map(f => f.seq);
  for (let i = 1; i < seqs.length; i += 1) { assert.ok(seqs[i] > seqs[i - 1], `seq must increase: ${seqs.join(',')}`); }
}

function cardFrames(watcher: BatchWatcher): string[] {
  return watcher.frames.flatMap(f => (f.type === 'card' ? [f.result.card] : []));
}

describe('server batches (real engine, real OCR)', function () {
  this.timeout(120_000);
  const suite = new DisposableStore();
  let store: DisposableStore;
  let engine: EngineClient;
  let server: ServerHandle;
  let dataDir: string;
  let root: string;

  before(async () => {
    const tmp = suite.add(makeTmpDir('server-batches')).dir;
    dataDir = join(tmp, 'data');
    root = join(tmp, 'root');
    await mkdir(root, { recursive: true });
    engine = await EngineClient.start({ settings: { dataDir, workers: 1 } });
    server = await startServer({ engine, dataDir, roots: [root] });
  });
  after(async () => {
    await server?.close();
    await engine?.close();
    suite.dispose();
  });
  beforeEach(() => { store = new DisposableStore(); });
  afterEach(() => store.dispose());

  /** A folder of the three test cards inside the allowed root, plus whatever `extra` adds. */
  async function cardFolder(name: string, extra: (dir: string) => Promise<void> = async () => {}): Promise<string> {
    const dir = join(root, name);
    await mkdir(dir);
    await writeTestCards(dir);
    await extra(dir);
    return dir;
  }

  async function start(body: object): Promise<BatchAnswer> {
    const answer = await httpRequest(server, 'POST', '/api/v1/batches', { body });
    assert.equal(answer.status, 201, answer.text);
    return BatchAnswer.parse(answer.body);
  }

  it('uploads cards, starts a batch with fields, watches it to the end, and leaves json, csv and _errors/ on disk', async () => {
    const files = await Promise.all(testCards.map(async c => ({
      name: c.name,
      data: await renderCard({ lines: [`Author: ${c.author}`, `Title: ${c.title}`, `Class: ${c.shelf}`], width: 900, height: 550, format: c.name.endsWith('.png') ? 'png' : 'jpg' }),
    })));
    const truncated = files[0].data.subarray(0, Math.floor(files[0].data.length * 0.6));
    const uploaded = await upload(server, [...files, { name: 'torn.jpg', data: truncated }]);
    assert.equal(uploaded.status, 201, uploaded.text);
    const { uploadId, files: kept } = UploadResponse.parse(uploaded.body);
    assert.deepEqual(kept.map(f => f.name), [...testCards.map(c => c.name), 'torn.jpg']);

    const { batch } = await start({ uploadId, fields: testFields, language: 'eng', name: 'Uploaded cards' });
    assert.deepEqual([batch.name, batch.fields, batch.dir], ['Uploaded cards', ['author', 'title', 'shelfmark'], join(dataDir, 'uploads', uploadId)]);
    const watcher = store.add(await watchBatch(server, batch.id));
    await watcher.untilStatus('finished');
    assertSeqOrder(watcher.frames);
    assert.deepEqual(watcher.cardNames(), cardNames);
    const errorFrames = watcher.frames.flatMap(f => (f.type === 'error' ? [[f.card, f.problem.code]] : []));
    const snapshotErrors = watcher.frames[0].type === 'snapshot' ? watcher.frames[0].recentErrors.map(e => [e.card, e.problem.code]) : [];
    assert.deepEqual([...snapshotErrors, ...errorFrames], [['torn.jpg', 'card/truncated']]);

    // On disk: one JSON per good card, a CSV row each with the fields read, the torn card in _errors/.
    const paths = batchPaths(batch.dir);
    assert.deepEqual((await readdir(paths.jsonDir)).sort(), cardNames.map(n => `${n}.json`));
    const rows = await readCsv(paths.csvFile);
    assert.deepEqual(rows.slice(1).map(r => r.slice(0, 4)).sort(), testCards.map(c => [c.name, c.author, c.title, c.shelf]));
    assert.deepEqual((await readdir(paths.errorsDir)).sort(), ['errors.jsonl', 'torn.jpg']);

    // The same over REST.
    const got = BatchAnswer.parse((await httpRequest(server, 'GET', `/api/v1/batches/${batch.id}`)).body);
    assert.deepEqual([got.batch.status, got.percent, got.batch.progress.succeeded, got.batch.progress.failed], ['finished', 100, 3, 1]);
    const page = CardsPage.parse((await httpRequest(server, 'GET', `/api/v1/batches/${batch.id}/cards?limit=2`)).body);
    assert.deepEqual([page.total, page.cards.length, page.offset, page.limit], [3, 2, 0, 2]);
    const one = CardResult.parse((await httpRequest(server, 'GET', `/api/v1/batches/${batch.id}/cards/card-2.jpg`)).body);
    assert.equal(one.fields.author.value, 'Miller, Anna');
    const errors = ErrorList.parse((await httpRequest(server, 'GET', `/api/v1/batches/${batch.id}/errors`)).body);
    assert.deepEqual(errors.errors.map(e => [e.card, e.problem.code]), [['torn.jpg', 'card/truncated']]);
    const csv = await httpRequest(server, 'GET', `/api/v1/batches/${batch.id}/csv`);
    assert.deepEqual([csv.status, csv.headers['content-type'], parseCsv(csv.text)], [200, 'text/csv; charset=utf-8', rows]);
    assert.equal(csv.headers['content-disposition'], `attachment; filename=${uploadId}.csv`);
    const list = BatchList.parse((await httpRequest(server, 'GET', '/api/v1/batches')).body);
    assert.ok(list.batches.some(b => b.id === batch.id && b.status === 'finished'));
    const again = await httpRequest(server, 'POST', '/api/v1/batches', { body: { uploadId } });
    assert.deepEqual([again.status, again.body.error.code], [409, 'batch/busy']);
  });

  it('gives re-attaching clients a complete view, with since only what they missed, to several clients at once', async () => {
    const dir = await cardFolder('reattach', async d => { await copyFile(join(d, 'card-1.jpg'), join(d, 'card-4.jpg')); });
    const all = [...cardNames, 'card-4.jpg'].sort();
    const { batch } = await start({ folder: dir, fields: testFields });
    const first = store.add(await watchBatch(server, batch.id));
    await first.until(f => f.type === 'card');
    const lastSeen = first.lastSeq;
    const seenFirst = first.cardNames();
    first.dispose();

    const withSince = store.add(await watchBatch(server, batch.id, { since: lastSeen }));
    const withoutSince = store.add(await watchBatch(server, batch.id));
    await Promise.all([withSince.untilStatus('finished'), withoutSince.untilStatus('finished')]);
    for (const watcher of [withSince, withoutSince]) { assertSeqOrder(watcher.frames); }

    const sinceSnapshot = withSince.frames[0];
    assert.ok(sinceSnapshot.type === 'snapshot');
    assert.ok(sinceSnapshot.seq >= lastSeen);
    // With since, the snapshot holds only results after it: nothing the first connection already had.
    assert.deepEqual(sinceSnapshot.recentCards.filter(r => seenFirst.includes(r.card)), []);
    assert.deepEqual([...new Set([...seenFirst, ...withSince.cardNames()])].sort(), all);
    assert.deepEqual(withoutSince.cardNames(), all);
    // Each card frame after a snapshot comes once per client.
    for (const watcher of [withSince, withoutSince]) {
      assert.equal(new Set(cardFrames(watcher)).size, cardFrames(watcher).length);
    }
  });

  it('cuts off a stalled client without slowing the others, and it re-attaches to a complete view', async () => {
    const otherData = suite.add(makeTmpDir('server-stall')).dir;
    const stallServer = await startServer({ engine, dataDir: otherData, roots: [root], limits: { heartbeatMs: 1000 } });
    try {
      const dir = await cardFolder('stall');
      const answer = await httpRequest(stallServer, 'POST', '/api/v1/batches', { body: { folder: dir, fields: testFields } });
      const { batch } = BatchAnswer.parse(answer.body);
      const dropped = new Promise(resolve => store.add(stallServer.onDidDropWatcher(resolve)));
      const stalled = store.add(await watchBatch(stallServer, batch.id));
      stalled.socket.pause();   // reads nothing from here on: no frames, no pongs
      const lively = store.add(await watchBatch(stallServer, batch.id));
      await lively.untilStatus('finished');
      assert.deepEqual(lively.cardNames(), cardNames);
      assert.deepEqual(await dropped, { batchId: batch.id, reason: 'no-pong' });
      // The batch is over by now, so the snapshot alone must make the view complete.
      const back = store.add(await watchBatch(stallServer, batch.id, { since: stalled.lastSeq }));
      const snapshot = await back.until(f => f.type === 'snapshot');
      assert.deepEqual(snapshot.type === 'snapshot' && snapshot.batch.status, 'finished');
      assert.deepEqual([...new Set([...stalled.cardNames(), ...back.cardNames()])].sort(), cardNames);
    } finally {
      await stallServer.close();
    }
  });

  it('retries the cards in _errors/ over the API: the fixed card leaves _errors/ and gains its CSV row once', async () => {
    const good = await renderFixedCard();
    let torn = '';
    const dir = await cardFolder('retry', async d => { torn = Object.keys(await writeFaultCards(d, good, ['truncated']))[0]; });
    const { batch } = await start({ folder: dir, fields: testFields });
    const watcher = store.add(await watchBatch(server, batch.id));
    await watcher.untilStatus('finished');
    assert.deepEqual(ErrorList.parse((await httpRequest(server, 'GET', `/api/v1/batches/${batch.id}/errors`)).body).errors.map(e => e.card), [torn]);

    await writeFile(join(batchPaths(dir).errorsDir, torn), good);   // the scan is fixed
    const since = watcher.lastSeq;
    const retried = await httpRequest(server, 'POST', `/api/v1/batches/${batch.id}/retry`);
    assert.equal(retried.status, 202, retried.text);
    await watcher.until(f => f.seq > since && f.type === 'status' && f.status === 'finished');
    assert.deepEqual(ErrorList.parse((await httpRequest(server, 'GET', `/api/v1/batches/${batch.id}/errors`)).body).errors, []);
    const rows = await readCsv(batchPaths(dir).csvFile);
    assert.deepEqual(rows.slice(1).map(r => r[0]).sort(), [...cardNames, torn].sort());
    assert.deepEqual(rows.find(r => r[0] === torn)?.slice(1, 4), ['Fixed, Card', 'Second Chance', 'R 2']);
  });

  it('cancels a running batch and resumes it over the API: every card exactly once', async () => {
    const dir = await cardFolder('resume', async d => {
      await copyFile(join(d, 'card-1.jpg'), join(d, 'card-4.jpg'));
      await copyFile(join(d, 'card-2.jpg'), join(d, 'card-5.jpg'));
    });
    const all = [...cardNames, 'card-4.jpg', 'card-5.jpg'].sort();
    const { batch } = await start({ folder: dir, fields: testFields });
    const watcher = store.add(await watchBatch(server, batch.id));
    await watcher.until(f => f.type === 'card');
    const cancelled = await httpRequest(server, 'POST', `/api/v1/batches/${batch.id}/cancel`);
    assert.equal(cancelled.status, 202, cancelled.text);
    const stop = await watcher.untilStatus('cancelled');
    const doneBefore = watcher.cardNames();
    assert.ok(doneBefore.length < all.length, `cancel came too late: ${doneBefore.join(',')}`);

    const resumed = await httpRequest(server, 'POST', `/api/v1/batches/${batch.id}/resume`);
    assert.equal(resumed.status, 202, resumed.text);
    await watcher.until(f => f.seq > stop.seq && f.type === 'status' && f.status === 'finished');
    assert.deepEqual(watcher.cardNames(), all);
    const rows = await readCsv(batchPaths(dir).csvFile);
    assert.deepEqual(rows.slice(1).map(r => r[0]).sort(), all);
    const page = CardsPage.parse((await httpRequest(server, 'GET', `/api/v1/batches/${batch.id}/cards?limit=500`)).body);
    assert.deepEqual(page.cards.map(c => c.card).sort(), all);
  });

  it('finds its batches again after a restart, and reads results back from disk for an old since', async () => {
    const dir = await cardFolder('restart');
    const { batch } = await start({ folder: dir, fields: testFields });
    const watcher = store.add(await watchBatch(server, batch.id));
    await watcher.untilStatus('finished');
    const oldSeq = watcher.lastSeq;
    watcher.dispose();

    // A new engine and server on the same data folder: only batches.json remembers the batch.
    const freshEngine = await EngineClient.start({ settings: { dataDir, workers: 1 } });
    await server.close();
    try {
      server = await startServer({ engine: freshEngine, dataDir, roots: [root] });
      const list = BatchList.parse((await httpRequest(server, 'GET', '/api/v1/batches')).body);
      assert.ok(list.batches.some(b => b.id === batch.id && b.status === 'finished'), JSON.stringify(list.batches.map(b => b.id)));
      for (const since of [oldSeq, undefined]) {
        const back = store.add(await watchBatch(server, batch.id, since === undefined ? {} : { since }));
        const snapshot = await back.until(f => f.type === 'snapshot');
        assert.ok(snapshot.type === 'snapshot');
        assert.deepEqual([snapshot.batch.status, snapshot.percent, snapshot.recentCards.map(r => r.card).sort()], ['finished', 100, cardNames]);
      }
    } finally {
      await server.close();
      await freshEngine.close();
      server = await startServer({ engine, dataDir, roots: [root] });
    }
  });
});
