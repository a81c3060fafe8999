// Crashes for real: SIGKILL the engine child, kill the whole CLI process group, a card that kills the engine
// twice. Afterwards every card must be in the CSV and json/ exactly once, or in _errors/ with its reason.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import { BatchWatch, readCsv } from '../support/batch-watch';
import { makeTmpDir } from '../support/tmp-dir';
import { testCards, testFields, writeTestCards } from '../support/engine-cards';
import { batchPaths, readErrorEntries } from '../../src/batch-folder/index';

const fourCards = [...testCards, { name: 'card-4.jpg', author: 'Green, Lisa', title: 'Maps and Charts', shelf: 'GA 101' }];

async function assertEachCardOnce(dir: string, cards: readonly string[]): Promise<void> {
  const rows = await readCsv(batchPaths(dir).csvFile);
  assert.deepEqual(rows.slice(1).map(r => r[0]).sort(), [...cards].sort());
  assert.deepEqual((await readdir(batchPaths(dir).jsonDir)).sort(), cards.map(c => `${c}.json`).sort());
}

describe('engine crashes (real OCR, real kills)', function () {
  this.timeout(180_000);
  let store: DisposableStore;
  beforeEach(() => { store = new DisposableStore(); });
  afterEach(() => store.dispose());

  async function startClient(env?: Record<string, string>): Promise<EngineClient> {
    const dataDir = store.add(makeTmpDir('crash-data')).dir;
    const client = await EngineClient.start({ settings: { dataDir, workers: 2 }, ...(env ? { env } : {}) });
    store.add({ dispose: () => { void client.close(); } });
    return client;
  }

  it('resumes after SIGKILL of the engine child on the first card: every card once in CSV and json/', async () => {
    const dir = store.add(makeTmpDir('sigkill')).dir;
    await writeTestCards(dir, fourCards);
    const client = await startClient();
    const watch = store.add(new BatchWatch(client));
    const restarted = new Promise<{ reason: string }>(resolve => store.add(client.onDidRestart(resolve)));
    const started = await client.startBatch({ dir, fields: testFields, language: 'eng', options: {} });
    assert.ok(started.ok);
    await watch.until(m => m.type === 'card');
    const killedPid = client.childPid!;
    process.kill(killedPid, 'SIGKILL');
    assert.equal((await restarted).reason, 'the engine was killed (SIGKILL)');
    const end = await watch.ended(started.value.id);
    assert.equal(end.status, 'finished');
    assert.notEqual(client.childPid, killedPid);
    await assertEachCardOnce(dir, fourCards.map(c => c.name));
    const rows = await readCsv(batchPaths(dir).csvFile);
    assert.deepEqual(rows.slice(1).map(r => r.slice(0, 4)).sort(), fourCards.map(c => [c.name, c.author, c.title, c.shelf]));
  });

  it('survives the whole process dying (CLI and engine killed together): a new engine resumes, each card once', async () => {
    const dir = store.add(makeTmpDir('whole')).dir;
    const dataDir = store.add(makeTmpDir('whole-data')).dir;
    await writeTestCards(dir, fourCards);
    const root = resolve(__dirname, '../..');
    // Its own process group, so one kill takes the CLI and its engine child at once, as a power cut would.
    const cli = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'run', dir, '--workers', '2', '--data-dir', dataDir],
      { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = once(cli, 'exit');
    const lines = createInterface({ input: cli.stdout! });
    await new Promise<void>(resolveLine => lines.on('line', line => { if (/ ok /.test(line)) { resolveLine(); } }));
    process.kill(-cli.pid!, 'SIGKILL');
    const [, signal] = await exited;
    assert.equal(signal, 'SIGKILL');
    const client = await startClient();
    const watch = store.add(new BatchWatch(client));
    const resumed = await client.resumeBatch(dir);
    assert.ok(resumed.ok);
    assert.equal((await watch.ended(resumed.value.id)).status, 'finished');
    await assertEachCardOnce(dir, fourCards.map(c => c.name));
  });

  it('sets a card that kills the engine twice aside as card/killed-engine, blaming no neighbour', async () => {
    const dir = store.add(makeTmpDir('poison')).dir;
    await writeTestCards(dir);
    // TEST HOOK (src/engine/main.ts): the engine SIGKILLs itself whenever it starts this card.
    const client = await startClient({ CARD_OCR_TEST_CRASH_ON_CARD: 'card-2.jpg' });
    const watch = store.add(new BatchWatch(client));
    const restarts: string[] = [];
    store.add(client.onDidRestart(({ reason }) => restarts.push(reason)));
    const started = await client.startBatch({ dir, fields: testFields, language: 'eng', options: {} });
    assert.ok(started.ok);
    const end = await watch.until(m => m.type === 'status' && m.status === 'finished');
    assert.equal(end.batchId, started.value.id);
    assert.deepEqual(restarts, ['the engine was killed (SIGKILL)', 'the engine was killed (SIGKILL)']);
    assert.deepEqual((await readErrorEntries(dir)).map(e => [e.card, e.problem.code]), [['card-2.jpg', 'card/killed-engine']]);
    await assertEachCardOnce(dir, ['card-1.jpg', 'card-3.png']);
  });
});
