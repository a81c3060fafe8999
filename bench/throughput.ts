// Bench section: cards per second through the whole engine (each OCR backend, 1 and N workers), the bare
// tesseract.js scheduler, and native tesseract alone (CLI over file lists, CLI per image, and the persistent
// libtesseract host the native backend runs), all on the same images in one run, so ratios compare like with like.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createScheduler, createWorker } from 'tesseract.js';
import { EngineClient } from '../src/engine/index';
import { pageSegmentationMode, type OcrBackendName } from '../src/engine/ocr-backends/backend';
import { recognizeOutput } from '../src/engine/tesseract-page';
import { nativeTesseractBackend, nativeTesseractVersion } from '../src/engine/ocr-backends/native-tesseract';
import type { BatchMessage, FieldSpec, PreprocessOptions } from '../src/protocol';

export interface Measured {
  label: string;
  cardsPerSecond: number;
  /** CPU time per card of everything the run started (threads, child processes): far less disturbed by a busy machine than cards/s. */
  cpuMsPerCard?: number;
  /** The engine runs only: CPU per card of the engine process itself (its native hosts and tesseract.js threads'
   *  share excluded only for native, whose OCR runs in child processes): the overhead around OCR. */
  engineCpuMsPerCard?: number;
  note?: string;
}

const clockTicksPerSecond = 100;
// /proc is read in this process: spawning `cat` for it cost the measured run a fork and exec per file per card (the
// engine rows sample RSS on every card), CPU taken from the OCR on a 2-core machine and counted in no row.

/** utime+stime of a live process and its live descendants, plus what its reaped children used, in ms. */
export function treeCpuMs(pid: number): number {
  let ticks = 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14–17 of /proc/<pid>/stat (utime stime cutime cstime); the slice starts at field 3.
    ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    for (const child of children) { ticks += treeCpuMs(Number(child)) / (1000 / clockTicksPerSecond); }
  } catch {
    // Gone between listing and reading: its time is in its parent's cutime once reaped.
  }
  return ticks * (1000 / clockTicksPerSecond);
}

function cpuNow(): number { const usage = process.cpuUsage(); return (usage.user + usage.system) / 1000; }

function seconds(start: bigint): number { return Number(process.hrtime.bigint() - start) / 1e9; }

/** utime+stime of the process itself, all its threads, without its child processes, in ms. */
export function ownCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * (1000 / clockTicksPerSecond);
  } catch {
    return 0;
  }
}

/** RSS of a process and all its descendants (the engine child with its native tesseract hosts), in MB. */
export function treeRssMb(pid: number): number {
  let kb = 0;
  try {
    kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    for (const child of children) { kb += treeRssMb(Number(child)) * 1024; }
  } catch {
    // The process ended between listing and reading: it holds no memory any more.
  }
  return kb / 1024;
}

export interface EngineRunOptions {
  workers: number;
  fields: FieldSpec[];
  language: string;
  backend: OcrBackendName;
  preprocess?: PreprocessOptions;
  label: string;
}

