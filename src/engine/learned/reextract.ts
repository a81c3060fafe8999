// Re-extraction: finds every card's fields again from its stored OCR (json/<card>.json), without OCR-ing it
// again — after a template change or a newly trained model. Region fields keep their stored values (they need
// the image); reviewed fields keep the reviewer's value. Rewrites json/ and the CSV.
import type { BatchConfig, FieldSpec, Outcome } from '../../protocol';
import { batchPaths, readBatchConfig, readCheckpoint, writeBatchConfig, writeCsvRows } from '../../batch-folder/index';
import { modelOfFixed, sharedModelFiles, type ModelSource } from './model-source';
import { reextractCards } from './reextract-cards';
import { reextractInThreads, threadsAvailable, threadsFor } from './reextract-threads';

export { reextractCard } from './reextract-card';

export interface ReextractReport {
  cards: number;
  /** Cards whose stored result has no words (written before words were kept): left as they were. */
  skipped: string[];
  /** Per field: cards with a non-empty value before and after. */
  completeness: Array<{ field: string; before: number; after: number }>;
  ms: number;
}

export interface ReextractOptions {
  /** Worker threads to label in (1: the calling thread). @default one per core, up to 4, for batches of 400+ cards */
  threads?: number;
}

/**
 * Every done card of the batch again from its stored OCR. With `fields`, they replace the batch's field list in
 * config.json first. Not for a running batch. `batch/not-found` / `batch/invalid` as readBatchConfig.
 */
export async function reextractBatch(dir: string, fields?: FieldSpec[], models: ModelSource = sharedModelFiles.source, options: ReextractOptions = {}): Promise<Outcome<ReextractReport>> {
  const startedAt = Date.now();
  const read = await readBatchConfig(dir);
  if (!read.ok) { return read; }
  const config: BatchConfig = fields ? { ...read.value, fields, updatedAt: new Date().toISOString() } : read.value;
  if (fields) { await writeBatchConfig(dir, config); }
  const names = config.fields.map(f => f.name);
  const cards = [...(await readCheckpoint(dir)).done];
  // Only models a thread can load itself (model files, or a model held as data) go to threads.
  const fixed = modelOfFixed(models);
  const threads = (fixed || models === sharedModelFiles.source) && threadsAvailable() ? options.threads ?? threadsFor(cards.length) : 1;
  const done = threads > 1
    ? await reextractInThreads(dir, cards, config.fields, fixed, threads)
    : await reextractCards(dir, cards, config.fields, models);
  const rows = done.rows.filter((row): row is string => row !== undefined);
  await writeCsvRows(batchPaths(dir).csvFile, rows, names);
  const completeness = names.map((field, i) => ({ field, before: done.before[i], after: done.after[i] }));
  return { ok: true, value: { cards: rows.length - done.skipped.length, skipped: done.skipped, completeness, ms: Date.now() - startedAt } };
}
