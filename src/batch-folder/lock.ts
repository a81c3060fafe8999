// A batch folder's single-writer lock: `.card-ocr.lock` holds the pid, host and start time of the one process
// that may write the folder (run, resume, retry, review). Knows the folder's layout only; nothing of OCR or HTTP.
import { readFileSync } from 'node:fs';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { failure, type Outcome } from '../protocol';
import { removeStaleTemporaries } from './stale-temporaries';

export const lockFileName = '.card-ocr.lock';

/** Who holds a batch folder: what `.card-ocr.lock` contains. */
export const LockHolder = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  startedAt: z.string(),
  /** What it is doing, e.g. `run`, `resume`, `retry`, `review`. */
  purpose: z.string(),
  /** Who asked for it (the engine's parent: `card-ocr run`, `card-ocr serve`, `VS Code`), when known. */
  owner: z.string().optional(),
});
export type LockHolder = z.infer<typeof LockHolder>;

export function lockPath(dir: string): string { return join(dir, lockFileName); }

/** "card-ocr run (resume, pid 4242 on host archive-pc, since 2026-12-01T10:00:00.000Z)". */
export function describeHolder(holder: LockHolder): string {
  return `${holder.owner ?? 'another Card OCR process'} (${holder.purpose}, pid ${holder.pid} on host ${holder.host}, since ${holder.startedAt})`;
}

/**
 * A process on this host that still runs. EPERM means it exists but belongs to someone else. A zombie (killed,
 * its parent gone too, and not yet reaped: containers whose pid 1 never reaps) has stopped writing, so it is dead.
 */
function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); } catch (error) { return (error as NodeJS.ErrnoException).code === 'EPERM'; }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (name) S …"; the name may hold spaces and parentheses, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;   // no /proc (macOS, Windows): kill(pid, 0) alone decides
  }
}

/** The lock's holder; undefined when there is no lock; `unreadable` when the file is not a lock we wrote. */
export async function readLockHolder(dir: string): Promise<LockHolder | 'unreadable' | undefined> {
  let text: string;
  try { text = await readFile(lockPath(dir), 'utf8'); } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') { return undefined; }
    throw error;
  }
  try { return LockHolder.parse(JSON.parse(text)); } catch { return 'unreadable'; }
}

/** Stale: held by a process of this host that is gone. A holder on another host cannot be checked, so it holds. */
function isStale(holder: LockHolder): boolean {
  return holder.host === hostname() && !isAlive(holder.pid);
}

/**
 * The single-writer lock of one batch folder, held from `acquire` to `release`.
 * Invariants: 1. the lock file appears whole or not at all (written aside, then hard-linked into place, which
 * fails if one exists); 2. a lock whose process is gone (same host) is taken over; 3. `release` removes only a
 * lock this object wrote; 4. once a dead holder's lock is taken over, no temporary it left (`<file>.<pid>.tmp`)
 * remains in the folder.
 */
export class BatchLock {
  private released = false;

  private constructor(readonly dir: string, readonly holder: LockHolder) {}

  /** Takes the lock, or answers `batch/busy` naming who holds it (`details.holder`). */
  static async acquire(dir: string, purpose: string, owner?: string): Promise<Outcome<BatchLock>> {
    const holder: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), purpose, ...(owner ? { owner } : {}) };
    const file = lockPath(dir);
    const aside = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await writeFile(aside, `${JSON.stringify(holder)}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') { return failure('batch/not-found', `${dir} is not a folder`, { dir }); }
      throw error;
    }
    try {
      // Two tries: the second after taking over a stale lock.
      let tookOver = false;
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          await link(aside, file);
          // A writer that died holding the lock may have died mid-write: what it left behind is garbage now. Only
          // then: a lock released in the normal way leaves nothing, and a sweep on every take would read json/ on
          // every review save.
          if (tookOver) { await removeStaleTemporaries(dir); }
          return { ok: true, value: new BatchLock(dir, holder) };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') { throw error; }
        }
        const current = await readLockHolder(dir);
        if (current === undefined) { continue; }   // released in between: try again
        if (current === 'unreadable') {
          return failure('batch/busy', `Batch folder ${dir} has a lock file (${lockFileName}) that is not Card OCR's; remove it if no Card OCR process uses the folder`, { dir });
        }
        if (!isStale(current)) {
          return failure('batch/busy', `Batch in ${dir} is in use by ${describeHolder(current)}; wait for it to finish, or stop it`, { dir, holder: current });
        }
        // The holder is gone: take over, unless another process took over first (the lock changed meanwhile).
        const again = await readLockHolder(dir);
        if (typeof again === 'object' && again.pid === current.pid && again.startedAt === current.startedAt) {
          await unlink(file).catch(() => undefined);   // gone already: fine
        }
        tookOver = true;
      }
      const current = await readLockHolder(dir);
      return failure('batch/busy', `Batch in ${dir} is in use${typeof current === 'object' ? ` by ${describeHolder(current)}` : ''}`, { dir });
    } finally {
      await unlink(aside).catch(() => undefined);   // the link, if made, keeps the content
    }
  }

  /** Removes the lock if it is still ours; safe to call twice. */
  async release(): Promise<void> {
    if (this.released) { return; }
    this.released = true;
    const current = await readLockHolder(this.dir).catch(() => undefined);
    if (typeof current === 'object' && current.pid === this.holder.pid && current.startedAt === this.holder.startedAt) {
      await unlink(lockPath(this.dir)).catch(() => undefined);   // already removed by hand: nothing to do
    }
  }
}

/** Runs `work` holding the folder's lock; `batch/busy` when another process holds it. */
export async function withBatchLock<T>(dir: string, purpose: string, work: () => Promise<Outcome<T>>, owner?: string): Promise<Outcome<T>> {
  const lock = await BatchLock.acquire(dir, purpose, owner);
  if (!lock.ok) { return lock; }
  try { return await work(); } finally { await lock.value.release(); }
}