/** A whole batch through EngineClient on a fresh copy of the cards, from start to its final status. */
export async function engineRun(cardsDir: string, run: EngineRunOptions): Promise<Measured & { rssMb: number[] }> {
  const work = await mkdtemp(join(tmpdir(), 'card-ocr-bench-'));
  const dir = join(work, 'cards');
  await cp(cardsDir, dir, { recursive: true });
  const client = await EngineClient.start({ settings: { dataDir: join(work, 'data'), workers: run.workers, ocrBackend: run.backend } });
  const rss: number[] = [];
  try {
    // Warm-up on a copy of the first cards: the engine, its workers and their languages start once per session,
    // not per card, and the floors they are compared with are timed after their workers started too.
    const warm = join(work, 'warm');
    await mkdir(warm);
    for (const name of (await readdir(dir)).sort().slice(0, run.workers)) { await copyFile(join(dir, name), join(warm, name)); }
    const warmed = new Promise<void>(resolve => {
      const subscription = client.onDidReceiveMessage((message: BatchMessage) => {
        if (message.type === 'status' && ['finished', 'failed', 'cancelled'].includes(message.status)) { subscription.dispose(); resolve(); }
      });
    });
    const warming = await client.startBatch({ dir: warm, fields: run.fields, language: run.language, options: { workers: run.workers, ...(run.preprocess ? { preprocess: run.preprocess } : {}) } });
    if (!warming.ok) { throw new Error(warming.error.message); }
    await warmed;
    const cpuStart = treeCpuMs(client.childPid!);
    const ownStart = ownCpuMs(client.childPid!);
    let cpuEnd = cpuStart;
    let ownEnd = ownStart;
    const start = process.hrtime.bigint();
    let total = 0;
    let failed = 0;
    const ended = new Promise<void>(resolve => {
      client.onDidReceiveMessage((message: BatchMessage) => {
        if (message.type === 'card' && client.childPid) { rss.push(treeRssMb(client.childPid)); }
        if (message.type === 'progress') { total = message.total; failed = message.failed; }
        if (message.type === 'status' && message.batchId !== warming.value.id && ['finished', 'failed', 'cancelled'].includes(message.status)) {
          cpuEnd = treeCpuMs(client.childPid!);
          ownEnd = ownCpuMs(client.childPid!);
          resolve();
        }
      });
    });
    const started = await client.startBatch({ dir, fields: run.fields, language: run.language, options: { workers: run.workers, ...(run.preprocess ? { preprocess: run.preprocess } : {}) } });
    if (!started.ok) { throw new Error(started.error.message); }
    await ended;
    const cardsPerSecond = total / seconds(start);
    return { label: run.label, cardsPerSecond, cpuMsPerCard: (cpuEnd - cpuStart) / total, engineCpuMsPerCard: (ownEnd - ownStart) / total, rssMb: rss, ...(failed > 0 ? { note: `${failed} cards failed` } : {}) };
  } finally {
    await client.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** The floor for tesseract.js: its own scheduler over the same files, no preprocessing, fields or outputs. It reads
 *  as the engine does (page segmentation auto, words with their boxes): a new tesseract.js worker would otherwise
 *  read in single-block mode, which skips the layout analysis the engine pays for, and the ratio would compare two
 *  different readings. */
export async function bareScheduler(files: string[], workers: number, language: string, langPath?: string): Promise<Measured> {
  const bundled = join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
  const scheduler = createScheduler();
  for (let i = 0; i < workers; i++) {
    const worker = await createWorker(language, 1, { langPath: langPath ?? bundled, gzip: !langPath, cacheMethod: 'none' });
    await worker.setParameters({ tessedit_pageseg_mode: String(pageSegmentationMode.auto) as never });
    scheduler.addWorker(worker);
  }
  try {
    const start = process.hrtime.bigint();
    const cpu = cpuNow();
    await Promise.all(files.map(async file => scheduler.addJob('recognize', await readFile(file), {}, recognizeOutput)));
    return { label: `bare tesseract.js scheduler, ${workers} workers`, cardsPerSecond: files.length / seconds(start), cpuMsPerCard: (cpuNow() - cpu) / files.length };
  } finally {
    await scheduler.terminate();
  }
}

export function hasNativeTesseract(): boolean { return nativeTesseractVersion() !== undefined; }

/** `processes` native tesseract CLIs, each over a list of its share of the files (OMP_THREAD_LIMIT=1), TSV out. */
export async function nativeCliLists(files: string[], processes: number, language: string): Promise<Measured> {
  const work = await mkdtemp(join(tmpdir(), 'card-ocr-native-'));
  try {
    const lists = Array.from({ length: processes }, (_, i) => files.filter((_, j) => j % processes === i));
    await Promise.all(lists.map((list, i) => writeFile(join(work, `list-${i}.txt`), `${list.join('\n')}\n`)));
    const start = process.hrtime.bigint();
    const cpu = await Promise.all(lists.map(async (_, i) => {
      // GNU time reports the CPU the process used (user and system seconds) into its own file.
      const child = spawn('/usr/bin/time', ['-f', '%U %S', '-o', join(work, `time-${i}`), 'tesseract', join(work, `list-${i}.txt`), join(work, `out-${i}`), '-l', language, 'tsv'], {
        env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: 'ignore',
      });
      const [code] = await once(child, 'exit');
      if (code !== 0) { throw new Error(`native tesseract exited with ${code}`); }
      const [user, system] = (await readFile(join(work, `time-${i}`), 'utf8')).trim().split('\n').pop()!.split(' ').map(Number);
      return (user + system) * 1000;
    }));
    return { label: `native tesseract CLI, ${processes} process${processes > 1 ? 'es' : ''} over file lists`, cardsPerSecond: files.length / seconds(start), cpuMsPerCard: cpu.reduce((a, b) => a + b, 0) / files.length };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** One native tesseract CLI per image, `processes` at a time: what a naive integration pays in start-up. */
export async function nativeCliPerImage(files: string[], processes: number, language: string): Promise<Measured> {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: processes }, async () => {
    while (next < files.length) {
      const file = files[next++];
      const child = spawn('tesseract', [file, 'stdout', '-l', language, 'tsv'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: 'ignore' });
      await once(child, 'exit');
    }
  }));
  return { label: `native tesseract CLI, one process per image, ${processes} at a time`, cardsPerSecond: files.length / seconds(start) };
}

/** The native backend's persistent hosts alone (no pool, no engine): file bytes in, words out per image. */
export async function nativeHosts(files: string[], processes: number, language: string): Promise<Measured> {
  const work = await mkdtemp(join(tmpdir(), 'card-ocr-native-host-'));
  const backend = nativeTesseractBackend({ tessdataDirs: [], linkDir: join(work, 'tessdata'), onLog: () => undefined });
  try {
    if (!(await backend.supports(language))) { throw new Error(`native tesseract has no ${language}`); }
    const workers = await Promise.all(Array.from({ length: processes }, () => backend.start(language)));
    const cpuStart = workers.reduce((sum, worker) => sum + treeCpuMs((worker as unknown as { pid: number }).pid), 0);
    const start = process.hrtime.bigint();
    let next = 0;
    await Promise.all(workers.map(async worker => {
      while (next < files.length) {
        // Width and height only label the page; the host reads the size from the image.
        await worker.read({ image: await readFile(files[next++]), width: 0, height: 0 }, { pageSegmentation: 'auto' });
      }
    }));
    const cpu = workers.reduce((sum, worker) => sum + treeCpuMs((worker as unknown as { pid: number }).pid), 0) - cpuStart;
    const measured = { label: `native tesseract, ${processes} persistent libtesseract hosts (the backend alone)`, cardsPerSecond: files.length / seconds(start), cpuMsPerCard: cpu / files.length };
    await Promise.all(workers.map(worker => worker.terminate()));
    return measured;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
