// Every engine IPC request, declared once: its parameters and the reply value it is answered with. The wire
// schema (EngineRequest), the request type, the child's dispatch and the parent's typed calls all derive from it,
// so adding a request is one entry here plus its case in engine-service.ts (the compiler asks for it).
import { z } from 'zod';
import { BatchId, BatchSummary, CardResult } from './batch';
import { EngineSettings, PreviewParams, ReviewParams, StartBatchParams } from './engine-ipc';
import { LearnParams, LearnReport } from './learn';
import { BatchMessage } from './messages';
import { Template } from './fields';
import { Problem } from './problems';

const Nothing = z.object({});
/** A template of the library, and where it was found. */
export const TemplateEntry = z.object({ template: Template, source: z.enum(['bundled', 'workspace']), file: z.string() });
export type TemplateEntry = z.infer<typeof TemplateEntry>;
export type TemplateSource = TemplateEntry['source'];
/** Sorted by id; a workspace template shadows a bundled one with the same id. One `template/invalid` per bad file;
 *  the good ones are listed all the same. */
export const TemplateListing = z.object({ templates: z.array(TemplateEntry), problems: z.array(Problem) });
export type TemplateListing = z.infer<typeof TemplateListing>;
/** The batch as it stands after the request. */
const BatchReply = z.object({ batch: BatchSummary });

export const engineRequests = {
  /** Process-wide settings, sent once as the first request after fork. */
  configure: { params: { settings: EngineSettings }, reply: Nothing },
  /** A new batch on a folder of cards (a folder already holding a batch is resumed instead). */
  start: { params: { params: StartBatchParams }, reply: BatchReply },
  resume: { params: { dir: z.string() }, reply: BatchReply },
  retry: { params: { dir: z.string() }, reply: BatchReply },
  pause: { params: { batchId: BatchId }, reply: BatchReply },
  cancel: { params: { batchId: BatchId }, reply: BatchReply },
  /** The batches queued or running in this engine. */
  list: { params: {}, reply: z.object({ batches: z.array(BatchSummary) }) },
  /** The card's result, words included, exactly as a batch would compute it; nothing written. */
  preview: { params: { params: PreviewParams }, reply: z.object({ result: CardResult }) },
  /** Saves a reviewer's values into the card's JSON and regenerates the CSV: the engine is the batch folder's only
   *  writer. `csvKept`: the CSV had been edited by hand and was kept at this path before being rewritten. */
  review: { params: { params: ReviewParams }, reply: z.object({ result: CardResult, csvKept: z.string().optional() }) },
  /** Trains the batch's learned fields from its checked cards, writes the model (beside the template, else in the
   *  batch folder) and re-extracts every card from the stored OCR. Refused while the batch runs; under its lock. */
  learn: { params: { params: LearnParams }, reply: LearnReport },
  /** "Start over" without starting (the fields are defined next, in the dashboard): the batch's outputs move into
   *  `_previous/<time>/` under the folder's lock, refused while it runs. `kept`: that folder. A start with
   *  `restart: true` does the same and then starts. */
  setAside: { params: { dir: z.string() }, reply: z.object({ kept: z.string() }) },
  /** The template library: bundled templates and those saved in each workspace folder's `.card-ocr/templates/`. */
  templates: { params: { workspaceDirs: z.array(z.string()) }, reply: TemplateListing },
  /** The batch's CSV, ready to be served: its path once checked (a file, not reached through a link). */
  csvFile: { params: { dir: z.string() }, reply: z.object({ file: z.string() }) },
  /** Finish the cards in flight, flush the checkpoint, then exit 0. */
  shutdown: { params: {}, reply: Nothing },
} as const satisfies Record<string, { params: z.ZodRawShape; reply: z.ZodType }>;

type Requests = typeof engineRequests;
export type EngineRequestType = keyof Requests;

/** The request `K` without its `requestId`: what a caller sends. */
export type EngineRequestBody<K extends EngineRequestType = EngineRequestType> =
  { [T in K]: { type: T } & ParamsOf<Requests[T]['params']> }[K];
type ParamsOf<S> = { -readonly [P in keyof S]: S[P] extends z.ZodType ? z.output<S[P]> : never };
/** Parent → child. Every request gets exactly one `reply` with the same `requestId`. */
export type EngineRequest = EngineRequestBody & { requestId: number };
/** The value a successful reply to request `K` carries. */
export type EngineReply<K extends EngineRequestType> = z.output<Requests[K]['reply']>;

const Id = { requestId: z.number().int().nonnegative() };
const variants = Object.entries(engineRequests).map(([type, { params }]) => z.object({ type: z.literal(type), ...params, ...Id }));
export const EngineRequest = z.discriminatedUnion('type', variants as [typeof variants[number], ...typeof variants]) as unknown as z.ZodType<EngineRequest>;

/** Checks a reply's value against what request `type` is answered with. */
export function parseEngineReply<K extends EngineRequestType>(type: K, value: unknown): z.ZodSafeParseResult<EngineReply<K>> {
  return (engineRequests[type].reply as unknown as z.ZodType<EngineReply<K>>).safeParse(value);
}

/** Child → parent. A reply carries an Outcome: `{ ok: true, value }` (checked by the parent against its request's
 *  reply schema) or `{ ok: false, error: Problem }`. */
export const EngineOutput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reply'), requestId: z.number().int(), outcome: z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value: z.unknown() }),
    z.object({ ok: z.literal(false), error: Problem }),
  ]) }),
  z.object({ type: z.literal('batch'), message: BatchMessage }),
  z.object({ type: z.literal('log'), level: z.enum(['debug', 'info', 'warn', 'error']), message: z.string() }),
]);
export type EngineOutput = z.infer<typeof EngineOutput>;
