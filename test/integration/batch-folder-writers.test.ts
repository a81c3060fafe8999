// Nothing the user does is lost (issue 12), with real processes and real OCR: one writer per batch folder
// (a second CLI or engine is told who holds it and writes nothing), a retry that reads the re-scan the archivist
// put back rather than the broken copy, and a CSV whose rows come in card order.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import { BatchWatch, readCsv } from '../support/batch-watch';
import { renderFixedCard, testCards, testFields, writeTestCards } from '../support/engine-cards';
import { runCli } from '../support/run-cli';
import { makeTmpDir } from '../support/tmp-dir';
import { batchPaths } from '../../src/batch-folder/index';

const lockFile = (dir: string) => join(dir, '.card-ocr.lock');

describe('batch folder writers (real processes, real OCR)', function () {
  this.timeout(180_000);
  let store: DisposableStore;
  beforeEach(() => { store = new DisposableStore(); });
  afterEach(() => store.dispose());

  it('a second writer is refused with "in use by …" and exit code 4, writing nothing; a dead holder\'s lock is taken over', async () => {
    const dir = store.add(makeTmpDir('lock-cli')).dir;
    const dataDir = store.add(makeTmpDir('lock-cli-data')).dir;
    await writeTestCards(dir, testCards.slice(0, 2));
    // This test process is alive: to the CLI it is another writer of the folder.
    const holder = { pid: process.pid, host: hostname(), startedAt: '2026-12-01T10:00:00.000Z', purpose: 'run', owner: 'card-ocr run' };
    await writeFile(lockFile(dir), JSON.stringify(holder));
    const refused = await runCli(['run', dir, '--data-dir', dataDir]);
    assert.equal(refused.code, 4, refused.stdout + refused.stderr);
    assert.match(refused.stderr, new RegExp(`^Batch in ${dir} is in use by card-ocr run \\(run, pid ${process.pid} on host .+, since 2026-12-01T10:00:00\\.000Z\\); wait for it to finish, or stop it`));
    assert.deepEqual((await readdir(dir)).sort(), ['.card-ocr.lock', 'card-1.jpg', 'card-2.jpg']);

    // The holder died (a pid that has exited): the next run takes the folder over and leaves no lock behind.
    const gone = spawn(process.execPath, ['-e', '0']);
    await once(gone, 'exit');
    await writeFile(lockFile(dir), JSON.stringify({ ...holder, pid: gone.pid }));
    const ran = await runCli(['run', dir, '--data-dir', dataDir]);
    assert.equal(ran.code, 0, ran.stdout + ran.stderr);
    assert.ok(!(await readdir(dir)).includes('.card-ocr.lock'));
  });

  it('two engines on one folder: the second is told the batch is in use, and the CSV holds each card once', async () => {
    const dir = store.add(makeTmpDir('lock-engines')).dir;
    const dataDir = store.add(makeTmpDir('lock-engines-data')).dir;
    await writeTestCards(dir);
    const first = await EngineClient.start({ settings: { dataDir, workers: 1, owner: 'card-ocr run' } });
    store.add({ dispose: () => { void first.close(); } });
    const second = await EngineClient.start({ settings: { dataDir, workers: 1 } });
    store.add({ dispose: () => { void second.close(); } });
    const watch = store.add(new BatchWatch(first));
    const started = await first.startBatch({ dir, fields: testFields, language: 'eng', options: {} });
    assert.ok(started.ok);
    for (const attempt of [() => second.startBatch({ dir, fields: testFields, language: 'eng', options: {} }), () => second.resumeBatch(dir), () => second.retryBatch(dir)]) {
      const refused = await attempt();
      assert.ok(!refused.ok);
      assert.equal(refused.error.code, 'batch/busy');
      assert.match(refused.error.message, / is in use by card-ocr run \((run|resume), pid \d+ on host /);
    }
    assert.equal((await watch.ended(started.value.id)).status, 'finished');
    const rows = await readCsv(batchPaths(dir).csvFile);
    assert.deepEqual(rows.slice(1).map(row => row[0]), ['card-1.jpg', 'card-2.jpg', 'card-3.png']);
    await first.close();
    // Once the first has stopped, the folder is free.
    const secondWatch = store.add(new BatchWatch(second));
    const resumed = await second.resumeBatch(dir);
    assert.ok(resumed.ok, resumed.ok ? '' : resumed.error.message);
    assert.equal((await secondWatch.ended(resumed.value.id)).status, 'finished');
    await second.close();
    assert.deepEqual((await readCsv(batchPaths(dir).csvFile)).slice(1).map(row => row[0]), ['card-1.jpg', 'card-2.jpg', 'card-3.png']);
  });

  it('retry reads the new scan put back in the folder, keeps the broken copy, and says which file it read', async () => {
    const dir = store.add(makeTmpDir('rescan')).dir;
    const dataDir = store.add(makeTmpDir('rescan-data')).dir;
    await writeTestCards(dir, testCards.slice(0, 1));
    const good = await renderFixedCard();
    const broken = good.subarray(0, Math.floor(good.length * 0.6));
    await writeFile(join(dir, 'card-9.jpg'), broken);
    const fields = join(store.add(makeTmpDir('rescan-fields')).dir, 'fields.json');
    await writeFile(fields, JSON.stringify({ fields: testFields }));
    assert.equal((await runCli(['run', dir, '--fields', fields, '--data-dir', dataDir])).code, 1);
    assert.deepEqual(await readdir(batchPaths(dir).errorsDir), ['card-9.jpg', 'errors.jsonl']);
    // The archivist scans the card again and puts it back in the folder; the broken copy stays in _errors/.
    await writeFile(join(dir, 'card-9.jpg'), good);
    const retried = await runCli(['retry', dir, '--data-dir', dataDir]);
    assert.equal(retried.code, 0, retried.stdout + retried.stderr);
    assert.match(retried.stdout, /retry reads card-9\.jpg from the batch folder \(a new file there\); the failed copy is kept as _errors\/superseded\/card-9\.failed-[0-9TZ-]+\.jpg/);
    assert.deepEqual(await readFile(join(dir, 'card-9.jpg')), good);
    const kept = await readdir(join(batchPaths(dir).errorsDir, 'superseded'));
    assert.equal(kept.length, 1);
    assert.deepEqual(await readFile(join(batchPaths(dir).errorsDir, 'superseded', kept[0])), broken);
    const rows = await readCsv(batchPaths(dir).csvFile);
    assert.deepEqual(rows.slice(1).map(row => row.slice(0, 4)), [['card-1.jpg', 'Smith, John', 'A Short History', 'QA 76.5'], ['card-9.jpg', 'Fixed, Card', 'Second Chance', 'R 2']]);
  });
});
