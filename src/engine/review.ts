// Review: a person's correction of a card's field values, saved into json/<card>.json (the OCR value kept
// beside it, marked reviewed), then the batch CSV regenerated. Knows nothing of the dashboard or HTTP.
import { failure, type CardResult, type FieldValue, type Outcome } from '../protocol';
import { batchPaths, csvRow, inCardOrder, isCsvAsWritten, keepEditedCsv, readBatchConfig, readCardJson, readCheckpoint, withBatchLock, writeCardJson, writeCsvRows } from '../batch-folder/index';

/** Field name → the value the reviewer settled on; a value sent unchanged is not, by itself, a review. */
export type FieldCorrections = Record<string, string>;

/** Who reviewed, and which fields they vouched for as read (marked reviewed even when unchanged). */
export interface ReviewOptions {
  accept?: readonly string[];
  /** Field → the words the reviewer pointed at (indexes into the card's `words`); such a field is marked reviewed. */
  words?: Readonly<Record<string, readonly number[]>>;
  by?: string;
  /** Named in the folder's lock while the review is saved. */
  owner?: string;
  /** The CSV had been edited by hand: it was kept at this path before being rewritten; tell the user. */
  onCsvKept?(path: string): void;
}

/**
 * A reviewed field: `value` is the reviewer's, `review.originalValue` what OCR read (kept from the first review,
 * so reviewing twice never loses it), flags cleared since a person vouched for it.
 */
export function correctField(field: FieldValue, value: string, reviewedAt: string, action: 'corrected' | 'accepted' = 'corrected', by?: string, words?: readonly number[]): FieldValue {
  // Words pointed at before still spell an unchanged value; a value typed anew no longer is those words.
  const pointed = words ?? (value === field.value ? field.review?.words : undefined);
  return { ...field, value, flags: [], review: {
    originalValue: field.review?.originalValue ?? field.value, reviewedAt, ...(by === undefined ? {} : { by }), action,
    ...(pointed ? { words: [...pointed] } : {}),
  } };
}

/**
 * The card with corrections applied; needs review while any field is still flagged. Pure. A field is marked
 * reviewed only when its value changes or it is named in `accept`; an untouched field keeps its flags.
 */
export function applyCorrections(result: CardResult, corrections: FieldCorrections, reviewedAt: string, options: ReviewOptions = {}): Outcome<CardResult> {
  // Own keys only: a field named `constructor` or `toString` must never find Object.prototype's.
  const has = (name: string): boolean => Object.hasOwn(result.fields, name);
  const accepted = new Set(options.accept ?? []);
  const pointed = options.words ?? {};
  const unknown = [...new Set([...Object.keys(corrections), ...accepted, ...Object.keys(pointed)])].filter(name => !has(name));
  if (unknown.length > 0) {
    return failure('request/invalid', `Card ${result.card} has no field ${unknown.map(n => `"${n}"`).join(', ')}`, { fields: unknown });
  }
  const wordCount = result.words?.length ?? 0;
  const outside = Object.entries(pointed).find(([, indexes]) => indexes.some(i => !Number.isInteger(i) || i < 0 || i >= wordCount));
  if (outside) {
    return failure('request/invalid', `Card ${result.card} has ${wordCount} words; the words given for field "${outside[0]}" are not all among them`, { field: outside[0] });
  }
  const fields = new Map(Object.entries(result.fields).map(([name, field]) => {
    const sent = Object.hasOwn(corrections, name) ? corrections[name] : undefined;
    const words = Object.hasOwn(pointed, name) ? [...new Set(pointed[name])].sort((a, b) => a - b) : undefined;
    if (words) {
      const value = sent ?? field.value;
      return [name, correctField(field, value, reviewedAt, value === field.value && field.review?.action !== 'corrected' ? 'accepted' : 'corrected', options.by, words)];
    }
    if (sent !== undefined && sent !== field.value) { return [name, correctField(field, sent, reviewedAt, 'corrected', options.by)]; }
    if (accepted.has(name)) { return [name, correctField(field, field.value, reviewedAt, field.review?.action === 'corrected' ? 'corrected' : 'accepted', options.by)]; }
    return [name, field];
  }));
  const needsReview = [...fields.values()].some(field => field.flags.length > 0);
  return { ok: true, value: { ...result, fields: Object.fromEntries(fields), needsReview } };
}

/**
 * Rewrites csv/<batch>.csv from the JSON of every done card, in card order. A CSV edited by hand is kept first as
 * `csv/<name>.edited-<time>.csv` (`kept`). `updated` is a card whose JSON was just rewritten: its old row is
 * what the CSV should hold, so the check compares against `previous` for it.
 */
export async function regenerateCsv(dir: string, updated?: { previous: CardResult }): Promise<Outcome<{ rows: number; kept?: string }>> {
  const config = await readBatchConfig(dir);
  if (!config.ok) { return config; }
  const fieldNames = config.value.fields.map(field => field.name);
  const results: CardResult[] = [];
  for (const card of (await readCheckpoint(dir)).done) {
    const result = await readCardJson(dir, card);
    if (result.ok) { results.push(result.value); }
  }
  const file = batchPaths(dir).csvFile;
  const asWritten = await isCsvAsWritten(dir, file, fieldNames, updated ? [updated.previous] : []);
  const kept = asWritten ? undefined : await keepEditedCsv(file);
  await writeCsvRows(file, inCardOrder(results).map(result => csvRow(result, fieldNames)), fieldNames);
  return { ok: true, value: { rows: results.length, ...(kept ? { kept } : {}) } };
}

/**
 * Saves a review of one card and regenerates the CSV. `batch/not-found` when the card has no result,
 * `request/invalid` for a field the card does not have. Not for a batch that is running: its CSV is being appended.
 */
export async function reviewCard(dir: string, card: string, corrections: FieldCorrections, reviewedAt = new Date().toISOString(), options: ReviewOptions = {}): Promise<Outcome<CardResult>> {
  // A review writes the card JSON and the CSV: it is a writer like a run, and waits for no one (`batch/busy`).
  return withBatchLock(dir, 'review', () => saveReview(dir, card, corrections, reviewedAt, options), options.owner);
}

async function saveReview(dir: string, card: string, corrections: FieldCorrections, reviewedAt: string, options: ReviewOptions): Promise<Outcome<CardResult>> {
  const result = await readCardJson(dir, card);
  if (!result.ok) { return result; }
  const corrected = applyCorrections(result.value, corrections, reviewedAt, options);
  if (!corrected.ok) { return corrected; }
  await writeCardJson(dir, corrected.value);
  const csv = await regenerateCsv(dir, { previous: result.value });
  if (!csv.ok) { return csv; }
  if (csv.value.kept) { options.onCsvKept?.(csv.value.kept); }
  return corrected;
}
