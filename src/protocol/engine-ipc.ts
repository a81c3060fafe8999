// The engine child's IPC: its settings and the parameters of its larger requests; the requests are in engine-requests.ts.
import { z } from 'zod';
import { BatchOptions, CardName, Count, Language } from './batch';
import { FieldName, FieldSpec, PreprocessOptions } from './fields';

/** Process-wide engine settings, sent once as the first request after fork. */
export const EngineSettings = z.object({
  /** Holds tesseract's cache and anything else the engine keeps between runs. */
  dataDir: z.string(),
  /** Folders searched for `<lang>.traineddata`, after the bundled `eng`; @default the system tessdata folders. */
  tessdataDirs: z.array(z.string()).optional(),
  /** OCR workers; @default the number of cores. */
  workers: z.number().int().min(1).max(64).optional(),
  /** Recreate each tesseract worker after this many cards, since WASM memory only grows. @default 250 */
  recycleAfterCards: z.number().int().min(1).optional(),
  /** Who runs this engine (`card-ocr run`, `card-ocr serve`, `VS Code`): named in a batch folder's lock. */
  owner: z.string().max(100).optional(),
  /** Read a card that is a symbolic link to a file outside its batch folder (the CLI: links the user made). Without
   *  it (server mode) such a card goes to `_errors/` as `card/unreadable`. Nothing is ever written through a link. */
  followCardLinks: z.boolean().optional(),
  /** Which tesseract reads: `auto` (native tesseract 5 where it has the languages, else tesseract.js), or forced. @default 'auto' */
  ocrBackend: z.enum(['auto', 'tesseract.js', 'native']).optional(),
});
export type EngineSettings = z.infer<typeof EngineSettings>;

/** Start a new batch on a folder of cards (a folder already holding a batch is resumed instead). */
export const StartBatchParams = z.object({
  dir: z.string(),
  name: z.string().optional(),
  fields: z.array(FieldSpec).default([]),
  templateId: z.string().optional(),
  language: Language.default('eng'),
  options: BatchOptions.default({}),
  /** When the folder holds a batch made with another template: set its outputs aside (dated folder) and start over. */
  restart: z.boolean().optional(),
});
export type StartBatchParams = z.infer<typeof StartBatchParams>;

/** Read one card with a field list and nothing written or moved: template authoring's instant result. */
export const PreviewParams = z.object({
  /** Absolute path of the card image. */
  image: z.string().min(1),
  fields: z.array(FieldSpec).default([]),
  language: Language.default('eng'),
  preprocess: PreprocessOptions.optional(),
  /** At most 100000000; @default 100000000, as for a batch */
  maxInputPixels: z.number().int().min(1).max(100_000_000).optional(),
  /** @default 120000, as for a batch */
  cardTimeoutMs: z.number().int().min(100).max(3_600_000).optional(),
});
export type PreviewParams = z.infer<typeof PreviewParams>;


/** One card's review, saved by the engine (see ReviewBody for what the fields and `accept` mean). */
export const ReviewParams = z.object({
  dir: z.string().min(1),
  card: CardName,
  fields: z.record(FieldName, z.string()),
  accept: z.array(FieldName).optional(),
  /** The words pointed at per field (see ReviewBody.words). */
  words: z.record(FieldName, z.array(Count)).optional(),
  /** Who reviewed, stored per field. */
  by: z.string().optional(),
  reviewedAt: z.string(),
  /** Named in the folder's lock while the review is saved; @default the engine's owner. */
  owner: z.string().max(100).optional(),
});
export type ReviewParams = z.infer<typeof ReviewParams>;
