// Review: a person's correction of a card's field values, saved into json/<card>.json (the OCR value kept
// beside it, marked reviewed), then the batch CSV regenerated. Knows nothing of the dashboard or HTTP.
import { failure, type CardResult, type FieldValue, type Outcome } from '../protocol';
import { readBatchConfig } from './batch-config';
import { batchPaths } from './batch-paths';
import { readCheckpoint } from './checkpoint-journal';
import { readCardJson, writeCardJson } from './outputs/card-json';
import { writeCsv } from './outputs/csv-table';

/** Field name → the value the reviewer settled on; the same value as before means "accepted as read". */
export type FieldCorrections = Record<string, string>;

/**
 * A reviewed field: `value` is the reviewer's, `review.originalValue` what OCR read (kept from the first review,
 * so reviewing twice never loses it), flags cleared since a person vouched for it.
 */
export function correctField(field: FieldValue, value: string, reviewedAt: string): FieldValue {
  return { ...field, value, flags: [], review: { originalValue: field.review?.originalValue ?? field.value, reviewedAt } };
}

/** The card with corrections applied; needs review while any field is still flagged. Pure. */
export function applyCorrections(result: CardResult, corrections: FieldCorrections, reviewedAt: string): Outcome<CardResult> {
  const unknown = Object.keys(corrections).filter(name => !(name in result.fields));
  if (unknown.length > 0) {
    return failure('request/invalid', `Card ${result.card} has no field ${unknown.map(n => `"${n}"`).join(', ')}`, { fields: unknown });
  }
  const fields = Object.fromEntries(Object.entries(result.fields).map(([name, field]) =>
    [name, name in corrections ? correctField(field, corrections[name], reviewedAt) : field]));
  const needsReview = Object.values(fields).some(field => field.flags.length > 0);
  return { ok: true, value: { ...result, fields, needsReview } };
}

/** Rewrites csv/<batch>.csv from the JSON of every done card, in checkpoint order. */
export async function regenerateCsv(dir: string): Promise<Outcome<number>> {
  const config = await readBatchConfig(dir);
  if (!config.ok) { return config; }
  const results: CardResult[] = [];
  for (const card of (await readCheckpoint(dir)).done) {
    const result = await readCardJson(dir, card);
    if (result.ok) { results.push(result.value); }
  }
  await writeCsv(batchPaths(dir).csvFile, results, config.value.fields.map(field => field.name));
  return { ok: true, value: results.length };
}

/**
 * Saves a review of one card and regenerates the CSV. `batch/not-found` when the card has no result,
 * `request/invalid` for a field the card does not have. Not for a batch that is running: its CSV is being appended.
 */
export async function reviewCard(dir: string, card: string, corrections: FieldCorrections, reviewedAt = new Date().toISOString()): Promise<Outcome<CardResult>> {
  const result = await readCardJson(dir, card);
  if (!result.ok) { return result; }
  const corrected = applyCorrections(result.value, corrections, reviewedAt);
  if (!corrected.ok) { return corrected; }
  await writeCardJson(dir, corrected.value);
  const csv = await regenerateCsv(dir);
  return csv.ok ? corrected : csv;
}
