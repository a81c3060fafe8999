// A/B of re-extraction: the same generated batch (varied cards, not a repeating few) re-extracted by two builds of
// `reextractBatch` (this tree and another checkout, e.g. main), CPU and wall time each, and every json/ and csv/
// file compared byte for byte. `npx tsx bench/reextract-ab.ts <cards> <other checkout> [this-first]` (the first run
// also warms the JIT: swap the order to see how much that counts).
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeBatchConfig } from '../src/batch-folder/config';
import { CheckpointJournal } from '../src/batch-folder/checkpoint-journal';
import { reextractBatch } from '../src/engine/learned/reextract';
import { writeCardJson } from '../src/batch-folder/outputs/card-json';
import { bundledTemplatesDir, readTemplateFile } from '../src/engine/templates';
import { variedCard } from '../test/support/stored-cards';

type Reextract = (dir: string) => Promise<unknown>;

async function timed(run: Reextract, dir: string): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await run(dir);
  const used = process.cpuUsage(cpu);
  return { wall: Number(process.hrtime.bigint() - started) / 1e9, cpu: (used.user + used.system) / 1e6 };
}

async function files(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const sub of ['json', 'csv']) {
    for (const name of await readdir(join(dir, sub))) { out.set(`${sub}/${name}`, await readFile(join(dir, sub, name))); }
  }
  return out;
}

async function main(size: number, other: string, thisFirst: boolean): Promise<void> {
  const template = await readTemplateFile(join(bundledTemplatesDir() ?? 'templates', 'library-catalogue-card.json'));
  if (!template.ok) { throw new Error(template.error.message); }
  const root = await mkdtemp(join(tmpdir(), 'card-ocr-reextract-ab-'));
  try {
    const base = join(root, 'base', 'cards');
    await mkdir(base, { recursive: true });
    const now = '2026-01-01T00:00:00.000Z';
    await writeBatchConfig(base, { version: 1, id: 'ab', name: 'ab', fields: template.value.fields, templateId: template.value.id, language: 'deu+eng', options: {}, status: 'finished', createdAt: now, updatedAt: now });
    const journal = await CheckpointJournal.open(base);
    for (let i = 0; i < size; i++) { const card = variedCard(i); journal.started(card.card); await writeCardJson(base, card); journal.done(card.card); }
    await journal.close();
    const theirs = (await import(resolve(other, 'src/engine/learned/reextract'))) as { reextractBatch: Reextract };
    const runs: Array<[string, Reextract]> = [
      ['other', dir => theirs.reextractBatch(dir)], ['this, 1 thread', dir => reextractBatch(dir, undefined, undefined, { threads: 1 })], ['this', dir => reextractBatch(dir)],
    ];
    if (thisFirst) { runs.reverse(); }
    let expected: Map<string, Buffer> | undefined;
    for (const [name, run] of runs) {
      const dir = join(root, name.replace(/\W+/g, '-'), 'cards');
      await cp(base, dir, { recursive: true });
      const t = await timed(run, dir);
      const got = await files(dir);
      expected ??= got;
      const differing = [...expected].filter(([file, bytes]) => !got.get(file)?.equals(bytes)).length + Math.abs(got.size - expected.size);
      console.log(`${name}: ${t.wall.toFixed(1)} s wall, ${t.cpu.toFixed(1)} s CPU (process, threads included), ${got.size} files, ${differing} differing from "${runs[0][0]}"`);
    }
  } finally {
    if (!process.env.KEEP) { await rm(root, { recursive: true, force: true }); } else { console.log(root); }
  }
}

void main(Number(process.argv[2] ?? 2000), process.argv[3] ?? '../main', process.argv[4] === 'this-first');
