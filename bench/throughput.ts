// Bench section: cards per second through the whole engine (1 and N workers), a bare tesseract.js scheduler
// and the native tesseract CLI, all on the same images in one run, so the ratios compare like with like.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createScheduler, createWorker } from 'tesseract.js';
import { EngineClient } from '../src/engine/index';
import type { BatchMessage, FieldSpec } from '../src/protocol';

export interface Measured { label: string; cardsPerSecond: number; note?: string }

function seconds(start: bigint): number { return Number(process.hrtime.bigint() - start) / 1e9; }

function rssMb(pid: number): number {
  const status = execFileSync('cat', [`/proc/${pid}/status`]).toString();
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** A whole batch through EngineClient on a fresh copy of the cards, from start to its final status. */
export async function engineRun(cardsDir: string, workers: number, fields: FieldSpec[], label: string): Promise<Measured & { rssMb: number[] }> {
  const work = await mkdtemp(join(tmpdir(), 'card-ocr-bench-'));
  const dir = join(work, 'cards');
  await cp(cardsDir, dir, { recursive: true });
  const client = await EngineClient.start({ settings: { dataDir: join(work, 'data'), workers } });
  const rss: number[] = [];
  try {
    const start = process.hrtime.bigint();
    let total = 0;
    const ended = new Promise<void>(resolve => {
      client.onDidReceiveMessage((message: BatchMessage) => {
        if (message.type === 'card' && client.childPid) { rss.push(rssMb(client.childPid)); }
        if (message.type === 'progress') { total = message.total; }
        if (message.type === 'status' && ['finished', 'failed', 'cancelled'].includes(message.status)) { resolve(); }
      });
    });
    const started = await client.startBatch({ dir, fields, language: 'eng', options: { workers } });
    if (!started.ok) { throw new Error(started.error.message); }
    await ended;
    return { label, cardsPerSecond: total / seconds(start), rssMb: rss };
  } finally {
    await client.close();
  }
}

/** The floor: tesseract.js's own scheduler over the same files, no preprocessing, fields or outputs. */
export async function bareScheduler(files: string[], workers: number): Promise<Measured> {
  const langPath = join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
  const scheduler = createScheduler();
  for (let i = 0; i < workers; i++) {
    scheduler.addWorker(await createWorker('eng', 1, { langPath, gzip: true, cacheMethod: 'none' }));
  }
  try {
    const start = process.hrtime.bigint();
    await Promise.all(files.map(async file => scheduler.addJob('recognize', await readFile(file))));
    return { label: `bare tesseract.js scheduler, ${workers} workers`, cardsPerSecond: files.length / seconds(start) };
  } finally {
    await scheduler.terminate();
  }
}

/** One persistent native tesseract per worker over a list of files (OMP_THREAD_LIMIT=1); undefined when absent. */
export async function nativeTesseract(files: string[], processes: number): Promise<Measured | undefined> {
  try { execFileSync('tesseract', ['--version'], { stdio: 'ignore' }); } catch { return undefined; }
  const work = await mkdtemp(join(tmpdir(), 'card-ocr-native-'));
  const lists = Array.from({ length: processes }, (_, i) => files.filter((_, j) => j % processes === i));
  await Promise.all(lists.map((list, i) => writeFile(join(work, `list-${i}.txt`), `${list.join('\n')}\n`)));
  const start = process.hrtime.bigint();
  await Promise.all(lists.map(async (_, i) => {
    const child = spawn('tesseract', [join(work, `list-${i}.txt`), join(work, `out-${i}`), '-l', 'eng'], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: 'ignore',
    });
    const [code] = await once(child, 'exit');
    if (code !== 0) { throw new Error(`native tesseract exited with ${code}`); }
  }));
  return { label: `native tesseract CLI, ${processes} processes`, cardsPerSecond: files.length / seconds(start) };
}
