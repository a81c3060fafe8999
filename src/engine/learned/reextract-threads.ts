// Re-extraction spread over worker threads: labelling is CPU work (about 4 ms a card over three readings), so 20,000
// cards take over a minute on one core. Runs of cards go to whichever thread is free; results come back in checkpoint order.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FieldSpec, LearnedModel } from '../../protocol';
import type { CardsDone } from './reextract-cards';
import type { ReextractRun, ReextractWorkerData } from './reextract-worker';

/** Cards per run posted to a thread: large enough that posting costs nothing, small enough to share the tail. */
const runSize = 200;

/** Threads worth starting for this many cards (1: stay in the engine thread). */
export function threadsFor(cards: number, cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores, 4, Math.floor(cards / (2 * runSize))));
}

const built = join(__dirname, 'reextract-worker.js');
const source = join(__dirname, 'reextract-worker.ts');

/** Whether a thread can be started here: the worker is bundled beside the engine in dist/, or runs from source. */
export function threadsAvailable(): boolean {
  return existsSync(built) || (existsSync(source) && !__filename.endsWith('.js'));
}

function startWorker(data: ReextractWorkerData): Worker {
  if (existsSync(built)) { return new Worker(built, { workerData: data }); }
  // From source (tests, bench): the thread loads tsx first, as the engine thread did.
  const boot = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(source)});`;
  return new Worker(boot, { eval: true, workerData: data });
}

type Reply = { run: number; done: CardsDone } | { run: number; error: string };

export async function reextractInThreads(dir: string, cards: readonly string[], fields: FieldSpec[], model: LearnedModel | undefined, threads: number): Promise<CardsDone> {
  const runs: string[][] = [];
  for (let i = 0; i < cards.length; i += runSize) { runs.push(cards.slice(i, i + runSize)); }
  const results: CardsDone[] = new Array(runs.length);
  const workers = Array.from({ length: Math.max(1, Math.min(threads, runs.length)) }, () => startWorker({ dir, fields, ...(model ? { model } : {}) }));
  try {
    let nextRun = 0;
    await Promise.all(workers.map(worker => new Promise<void>((resolve, reject) => {
      const post = () => {
        if (nextRun >= runs.length) { resolve(); return; }
        const run: ReextractRun = { run: nextRun, cards: runs[nextRun++] };
        worker.postMessage(run);
      };
      worker.on('message', (reply: Reply) => {
        if ('error' in reply) { reject(new Error(reply.error)); return; }
        results[reply.run] = reply.done;
        post();
      });
      worker.on('error', reject);
      worker.on('exit', code => { if (code !== 0) { reject(new Error(`re-extraction thread stopped with code ${code}`)); } });
      post();
    })));
  } finally {
    await Promise.all(workers.map(worker => worker.terminate()));
  }
  const merged: CardsDone = { rows: [], before: fields.map(() => 0), after: fields.map(() => 0), skipped: [] };
  for (const done of results) {
    merged.rows.push(...done.rows);
    done.before.forEach((n, i) => { merged.before[i] += n; });
    done.after.forEach((n, i) => { merged.after[i] += n; });
    merged.skipped.push(...done.skipped);
  }
  return merged;
}
