// Re-extraction: finds every card's fields again from its stored OCR (json/<card>.json), without OCR-ing it
// again — after a template change or a newly trained model. Region fields keep their stored values (they need
// the image); reviewed fields keep the reviewer's value. Rewrites json/ and the CSV.
import type { BatchConfig, CardResult, FieldSpec, FieldValue, Outcome } from '../../protocol';
import { extractFields } from '../fields';
import type { RegionReader } from '../ocr-page';
import { sharedModelFiles, type ModelSource } from './model-source';
import { pageFromResult } from './stored-page';
import { batchPaths, readBatchConfig, readCardJson, readCheckpoint, writeBatchConfig, writeCardJson, writeCsv } from '../../batch-folder/index';

export interface ReextractReport {
  cards: number;
  /** Cards whose stored result has no words (written before words were kept): left as they were. */
  skipped: string[];
  /** Per field: cards with a non-empty value before and after. */
  completeness: Array<{ field: string; before: number; after: number }>;
  ms: number;
}

const noRegions: RegionReader = async () => { throw new Error('re-extraction reads no regions'); };

/** The card's fields found again; region fields (and fields derived from them) and reviewed fields kept. */
export async function reextractCard(result: CardResult, fields: readonly FieldSpec[], models: ModelSource): Promise<CardResult | undefined> {
  const page = pageFromResult(result);
  if (!page) { return undefined; }
  const regions = new Set(fields.filter(f => f.find.by === 'region').map(f => f.name));
  const again = fields.filter(f => !regions.has(f.name) && !(f.find.by === 'derived' && regions.has(f.find.from)));
  const found = await extractFields(page, again, noRegions, undefined, models);
  const blank: FieldValue = { value: '', confidence: null, flags: [] };
  const values: Record<string, FieldValue> = Object.fromEntries(fields.map(field => {
    const stored = result.fields[field.name];
    if (stored?.review) { return [field.name, stored]; }
    return [field.name, found[field.name] ?? stored ?? blank];
  }));
  const flagged = Object.values(values).some(field => field.flags.length > 0);
  return { ...result, fields: values, needsReview: (result.kind ?? 'data') === 'data' && (flagged || result.confidence === null) };
}

/**
 * Every done card of the batch again from its stored OCR. With `fields`, they replace the batch's field list in
 * config.json first. Not for a running batch. `batch/not-found` / `batch/invalid` as readBatchConfig.
 */
export async function reextractBatch(dir: string, fields?: FieldSpec[], models: ModelSource = sharedModelFiles.source): Promise<Outcome<ReextractReport>> {
  const startedAt = Date.now();
  const read = await readBatchConfig(dir);
  if (!read.ok) { return read; }
  const config: BatchConfig = fields ? { ...read.value, fields, updatedAt: new Date().toISOString() } : read.value;
  if (fields) { await writeBatchConfig(dir, config); }
  const names = config.fields.map(f => f.name);
  const completeness = names.map(field => ({ field, before: 0, after: 0 }));
  const skipped: string[] = [];
  const done = [...(await readCheckpoint(dir)).done];
  // The CSV needs only each card's fields: keep those (in checkpoint order), not the words, for 20,000 cards.
  const rows: Array<CardResult | undefined> = new Array(done.length);
  const one = async (index: number): Promise<void> => {
    const card = done[index];
    const stored = await readCardJson(dir, card);
    if (!stored.ok) { return; }
    const next = await reextractCard(stored.value, config.fields, models);
    if (!next) { skipped.push(card); rows[index] = { ...stored.value, words: [] }; return; }
    names.forEach((name, i) => {
      if ((stored.value.fields[name]?.value ?? '') !== '') { completeness[i].before++; }
      if ((next.fields[name]?.value ?? '') !== '') { completeness[i].after++; }
    });
    await writeCardJson(dir, next);
    rows[index] = { ...next, words: [] };
  };
  // A few cards in flight: file reads and writes overlap the labelling.
  let nextIndex = 0;
  await Promise.all(Array.from({ length: 8 }, async () => { while (nextIndex < done.length) { await one(nextIndex++); } }));
  const results = rows.filter((row): row is CardResult => row !== undefined);
  await writeCsv(batchPaths(dir).csvFile, results, names);
  return { ok: true, value: { cards: results.length - skipped.length, skipped, completeness, ms: Date.now() - startedAt } };
}
