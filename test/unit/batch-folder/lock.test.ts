// The batch folder's single-writer lock on real files and real processes: one holder at a time, a clear
// "in use by" naming it, and a lock whose process is gone taken over.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { makeTmpDir, type TmpDir } from '../../support/tmp-dir';
import { BatchLock, lockPath, readLockHolder, withBatchLock } from '../../../src/batch-folder/index';

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await once(child, 'exit');
  return child.pid!;
}

describe('batch folder lock', () => {
  let tmp: TmpDir;
  beforeEach(() => { tmp = makeTmpDir('lock'); });
  afterEach(() => tmp.dispose());

  it('removes what a writer killed mid-write left (json/, csv/, _errors/, its own files), and nothing else, on taking over its lock', async () => {
    const dir = tmp.dir;
    for (const folder of ['json', 'csv', '_errors']) { await mkdir(join(dir, folder)); }
    const files: Record<string, string> = {
      'json/a.jpg.json': 'kept', 'json/b.jpg.json.4242.tmp': 'dead writer', 'csv/cards.csv.17.tmp': 'dead writer',
      '_errors/errors.jsonl.9.tmp': 'dead writer', 'config.json.31.tmp': 'dead writer', 'checkpoint.json.31.tmp': 'dead writer',
      // Not ours: a user's file and a name that only looks like a temporary in the batch folder.
      'notes.txt.12.tmp': 'user', 'scan.jpg': 'card', 'json/c.jpg.json.tmp': 'no pid: not writeFileInside',
    };
    for (const [name, text] of Object.entries(files)) { await writeFile(join(dir, name), text); }
    // A folder that is a link is not swept: its files are not the batch's to remove.
    const outside = join(dir, '..', `${Date.now()}-outside`);
    await mkdir(outside);
    await writeFile(join(outside, 'x.json.5.tmp'), 'outside');
    // A lock released in the normal way leaves nothing to sweep: taking it reads no folder and removes nothing.
    const normal = await BatchLock.acquire(dir, 'review');
    assert.ok(normal.ok);
    assert.ok((await readdir(join(dir, 'json'))).includes('b.jpg.json.4242.tmp'));
    await normal.value.release();
    const dead = async () => writeFile(lockPath(dir), JSON.stringify({ pid: await deadPid(), host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', purpose: 'run' }));
    await dead();
    const lock = await BatchLock.acquire(dir, 'resume');
    assert.ok(lock.ok);
    assert.deepEqual((await readdir(join(dir, 'json'))).sort(), ['a.jpg.json', 'c.jpg.json.tmp']);
    assert.deepEqual(await readdir(join(dir, 'csv')), []);
    assert.deepEqual(await readdir(join(dir, '_errors')), []);
    assert.deepEqual((await readdir(dir)).sort(), ['.card-ocr.lock', '_errors', 'csv', 'json', 'notes.txt.12.tmp', 'scan.jpg']);
    await lock.value.release();
    await rm(join(dir, 'json'), { recursive: true });
    await symlink(outside, join(dir, 'json'));
    await dead();
    const again = await BatchLock.acquire(dir, 'run');
    assert.ok(again.ok);
    assert.deepEqual(await readdir(outside), ['x.json.5.tmp']);
    await again.value.release();
    await rm(outside, { recursive: true });
  });

  it('lets one holder in and tells the second who holds it, until released', async () => {
    const first = await BatchLock.acquire(tmp.dir, 'run', 'card-ocr run');
    assert.ok(first.ok);
    const holder = await readLockHolder(tmp.dir);
    assert.deepEqual(holder, { pid: process.pid, host: hostname(), startedAt: first.value.holder.startedAt, purpose: 'run', owner: 'card-ocr run' });
    const second = await BatchLock.acquire(tmp.dir, 'review');
    assert.ok(!second.ok);
    assert.equal(second.error.code, 'batch/busy');
    assert.equal(second.error.message, `Batch in ${tmp.dir} is in use by card-ocr run (run, pid ${process.pid} on host ${hostname()}, since ${first.value.holder.startedAt}); wait for it to finish, or stop it`);
    assert.deepEqual(second.error.details?.holder, holder);
    await first.value.release();
    await first.value.release();
    assert.deepEqual(await readdir(tmp.dir), []);
    const third = await withBatchLock(tmp.dir, 'review', async () => ({ ok: true as const, value: await readLockHolder(tmp.dir) }));
    assert.ok(third.ok && typeof third.value === 'object' && third.value.purpose === 'review');
    assert.deepEqual(await readdir(tmp.dir), []);
  });

  it('takes over a lock whose process is gone, and never one held on another host', async () => {
    const pid = await deadPid();
    await writeFile(lockPath(tmp.dir), JSON.stringify({ pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', purpose: 'run' }));
    const taken = await BatchLock.acquire(tmp.dir, 'resume');
    assert.ok(taken.ok, taken.ok ? '' : taken.error.message);
    assert.equal(JSON.parse(await readFile(lockPath(tmp.dir), 'utf8')).pid, process.pid);
    await taken.value.release();

    await writeFile(lockPath(tmp.dir), JSON.stringify({ pid, host: 'another-machine', startedAt: '2026-01-01T00:00:00.000Z', purpose: 'run' }));
    const remote = await BatchLock.acquire(tmp.dir, 'resume');
    assert.ok(!remote.ok);
    assert.match(remote.error.message, /is in use by another Card OCR process \(run, pid \d+ on host another-machine, since 2026-01-01T00:00:00\.000Z\)/);
  });

  it('a release never removes a lock another process has taken since', async () => {
    const lock = await BatchLock.acquire(tmp.dir, 'run');
    assert.ok(lock.ok);
    await writeFile(lockPath(tmp.dir), JSON.stringify({ pid: 1, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', purpose: 'run' }));
    await lock.value.release();
    assert.equal(JSON.parse(await readFile(lockPath(tmp.dir), 'utf8')).pid, 1);
  });
});
