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
import { pageReadings, zonesFromResult } from '../src/engine/learned/learned-zones';
import { learnedSegments } from '../src/engine/learned/zone-tokens';
import type { CardResult, FieldSpec } from '../src/protocol';

/** The card as the template stores it: its other readings of the whole card beside the page (here the page's own
 *  words again), so each card is labelled once per reading, as a batch of the template is. */
function withReadings(result: CardResult, fields: readonly FieldSpec[]): CardResult {
  const box = { x0: 0, y0: 0, x1: result.width, y1: result.height };
  const zones = pageReadings(fields).map(reading => ({ key: reading.key, box, text: result.text, words: result.words ?? [] }));
  return zones.length > 0 ? { ...result, zones } : result;
}
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
      const result = withReadings(storedCard(i), template.value.fields);
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
    const fields = template.value.fields;
    const cards = Array.from({ length: 500 }, (_, i) => withReadings(storedCard(i), fields)).flatMap(result => {
      const page = pageFromResult(result);
      return page ? [{ page, segments: learnedSegments(page, fields, zonesFromResult(result)) }] : [];
    });
    for (const { page, segments } of cards.slice(0, 50)) { labeller.label(page, segments); }
    const labelStart = process.hrtime.bigint();
    for (const { page, segments } of cards) { labeller.label(page, segments); }
    const labelMsPerCard = Number(process.hrtime.bigint() - labelStart) / 1e6 / cards.length;
    return { cards: report.value.cards, seconds, cpuSeconds: (used.user + used.system) / 1e6, threads: threadsFor(size), labelMsPerCard };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void reextractTimes(Number(process.argv[2] ?? 2000)).then(t => console.log(t));
}
