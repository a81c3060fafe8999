// Batches and their cards: config.json, results and error entries as they live on disk and on the wire.
import { z } from 'zod';
import { FieldSpec, PageSegmentation, PreprocessOptions } from './fields';
import { Problem } from './problems';

/** Safe in a URL path and a file name. */
export const BatchId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'lower-case letters, digits and -');
export type BatchId = z.infer<typeof BatchId>;

/** A card's file name: a base name only, never a path. */
export const CardName = z.string().min(1).max(255)
  .refine(n => !/[\\/\0]/.test(n) && n !== '.' && n !== '..', 'a plain file name, without path separators');
export type CardName = z.infer<typeof CardName>;

export const Count = z.number().int().nonnegative();

/** Cancellation and pausing are statuses, not problems. `failed` means the batch could not run at all. */
export const BatchStatus = z.enum(['queued', 'running', 'paused', 'cancelled', 'finished', 'failed']);
export type BatchStatus = z.infer<typeof BatchStatus>;
/** "Running or queued", spelled once: an engine works on the batch or is about to, so nobody else touches its folder. */
export const activeStatuses: readonly BatchStatus[] = ['queued', 'running'];
export function isActiveStatus(status: BatchStatus): status is 'queued' | 'running' {
  return activeStatuses.includes(status);
}

/** A language spec as tesseract takes it: `eng`, `deu`, `deu+eng`. */
export const Language = z.string().regex(/^[a-z_]{3,16}(\+[a-z_]{3,16})*$/, 'tesseract language codes joined by +, e.g. deu+eng');

export const BatchOptions = z.object({
  /** OCR workers; @default the number of cores. */
  workers: z.number().int().min(1).max(64).optional(),
  /** Per-card limit; a card over it goes to `_errors/` as `card/timeout`. @default 120000 */
  cardTimeoutMs: z.number().int().min(100).max(3_600_000).optional(),
  /** Images with more pixels are rejected as `card/too-large`; at most 100000000. @default 100000000 */
  maxInputPixels: z.number().int().min(1).max(100_000_000).optional(),
  preprocess: PreprocessOptions.optional(),
  /** How the whole card is read, set on the worker before every card. @default auto */
  pageSegmentation: PageSegmentation.optional(),
});
export type BatchOptions = z.infer<typeof BatchOptions>;

/** What `config.json` holds; written by the engine when a batch starts, read back on resume and retry. */
export const BatchConfig = z.object({
  version: z.literal(1),
  id: BatchId,
  name: z.string(),
  fields: z.array(FieldSpec),
  templateId: z.string().optional(),
  language: Language,
  options: BatchOptions,
  status: BatchStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BatchConfig = z.infer<typeof BatchConfig>;

export const FieldFlag = z.enum(['low-confidence', 'invalid', 'missing']);
export type FieldFlag = z.infer<typeof FieldFlag>;

/** A pixel box on the card as OCR'd (after EXIF rotation), for review overlays. */
export const PixelBox = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });
export type PixelBox = z.infer<typeof PixelBox>;

export const FieldValue = z.object({
  value: z.string(),
  /** Mean word confidence 0..100 of the words the value came from; null when no words. */
  confidence: z.number().min(0).max(100).nullable(),
  flags: z.array(FieldFlag),
  box: PixelBox.optional(),
  /** Set once a person corrected or accepted the value in review; `value` is then the reviewed one. `by` and
   *  `action` are absent in results reviewed before they were kept. */
  review: z.object({
    originalValue: z.string(), reviewedAt: z.string(), by: z.string().optional(), action: z.enum(['corrected', 'accepted']).optional(),
    /** The words the reviewer pointed at on the card (indexes into the result's `words`, reading order): the value
     *  is those words, and training labels exactly them instead of searching the OCR text for the value. */
    words: z.array(Count).optional(),
  }).optional(),
});
export type FieldValue = z.infer<typeof FieldValue>;

export const CardKind = z.enum(['data', 'blank', 'reference']);

/** One word as OCR read it, kept in the card result so review can draw the word boxes over the image. */
export const CardWord = z.object({
  text: z.string(),
  /** 0..100, as tesseract reports it. */
  confidence: z.number().min(0).max(100),
  /** Card pixels, the same space as field boxes. */
  box: PixelBox,
});
export type CardWord = z.infer<typeof CardWord>;

/** A zone read for learned fields, kept so training and re-extraction work without OCR-ing the card again. */
export const StoredZone = z.object({
  /** Which zone: its region and reading settings (see the engine's `zoneKey`). */
  key: z.string(),
  /** The zone in card pixels. */
  box: PixelBox,
  /** Lines joined by \n, words of a line by one space: `words` in reading order spell it. */
  text: z.string(),
  words: z.array(CardWord),
});
export type StoredZone = z.infer<typeof StoredZone>;

/** One card's result: `json/<card>.json` and a CSV row. */
export const CardResult = z.object({
  card: CardName,
  text: z.string(),
  /** Mean word confidence 0..100 over the card; null when no words were found. */
  confidence: z.number().min(0).max(100).nullable(),
  fields: z.record(z.string(), FieldValue),
  kind: CardKind.optional(),
  /** Every word of the page OCR, in reading order; absent in results written before words were kept. */
  words: z.array(CardWord).optional(),
  /** The zones learned fields read (`find: { by: "learned", region }`); absent when the template has none. */
  zones: z.array(StoredZone).optional(),
  needsReview: z.boolean(),
  width: Count,
  height: Count,
  durationMs: Count,
  processedAt: z.string(),
});
export type CardResult = z.infer<typeof CardResult>;

/** One line of `_errors/errors.jsonl`: the image now lies at `_errors/<card>`. */
export const ErrorEntry = z.object({ card: CardName, problem: Problem, at: z.string() });
export type ErrorEntry = z.infer<typeof ErrorEntry>;

/** Where a batch stands; carried by progress messages and snapshots. */
export const ProgressCounts = z.object({
  processed: Count, total: Count, succeeded: Count, failed: Count,
  cardsPerSecond: z.number().nonnegative(), etaSeconds: z.number().nonnegative().nullable(),
});
export type ProgressCounts = z.infer<typeof ProgressCounts>;

/** A batch as listed by the engine and the API. */
export const BatchSummary = z.object({
  id: BatchId,
  name: z.string(),
  dir: z.string(),
  status: BatchStatus,
  language: Language,
  fields: z.array(z.string()),
  /** The fields found by a learned model (the dashboard offers "Learn from checked cards" for these); absent: none. */
  learnedFields: z.array(z.string()).optional(),
  progress: ProgressCounts,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BatchSummary = z.infer<typeof BatchSummary>;

/** `<dataDir>/batches.json`: the one list of batch folders a user has worked with (id → folder). */
export const KnownBatchesFile = z.object({ version: z.literal(1), batches: z.array(z.object({ id: BatchId, dir: z.string() })) });
export type KnownBatchesFile = z.infer<typeof KnownBatchesFile>;
