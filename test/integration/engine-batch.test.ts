// The engine child on generated cards, through EngineClient: batch layout, faults, retry, unknown language.
import * as assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import { BatchWatch, readCsv } from '../support/batch-watch';
import { faultMaxInputPixels, writeFaultCards } from '../support/fault-cards';
import { renderCard } from '../support/make-cards';
import { renderFixedCard, testCards, testFields, writeTestCards } from '../support/engine-cards';
import { makeTmpDir } from '../support/tmp-dir';
import { batchPaths, readBatchSummary, readErrorEntries } from '../../src/batch-folder/index';

describe('engine batches (real OCR)', function () {
  this.timeout(120_000);
  const suite = new DisposableStore();
  let client: EngineClient;
  let dataDir: string;
  let store: DisposableStore;

  before(async () => {
    dataDir = suite.add(makeTmpDir('engine-data')).dir;
    client = await EngineClient.start({ settings: { dataDir, workers: 2 } });
    suite.add({ dispose: () => { void client.close(); } });
  });
  after(async () => { await client.close(); suite.dispose(); });
  beforeEach(() => { store = new DisposableStore(); });
  afterEach(() => store.dispose());

  async function runBatch(dir: string, start: () => ReturnType<EngineClient['startBatch']>) {
    const watch = store.add(new BatchWatch(client));
    const started = await start();
    assert.ok(started.ok, started.ok ? '' : started.error.message);
    const end = await watch.ended(started.value.id);
    return { batch: started.value, end, watch, dir };
  }

  it('writes config, checkpoint, one JSON per card and one CSV row per card, with the fields read', async () => {
    const dir = store.add(makeTmpDir('layout')).dir;
    await writeTestCards(dir);
    const { batch, end, watch } = await runBatch(dir, () => client.startBatch({ dir, fields: testFields, language: 'eng', options: {} }));
    assert.equal(end.status, 'finished');
    assert.deepEqual(watch.cardNames(batch.id), testCards.map(c => c.name).sort());
    const paths = batchPaths(dir);
    assert.deepEqual((await readdir(dir)).sort(), ['card-1.jpg', 'card-2.jpg', 'card-3.png', 'checkpoint.journal.jsonl', 'checkpoint.json', 'config.json', 'csv', 'json', 'report.json']);
    assert.deepEqual((await readdir(paths.jsonDir)).sort(), ['card-1.jpg.json', 'card-2.jpg.json', 'card-3.png.json']);
    const rows = await readCsv(paths.csvFile);
    assert.deepEqual(rows[0], ['card', 'author', 'title', 'shelfmark', 'confidence', 'needs_review', 'text']);
    assert.deepEqual(rows.slice(1).map(r => r.slice(0, 4)).sort(), testCards.map(c => [c.name, c.author, c.title, c.shelf]));
    const config = JSON.parse(await readFile(paths.config, 'utf8'));
    assert.deepEqual([config.id, config.status, config.language, config.fields.length], [batch.id, 'finished', 'eng', 3]);
    const checkpoint = JSON.parse(await readFile(paths.checkpoint, 'utf8'));
    assert.deepEqual(checkpoint.done.sort(), testCards.map(c => c.name).sort());
    const summary = await readBatchSummary(dir);
    assert.ok(summary.ok);
    assert.deepEqual({ ...summary.value.progress }, { processed: 3, total: 3, succeeded: 3, failed: 0, cardsPerSecond: 0, etaSeconds: 0 });
    const last = watch.messages.filter(m => m.type === 'progress' && m.batchId === batch.id).at(-1);
    assert.deepEqual(last && last.type === 'progress' ? [last.processed, last.total, last.succeeded, last.failed] : [], [3, 3, 3, 0]);
  });

  it('moves every kind of broken card to _errors/ with its code while the good cards succeed', async () => {
    const dir = store.add(makeTmpDir('faults')).dir;
    await writeTestCards(dir, testCards.slice(0, 2));
    const expected = await writeFaultCards(dir, await renderCard({ lines: ['Author: Broken, Card'], width: 900, height: 550 }));
    const { batch, end, watch } = await runBatch(dir, () => client.startBatch({ dir, fields: testFields, language: 'eng', options: { maxInputPixels: faultMaxInputPixels } }));
    assert.equal(end.status, 'finished');
    assert.deepEqual(watch.cardNames(batch.id), ['card-1.jpg', 'card-2.jpg']);
    const errors = await readErrorEntries(dir);
    assert.deepEqual(Object.fromEntries(errors.map(e => [e.card, e.problem.code])), expected);
    assert.deepEqual((await readdir(batchPaths(dir).errorsDir)).sort(), [...Object.keys(expected), 'errors.jsonl'].sort());
    const errorMessages = watch.messages.flatMap(m => m.type === 'error' ? [[m.card, m.problem.code]] : []);
    assert.deepEqual(Object.fromEntries(errorMessages), expected);
    assert.equal((await readCsv(batchPaths(dir).csvFile)).length, 1 + 2);
  });

  it('retries a fixed card from _errors/: it leaves _errors/ and the CSV gains its row once', async () => {
    const dir = store.add(makeTmpDir('retry')).dir;
    await writeTestCards(dir, testCards.slice(0, 1));
    const good = await renderFixedCard();
    await writeFaultCards(dir, good, ['truncated']);
    const first = await runBatch(dir, () => client.startBatch({ dir, fields: testFields, language: 'eng', options: {} }));
    assert.deepEqual((await readErrorEntries(dir)).map(e => [e.card, e.problem.code]), [['fault-truncated.jpg', 'card/truncated']]);
    await writeFile(join(batchPaths(dir).errorsDir, 'fault-truncated.jpg'), good);
    const retried = await runBatch(dir, () => client.retryBatch(dir));
    assert.equal(retried.batch.id, first.batch.id);
    assert.equal(retried.end.status, 'finished');
    assert.deepEqual(await readErrorEntries(dir), []);
    const rows = await readCsv(batchPaths(dir).csvFile);
    assert.deepEqual(rows.slice(1).map(r => r.slice(0, 4)).sort(), [
      ['card-1.jpg', 'Smith, John', 'A Short History', 'QA 76.5'],
      ['fault-truncated.jpg', 'Fixed, Card', 'Second Chance', 'R 2'],
    ]);
    const summary = await readBatchSummary(dir);
    assert.ok(summary.ok);
    assert.deepEqual([summary.value.progress.succeeded, summary.value.progress.failed, summary.value.status], [2, 0, 'finished']);
  });

  it('refuses an unknown language with language/missing naming the folders searched, writing nothing', async () => {
    const dir = store.add(makeTmpDir('nolang')).dir;
    await writeTestCards(dir, testCards.slice(0, 1));
    const started = await client.startBatch({ dir, fields: [], language: 'xyz', options: {} });
    assert.ok(!started.ok);
    assert.equal(started.error.code, 'language/missing');
    assert.match(started.error.message, /^Language "xyz" not found \(looked in \/usr\/share\/tesseract-ocr\/5\/tessdata, \/usr\/share\/tesseract-ocr\/4\.00\/tessdata\)/);
    assert.deepEqual(started.error.details?.searched, ['/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata']);
    assert.deepEqual(await readdir(dir), ['card-1.jpg']);
  });
});
