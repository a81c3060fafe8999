// The engine child's IPC: requests from the parent (each answered by one reply), and what the child sends.
import { z } from 'zod';
import { BatchId, BatchOptions, BatchSummary, CardResult, Language } from './batch';
import { FieldSpec, PreprocessOptions } from './fields';
import { BatchMessage } from './messages';
import { Problem } from './problems';

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

const Id = { requestId: z.number().int().nonnegative() };

/** Parent → child. Every request gets exactly one `reply` with the same `requestId`. */
export const EngineRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('configure'), settings: EngineSettings, ...Id }),
  z.object({ type: z.literal('start'), params: StartBatchParams, ...Id }),
  z.object({ type: z.literal('resume'), dir: z.string(), ...Id }),
  z.object({ type: z.literal('retry'), dir: z.string(), ...Id }),
  z.object({ type: z.literal('pause'), batchId: BatchId, ...Id }),
  z.object({ type: z.literal('cancel'), batchId: BatchId, ...Id }),
  z.object({ type: z.literal('list'), ...Id }),
  /** Answered with `{ result }`: the card's result, words included, exactly as a batch would compute it. */
  z.object({ type: z.literal('preview'), params: PreviewParams, ...Id }),
  /** Finish the cards in flight, flush the checkpoint, then exit 0. */
  z.object({ type: z.literal('shutdown'), ...Id }),
]);
export type EngineRequest = z.infer<typeof EngineRequest>;

export const EngineReplyValue = z.union([
  z.object({ batch: BatchSummary }),
  z.object({ batches: z.array(BatchSummary) }),
  z.object({ result: CardResult }),
  // Last: it matches any object (and strips what it does not know).
  z.object({}),
]);

/** Child → parent. A reply carries an Outcome: `{ ok: true, value }` or `{ ok: false, error: Problem }`. */
export const EngineOutput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reply'), requestId: z.number().int(), outcome: z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value: EngineReplyValue }),
    z.object({ ok: z.literal(false), error: Problem }),
  ]) }),
  z.object({ type: z.literal('batch'), message: BatchMessage }),
  z.object({ type: z.literal('log'), level: z.enum(['debug', 'info', 'warn', 'error']), message: z.string() }),
]);
export type EngineOutput = z.infer<typeof EngineOutput>;
