// Every REST route of /api/v1, declared once: method, path, path parameters, query, body, reply and the errors it
// may answer. The server's handlers are typed from these, the OpenAPI document is generated from them and the
// webview's client calls through them, so adding a route is one entry here plus its handler.
import { z } from 'zod';
import { BatchId, CardName, CardResult } from './batch';
import { BatchAnswer, BatchList, CardsPage, CreateBatchBody, ErrorList, FolderCards, Health, PreviewBody, ReviewBody, UploadResponse } from './api';
import { LearnReport } from './learn';
import { WsFrame } from './messages';
import { QualityReport } from './report';

/** The parameters a path may hold (`{id}`, `{card}`), each checked against its schema by the handler. */
export const PathParams = {
  id: { schema: BatchId, description: undefined },
  card: { schema: CardName, description: 'A plain file name, e.g. card-1.jpg' },
} as const;
export type PathParam = keyof typeof PathParams;

/** `GET /batches/{id}/cards`: a page of card results. */
export const PageQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Only cards that need review (`true`) or only those that do not (`false`); absent: every card. */
  needsReview: z.enum(['true', 'false']).optional(),
  /** `finished`: as the cards finished; `card`: by card name, numbers as numbers; `least-confident` (review queues,
   *  with `needsReview`): the cards whose learned fields the model was least sure of first. Absent: a review queue of
   *  a batch with learned fields is least-confident first, anything else as the cards finished. */
  order: z.enum(['finished', 'card', 'least-confident']).optional(),
});
export type PageQuery = z.input<typeof PageQuery>;

/** `GET /folder-cards`: a folder inside an allowed root, before any batch runs there. */
export const FolderQuery = z.object({ folder: z.string().min(1) });
/** `GET /folder-cards/image`: one card image of such a folder. */
export const FolderImageQuery = FolderQuery.extend({ card: CardName });

/** `GET /ws/task/{id}` (a WebSocket upgrade). */
export const WatchQuery = z.object({
  since: z.coerce.number().int().min(0).optional().describe('The last seq seen; the snapshot then holds what came after it'),
  token: z.string().optional(),
});

/** What a route answers on success: a JSON body of a schema, or other content (a file, a CSV, a socket). */
export type RouteReply =
  | { status: 200 | 201 | 202 | 101; description: string; schema: z.ZodType }
  | { status: 200; description: string; content: 'text/csv' | 'browser-image' | 'any-json' };

export interface RouteSpec {
  method: 'get' | 'post';
  /** OpenAPI form, under /api/v1: `/batches/{id}/cards/{card}`. */
  path: string;
  summary: string;
  description?: string;
  query?: z.ZodObject;
  /** A JSON body of a schema, or multipart card images in the field `files`. */
  body?: z.ZodType | 'multipart-files';
  reply: RouteReply;
  /** Status → when it is answered; every error answer is an ErrorBody. */
  errors: Readonly<Record<number, string>>;
}

export const commonErrors = {
  400: 'Invalid request: `error.details.issues` names each bad field',
  401: 'Missing or wrong token',
  403: 'Host, Origin or folder not allowed',
} as const;
const batchErrors = { ...commonErrors, 404: 'No such batch' } as const;

const ok = <S extends z.ZodType>(schema: S, description = 'OK') => ({ status: 200 as const, description, schema });

function action(summary: string, verb: 'retry' | 'resume' | 'cancel') {
  return {
    method: 'post', path: `/batches/{id}/${verb}`, summary,
    reply: { status: 202, description: 'Accepted', schema: BatchAnswer },
    errors: { ...batchErrors, 409: 'The batch is busy' },
  } as const satisfies RouteSpec;
}

