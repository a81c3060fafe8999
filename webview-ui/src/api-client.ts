// REST calls to /api/v1 with the Bearer token; answers parsed with the shared schemas, failures as Problems.
import type { Outcome, PreviewBody, Problem, ReviewBody } from '../../src/protocol/index';
import { BatchAnswer, BatchList, CardResult, CardsPage, CreateBatchBody, ErrorBody, ErrorList, FolderCards, QualityReport, UploadResponse } from '../../src/protocol/index';
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

export class ApiClient {
  constructor(private readonly serverUrl: string, private readonly token: string) {}

  listBatches(): Promise<Outcome<BatchList>> { return this.call('GET', 'batches', BatchList); }
  getBatch(id: string): Promise<Outcome<BatchAnswer>> { return this.call('GET', `batches/${encodeURIComponent(id)}`, BatchAnswer); }
  getReport(id: string): Promise<Outcome<QualityReport>> { return this.call('GET', `batches/${encodeURIComponent(id)}/report`, QualityReport); }
  /** The card images in a folder inside an allowed root, before any batch runs there. */
  folderCards(folder: string): Promise<Outcome<FolderCards>> { return this.call('GET', `folder-cards?folder=${encodeURIComponent(folder)}`, FolderCards); }
  folderCardImage(folder: string, card: string): Promise<Outcome<Blob>> {
    return this.image(`folder-cards/image?folder=${encodeURIComponent(folder)}&card=${encodeURIComponent(card)}`, card);
  }
  listErrors(id: string): Promise<Outcome<ErrorList>> { return this.call('GET', `batches/${encodeURIComponent(id)}/errors`, ErrorList); }
  /** `needsReview: true` pages through the review queue only; `order: 'card'` sorts by card name. */
  listCards(id: string, offset: number, limit: number, needsReview?: boolean, order?: CardOrder): Promise<Outcome<CardsPage>> {
    const filter = needsReview === undefined ? '' : `&needsReview=${needsReview}`;
    const sort = order ? `&order=${order}` : '';
    return this.call('GET', `batches/${encodeURIComponent(id)}/cards?offset=${offset}&limit=${limit}${filter}${sort}`, CardsPage);
  }
  reviewCard(id: string, card: string, body: ReviewBody): Promise<Outcome<CardResult>> {
    return this.call('POST', `${cardPath(id, card)}/review`, CardResult, JSON.stringify(body));
  }
  preview(body: PreviewBody): Promise<Outcome<CardResult>> { return this.call('POST', 'preview', CardResult, JSON.stringify(body)); }
  /** The card's image as a Blob: an <img> cannot send the token, so the page fetches it and makes an object URL. */
  cardImage(id: string, card: string): Promise<Outcome<Blob>> { return this.image(`${cardPath(id, card)}/image`, card); }

  private async image(path: string, card: string): Promise<Outcome<Blob>> {
    let response: Response;
    try {
      response = await fetch(apiUrl(this.serverUrl, path), { headers: { Authorization: `Bearer ${this.token}` } });
    } catch {
      return failed('engine/unavailable', t('api.unreachable', { url: this.serverUrl }));
    }
    if (!response.ok) {
      const error = ErrorBody.safeParse(await response.json().catch(() => undefined));
      return error.success ? { ok: false, error: error.data.error } : failed('internal', t('api.imageAnswered', { card, status: response.status }));
    }
    return { ok: true, value: await response.blob() };
  }
  createBatch(body: CreateBatchBody): Promise<Outcome<BatchAnswer>> { return this.call('POST', 'batches', BatchAnswer, JSON.stringify(body)); }
  retry(id: string): Promise<Outcome<BatchAnswer>> { return this.call('POST', `batches/${encodeURIComponent(id)}/retry`, BatchAnswer); }
  resume(id: string): Promise<Outcome<BatchAnswer>> { return this.call('POST', `batches/${encodeURIComponent(id)}/resume`, BatchAnswer); }
  cancel(id: string): Promise<Outcome<BatchAnswer>> { return this.call('POST', `batches/${encodeURIComponent(id)}/cancel`, BatchAnswer); }
  upload(files: File[]): Promise<Outcome<UploadResponse>> {
    const form = new FormData();
    for (const file of files) { form.append('files', file, file.name); }
    return this.call('POST', 'upload', UploadResponse, form);
  }
  csvUrl(id: string): string { return apiUrl(this.serverUrl, `batches/${encodeURIComponent(id)}/csv`); }

  private async call<T>(method: 'GET' | 'POST', path: string, schema: AnswerSchema<T>, body?: string | FormData): Promise<Outcome<T>> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}` };
    if (typeof body === 'string') { headers['Content-Type'] = 'application/json'; }
    let response: Response;
    try {
      response = await fetch(apiUrl(this.serverUrl, path), { method, headers, body });
    } catch {
      return failed('engine/unavailable', t('api.unreachable', { url: this.serverUrl }));
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = ErrorBody.safeParse(json);
      return error.success ? { ok: false, error: error.data.error } : failed('internal', t('api.answered', { method, path, status: response.status }));
    }
    const parsed = schema.safeParse(json);
    return parsed.success ? { ok: true, value: parsed.data } : failed('internal', t('api.unexpectedShape', { method, path }));
  }
}

function cardPath(id: string, card: string): string {
  return `batches/${encodeURIComponent(id)}/cards/${encodeURIComponent(card)}`;
}

function failed(code: Problem['code'], message: string): { ok: false; error: Problem } {
  return { ok: false, error: { code, message } };
}
