// Profile: one whole batch run in THIS process (the engine service without its IPC child), so `node --cpu-prof`
// sees the engine's own work; prints CPU ms per card of this process and of its native tesseract hosts, which is
// what the shared machine's load barely moves (wall time it does). Writes nothing but a tmp copy of the cards.
// `npx tsx bench/profile-batch.ts [cards-dir] [template-file] [workers] [backend]`; CARDS=N limits the cards;
// KEEP=<dir> keeps the batch folder there (to compare its CSV with another run's).
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTemplateFile } from '../src/engine/templates/index';
import { EngineService } from '../src/engine/engine-service';
import type { EngineOutput } from '../src/protocol';
import { treeCpuMs } from './throughput';

function cpuNow(): number { const usage = process.cpuUsage(); return (usage.user + usage.system) / 1000; }

/** CPU of each thread of this process (main, libuv pool, V8's GC helpers, libvips), by thread id. */
function threadCpuMs(): Map<string, { name: string; ms: number }> {
  const threads = new Map<string, { name: string; ms: number }>();
  for (const id of execFileSync('ls', [`/proc/${process.pid}/task`]).toString().trim().split(/\s+/)) {
    try {
      const stat = execFileSync('cat', [`/proc/${process.pid}/task/${id}/stat`]).toString();
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/[0-9]+$/, '');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(id, { name: id === String(process.pid) ? 'main' : name, ms: (Number(fields[11]) + Number(fields[12])) * 10 });
    } catch {
      // The thread ended between listing and reading.
    }
  }
  return threads;
}

/** Native hosts are this process's children: their CPU, alive and reaped. */
function childrenCpuMs(): number {
  const children = execFileSync('cat', [`/proc/${process.pid}/task/${process.pid}/children`]).toString().trim().split(/\s+/).filter(Boolean);
  const stat = execFileSync('cat', [`/proc/${process.pid}/stat`]).toString();
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const reaped = (Number(fields[13]) + Number(fields[14])) * 10;
  return reaped + children.reduce((sum, child) => sum + treeCpuMs(Number(child)), 0);
}

async function main(): Promise<void> {
  const library = join(__dirname, '..', '..', 'shared', 'cards-dev', 'library_cards', 'images');
  const [source = library, templateFile = join(__dirname, '..', 'templates', 'library-catalogue-card.json'), workersText = '1', backend = 'native'] = process.argv.slice(2);
  const workers = Number(workersText);
  const template = await readTemplateFile(templateFile);
  if (!template.ok) { throw new Error(template.error.message); }
  const work = await mkdtemp(join(tmpdir(), 'card-ocr-profile-'));
  const dir = process.env.KEEP ?? join(work, 'cards');
  const names = (await readdir(source)).filter(name => /\.(jpe?g|png|tiff?)$/i.test(name)).sort().slice(0, Number(process.env.CARDS ?? 1e9));
  for (const name of names) { await cp(join(source, name), join(dir, name)); }
  const warm = join(work, 'warm');
  for (const name of names.slice(0, workers)) { await cp(join(source, name), join(warm, name)); }
  let finished: (() => void) | undefined;
  const send = (output: EngineOutput): void => {
    if (output.type === 'log' && (output.level === 'warn' || output.level === 'error')) { console.error(output.message); }
    if (output.type === 'batch' && output.message.type === 'status' && ['finished', 'failed', 'cancelled'].includes(output.message.status)) { finished?.(); }
  };
  const service = new EngineService(send);
  const run = async (folder: string): Promise<void> => {
    const done = new Promise<void>(resolve => { finished = resolve; });
    await service.handle({ type: 'start', requestId: 1, params: { dir: folder, fields: template.value.fields, templateId: template.value.id, language: template.value.language ?? 'eng',
      options: { workers, ...(template.value.preprocess ? { preprocess: template.value.preprocess } : {}), ...(template.value.pageSegmentation ? { pageSegmentation: template.value.pageSegmentation } : {}) } } } as never);
    await done;
  };
  try {
    await service.handle({ type: 'configure', requestId: 0, settings: { dataDir: join(work, 'data'), workers, ocrBackend: backend as never } });
    // Warm-up: workers, languages and the model load once per engine, not per card.
    await run(warm);
    const threadsBefore = threadCpuMs();
    const cpu = cpuNow();
    const hosts = childrenCpuMs();
    const start = process.hrtime.bigint();
    await run(dir);
    const end = process.hrtime.bigint();
    const seconds = Number(end - start) / 1e9;
    // For a --cpu-prof profile: its timestamps are this same monotonic clock, in µs.
    console.log(`window ${start / 1000n} ${end / 1000n}`);
    const engineMs = (cpuNow() - cpu) / names.length;
    const hostMs = (childrenCpuMs() - hosts) / names.length;
    const threads = threadCpuMs();
    const byName = new Map<string, number>();
    for (const [id, { name, ms }] of threads) { byName.set(process.env.THREADS ? `${name}#${id}` : name, (byName.get(name) ?? 0) + ms - (threadsBefore.get(id)?.ms ?? 0)); }
    console.log(`engine threads, CPU ms/card: ${[...byName].map(([name, ms]) => `${name} ${(ms / names.length).toFixed(1)}`).join(', ')}`);
    console.log(`${names.length} cards, ${workers} worker(s), ${backend}: engine process ${engineMs.toFixed(1)} CPU ms/card, native hosts ${hostMs.toFixed(1)} CPU ms/card, `
      + `total ${(engineMs + hostMs).toFixed(1)}; ${(names.length / seconds).toFixed(2)} cards/s wall (noisy)`);
  } finally {
    await service.handle({ type: 'shutdown', requestId: 2 });
    await rm(work, { recursive: true, force: true });
  }
}

void main().catch(error => { console.error(error); process.exitCode = 1; });
