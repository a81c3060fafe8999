// REST calls to /api/v1 with the Bearer token, each through its declared route; answers parsed with the route's
// reply schema, failures as Problems.
import type {
  BatchAnswer, BatchList, CardResult, CardsPage, CreateBatchBody, ErrorList, FolderCards, LearnReport, Outcome, PathParam, PreviewBody, Problem,
  QualityReport, ReplyOf, ReviewBody, UploadResponse,
} from '../../src/protocol/index';
import { ErrorBody, fillPath, routes } from '../../src/protocol/index';
import { t } from './l10n/index';

/** How a page of cards is sorted: as they finished, or by card name. */
export type CardOrder = 'finished' | 'card';

/** Joins an API path onto the server URL, keeping any path prefix a proxy added (`…/proxy/8123/`). */
export function apiUrl(serverUrl: string, path: string): string {
  const base = serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`;
  return new URL(`api/v1/${path}`, base).toString();
}

/** The one thing asked of a protocol schema here, so this file needs no zod import of its own. */
interface AnswerSchema<T> { safeParse(data: unknown): { success: true; data: T } | { success: false } }

type Route = (typeof routes)[keyof typeof routes];
type JsonRoute = Extract<Route, { reply: { schema: unknown } }>;
interface CallInput { path?: Partial<Record<PathParam, string>>; query?: Record<string, string | number | boolean | undefined>; body?: string | FormData }

/** Every call goes through its route's declaration (src/protocol/routes.ts): the path, method and answer schema come from there. */
export class ApiClient {
  constructor(private readonly serverUrl: string, private readonly token: string) {}

  listBatches(): Promise<Outcome<BatchList>> { return this.call(routes.listBatches); }
  getBatch(id: string): Promise<Outcome<BatchAnswer>> { return this.call(routes.getBatch, { path: { id } }); }
  getReport(id: string): Promise<Outcome<QualityReport>> { return this.call(routes.getReport, { path: { id } }); }
  listErrors(id: string): Promise<Outcome<ErrorList>> { return this.call(routes.listErrors, { path: { id } }); }
  /** The card images in a folder inside an allowed root, before any batch runs there. */
  folderCards(folder: string): Promise<Outcome<FolderCards>> { return this.call(routes.folderCards, { query: { folder } }); }
  folderCardImage(folder: string, card: string): Promise<Outcome<Blob>> {
    return this.image(this.urlOf(routes.folderCardImage, { query: { folder, card } }), card);
  }
  /** `needsReview: true` pages through the review queue only; `order: 'card'` sorts by card name. */
  listCards(id: string, offset: number, limit: number, needsReview?: boolean, order?: CardOrder): Promise<Outcome<CardsPage>> {
    const query = { offset, limit, ...(needsReview === undefined ? {} : { needsReview: `${needsReview}` }), ...(order ? { order } : {}) };
    return this.call(routes.listCards, { path: { id }, query });
  }
  reviewCard(id: string, card: string, body: ReviewBody): Promise<Outcome<CardResult>> {
    return this.call(routes.reviewCard, { path: { id, card }, body: JSON.stringify(body) });
  }
  /** Learn from checked cards: train the batch's learned fields, re-extract its cards; completeness before and after. */
  learn(id: string): Promise<Outcome<LearnReport>> { return this.call(routes.learn, { path: { id } }); }
  preview(body: PreviewBody): Promise<Outcome<CardResult>> { return this.call(routes.preview, { body: JSON.stringify(body) }); }
  /** The card's image as a Blob: an <img> cannot send the token, so the page fetches it and makes an object URL. */
  cardImage(id: string, card: string): Promise<Outcome<Blob>> { return this.image(this.urlOf(routes.cardImage, { path: { id, card } }), card); }
  createBatch(body: CreateBatchBody): Promise<Outcome<BatchAnswer>> { return this.call(routes.createBatch, { body: JSON.stringify(body) }); }
  retry(id: string): Promise<Outcome<BatchAnswer>> { return this.call(routes.retry, { path: { id } }); }
  resume(id: string): Promise<Outcome<BatchAnswer>> { return this.call(routes.resume, { path: { id } }); }
  cancel(id: string): Promise<Outcome<BatchAnswer>> { return this.call(routes.cancel, { path: { id } }); }
  upload(files: File[]): Promise<Outcome<UploadResponse>> {
    const form = new FormData();
    for (const file of files) { form.append('files', file, file.name); }
    return this.call(routes.upload, { body: form });
  }
  csvUrl(id: string): string { return this.urlOf(routes.downloadCsv, { path: { id } }); }

  private async image(url: string, card: string): Promise<Outcome<Blob>> {
    let response: Response;
    try {
      response = await fetch(url, { headers: { Authorization: `Bearer ${this.token}` } });
    } catch {
      return failed('engine/unavailable', t('api.unreachable', { url: this.serverUrl }));
    }
    if (!response.ok) {
      const error = ErrorBody.safeParse(await response.json().catch(() => undefined));
      return error.success ? { ok: false, error: error.data.error } : failed('internal', t('api.imageAnswered', { card, status: response.status }));
    }
    return { ok: true, value: await response.blob() };
  }

  private urlOf(route: Route, input: CallInput): string {
    const entries = Object.entries(input.query ?? {}).filter(([, value]) => value !== undefined).map(([key, value]) => [key, String(value)]);
    const query = entries.length > 0 ? `?${new URLSearchParams(entries).toString()}` : '';
    return apiUrl(this.serverUrl, `${fillPath(route.path, input.path ?? {}).slice(1)}${query}`);
  }

  private async call<R extends JsonRoute>(route: R, input: CallInput = {}): Promise<Outcome<ReplyOf<R>>> {
    const method = route.method.toUpperCase();
    const path = fillPath(route.path, input.path ?? {}).slice(1);
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}` };
    if (typeof input.body === 'string') { headers['Content-Type'] = 'application/json'; }
    let response: Response;
    try {
      response = await fetch(this.urlOf(route, input), { method, headers, body: input.body });
    } catch {
      return failed('engine/unavailable', t('api.unreachable', { url: this.serverUrl }));
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = ErrorBody.safeParse(json);
      return error.success ? { ok: false, error: error.data.error } : failed('internal', t('api.answered', { method, path, status: response.status }));
    }
    const parsed = (route.reply.schema as AnswerSchema<ReplyOf<R>>).safeParse(json);
    return parsed.success ? { ok: true, value: parsed.data } : failed('internal', t('api.unexpectedShape', { method, path }));
  }
}

function failed(code: Problem['code'], message: string): { ok: false; error: Problem } {
  return { ok: false, error: { code, message } };
}