export const routes = {
  health: { method: 'get', path: '/health', summary: 'The server is up', reply: ok(Health), errors: { 401: commonErrors[401] } },
  openApi: { method: 'get', path: '/openapi.json', summary: 'This document', reply: { status: 200, description: 'OpenAPI 3.1', content: 'any-json' }, errors: {} },
  upload: {
    method: 'post', path: '/upload', summary: 'Upload card images into a new staging folder (checked by content; names made safe)',
    body: 'multipart-files',
    reply: { status: 201, description: 'Created', schema: UploadResponse },
    errors: { ...commonErrors, 413: 'A file too large, or too many files' },
  },
  listBatches: { method: 'get', path: '/batches', summary: 'Every batch this server knows', reply: ok(BatchList), errors: commonErrors },
  createBatch: {
    method: 'post', path: '/batches', summary: 'Create and start a batch from an upload id or a folder inside an allowed root',
    body: CreateBatchBody,
    reply: { status: 201, description: 'Started', schema: BatchAnswer },
    errors: { ...commonErrors, 404: 'No such upload', 409: 'The folder already holds a batch' },
  },
  getBatch: { method: 'get', path: '/batches/{id}', summary: 'Status and latest progress', reply: ok(BatchAnswer), errors: batchErrors },
  listCards: {
    method: 'get', path: '/batches/{id}/cards', summary: 'Card results in the order they finished', query: PageQuery,
    reply: ok(CardsPage), errors: batchErrors,
  },
  getCard: { method: 'get', path: '/batches/{id}/cards/{card}', summary: 'One card result', reply: ok(CardResult), errors: batchErrors },
  cardImage: {
    method: 'get', path: '/batches/{id}/cards/{card}/image',
    summary: "The card's image, from the batch folder or _errors/, typed by its content; a TIFF comes as PNG (browsers cannot show TIFF)",
    reply: { status: 200, description: 'The image file, or a TIFF as PNG', content: 'browser-image' },
    errors: {
      ...batchErrors, 404: 'No such batch, or no image of this card',
      415: 'A TIFF that does not decode at all (card/not-an-image)',
      422: 'A TIFF that breaks off or is damaged (card/truncated, card/corrupt)',
    },
  },
  reviewCard: {
    method: 'post', path: '/batches/{id}/cards/{card}/review',
    summary: 'Save reviewed values: each field sent is marked reviewed, its OCR value kept; the CSV is regenerated',
    body: ReviewBody,
    reply: ok(CardResult, 'The updated card result'),
    errors: { ...batchErrors, 404: 'No such batch, or no result for this card', 409: 'The batch is running' },
  },
  learn: {
    method: 'post', path: '/batches/{id}/learn',
    summary: "Learn from checked cards: train the batch's learned fields from the cards checked in review, write the model, re-extract every card from the stored OCR",
    description: 'The model is written where the template names it; when that is a bundled or read-only file, into the batch folder (learned.model.json), and the batch\'s learned fields name it from then on.',
    reply: ok(LearnReport, 'What was learned, and completeness per field before and after'),
    errors: { ...batchErrors, 400: 'The batch has no learned fields', 404: 'No such batch, or no card of it checked in review yet', 409: 'The batch is running or busy' },
  },
  listErrors: { method: 'get', path: '/batches/{id}/errors', summary: 'The files in _errors/ with their reasons', reply: ok(ErrorList), errors: batchErrors },
  folderCards: {
    method: 'get', path: '/folder-cards', query: FolderQuery,
    summary: 'The card images directly in a folder inside an allowed root (at most 500), before any batch runs there',
    reply: ok(FolderCards), errors: commonErrors,
  },
  folderCardImage: {
    method: 'get', path: '/folder-cards/image', query: FolderImageQuery,
    summary: 'One card image of such a folder, as the batch image route sends it',
    reply: { status: 200, description: 'The image file, or a TIFF as PNG', content: 'browser-image' },
    errors: { ...commonErrors, 404: 'No image of this card in the folder' },
  },
  getReport: {
    method: 'get', path: '/batches/{id}/report',
    summary: 'The quality report as it is now: completeness per field, confidence, cards to review and problem cards',
    reply: ok(QualityReport), errors: batchErrors,
  },
  downloadCsv: {
    method: 'get', path: '/batches/{id}/csv', summary: 'The CSV (UTF-8 with BOM)',
    reply: { status: 200, description: 'OK', content: 'text/csv' }, errors: batchErrors,
  },
  retry: action('Re-process only the cards in _errors/', 'retry'),
  resume: action('Continue from checkpoint.json', 'resume'),
  cancel: action('Stop cleanly; resumable later', 'cancel'),
  preview: {
    method: 'post', path: '/preview', summary: 'Read one card of a batch with a field list (a template being authored); nothing is written',
    body: PreviewBody,
    reply: ok(CardResult, "The card's result with these fields, words included"),
    errors: {
      ...batchErrors, 404: 'No such batch, or no image of this card',
      422: 'The card cannot be read (its problem code says why)', 503: 'The OCR engine is not running',
    },
  },
  watch: {
    method: 'get', path: '/ws/task/{id}',
    summary: 'WebSocket: a snapshot, then progress, card, error and status frames with increasing seq',
    description: 'Token as `Authorization: Bearer` or `?token=`. Close codes: 4400 bad id or since, 4401 token, 4404 unknown batch, 1013 too slow (re-attach with since), 1001 shutting down.',
    query: WatchQuery,
    reply: { status: 101, description: 'Switching protocols; each message is one WsFrame', schema: WsFrame },
    errors: batchErrors,
  },
} as const satisfies Record<string, RouteSpec>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;

/** The JSON a route answers with on success (`never` for a file, CSV or socket). */
export type ReplyOf<R extends RouteSpec> = R['reply'] extends { schema: infer S extends z.ZodType } ? z.output<S> : never;
/** The JSON body a route takes (`never` when it takes none or multipart). */
export type BodyOf<R extends RouteSpec> = R['body'] extends z.ZodType ? z.input<R['body']> : never;

/** The names of the `{…}` parameters in a route's path, in order. */
export function pathParamsOf(path: string): PathParam[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map(match => match[1] as PathParam);
}

/** The route's path with its parameters filled in (each encoded), e.g. for a client: `batches/b-1/cards/x.jpg`. */
export function fillPath(path: string, values: Partial<Record<PathParam, string>>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: PathParam) => encodeURIComponent(values[name] ?? ''));
}

/** The Express form of a route's path: `/batches/:id/cards/:card`. */
export function expressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
