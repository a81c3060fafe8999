// Bench section: re-extraction of a large batch from its stored OCR with the bundled learned template (no OCR),
// and the learned finder's own cost per card. Needs no dev set: the stored cards are generated.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBatchConfig } from '../src/batch-folder/config';
import { CheckpointJournal } from '../src/batch-folder/checkpoint-journal';
import { reextractBatch } from '../src/engine/learned/reextract';
import { threadsFor } from '../src/engine/learned/reextract-threads';
import { LearnedLabeller } from '../src/engine/learned/learned-finder';
import { pageFromResult } from '../src/engine/learned/stored-page';
import { writeCardJson } from '../src/batch-folder/outputs/card-json';
import { bundledTemplatesDir, readTemplateFile } from '../src/engine/templates';
import { LearnedModel } from '../src/protocol';
import { storedCard } from '../test/support/stored-cards';
import { readFile } from 'node:fs/promises';

/** Wall seconds, and CPU seconds of the whole process (its re-extraction threads included): the machine is shared. */
export interface ReextractTimes { cards: number; seconds: number; cpuSeconds: number; threads: number; labelMsPerCard: number }

export async function reextractTimes(size: number): Promise<ReextractTimes> {
  const template = await readTemplateFile(join(bundledTemplatesDir() ?? join(__dirname, '..', 'templates'), 'library-catalogue-card.json'));
  if (!template.ok) { throw new Error(template.error.message); }
  const dir = await mkdtemp(join(tmpdir(), 'card-ocr-reextract-'));
  try {
    const now = new Date().toISOString();
    await writeBatchConfig(dir, { version: 1, id: 'reextract-bench', name: 'reextract bench', fields: template.value.fields, templateId: template.value.id,
      language: 'deu+eng', options: {}, status: 'finished', createdAt: now, updatedAt: now });
    const journal = await CheckpointJournal.open(dir);
    for (let i = 0; i < size; i++) {
      const result = storedCard(i);
      journal.started(result.card);
      await writeCardJson(dir, result);
      journal.done(result.card);
    }
    await journal.close();
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const report = await reextractBatch(dir);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    if (!report.ok) { throw new Error(report.error.message); }
    // The finder alone (features, Viterbi, marginals), without files: what it adds to each card of a run.
    const model = LearnedModel.parse(JSON.parse(await readFile(template.value.model ?? '', 'utf8')));
    const labeller = new LearnedLabeller(model);
    const pages = Array.from({ length: 500 }, (_, i) => pageFromResult(storedCard(i))).filter((p): p is NonNullable<typeof p> => p !== undefined);
    for (const page of pages.slice(0, 50)) { labeller.label(page); }
    const labelStart = process.hrtime.bigint();
    for (const page of pages) { labeller.label(page); }
    const labelMsPerCard = Number(process.hrtime.bigint() - labelStart) / 1e6 / pages.length;
    return { cards: report.value.cards, seconds, cpuSeconds: (used.user + used.system) / 1e6, threads: threadsFor(size), labelMsPerCard };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void reextractTimes(Number(process.argv[2] ?? 2000)).then(t => console.log(t));
}
