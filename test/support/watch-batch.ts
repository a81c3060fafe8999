// A real `ws` client on /api/v1/ws/task/{id} for server tests: every frame parsed with WsFrame, and
// `until(predicate)` resolved from the message listener itself (never by time); a close rejects waiters.
import WebSocket from 'ws';
import type { Disposable } from '../../src/common/lifecycle';
import { WsFrame, type CardResult } from '../../src/protocol/index';
import type { ServerAddress } from './api-client';

export interface Closed { code: number; reason: string }

export interface WatchOptions {
  since?: number;
  /** How the token is sent. @default 'query' */
  tokenIn?: 'query' | 'header' | 'none';
  token?: string;
  headers?: Record<string, string>;
  /** The raw path segment after /ws/task/ (not encoded further). */
  rawId?: boolean;
}

export function watchUrl(server: ServerAddress, batchId: string, options: WatchOptions = {}): string {
  const url = new URL(`ws://127.0.0.1:${server.port}/api/v1/ws/task/${options.rawId ? batchId : encodeURIComponent(batchId)}`);
  if ((options.tokenIn ?? 'query') === 'query') { url.searchParams.set('token', options.token ?? server.token); }
  if (options.since !== undefined) { url.searchParams.set('since', String(options.since)); }
  return url.toString();
}

export class BatchWatcher implements Disposable {
  readonly frames: WsFrame[] = [];
  readonly closed: Promise<Closed>;
  private closedValue: Closed | undefined;
  private readonly waiters = new Set<{ test: (f: WsFrame) => boolean; resolve: (f: WsFrame) => void; reject: (e: Error) => void }>();

  constructor(readonly socket: WebSocket) {
    socket.on('message', data => {
      const parsed = WsFrame.safeParse(JSON.parse(String(data)));
      if (!parsed.success) {
        this.failAll(new Error(`frame does not match WsFrame: ${parsed.error.message}: ${String(data).slice(0, 200)}`));
        return;
      }
      this.frames.push(parsed.data);
      for (const waiter of [...this.waiters]) {
        if (waiter.test(parsed.data)) { this.waiters.delete(waiter); waiter.resolve(parsed.data); }
      }
    });
    this.closed = new Promise(resolve => socket.once('close', (code, reason) => {
      this.closedValue = { code, reason: String(reason) };
      this.failAll(new Error(`socket closed (${code} ${String(reason)}) before the awaited frame`));
      resolve(this.closedValue);
    }));
  }

  /** The first frame, already received or still to come, that passes `test`. */
  until(test: (frame: WsFrame) => boolean): Promise<WsFrame> {
    const seen = this.frames.find(test);
    if (seen) { return Promise.resolve(seen); }
    if (this.closedValue) { return Promise.reject(new Error(`socket already closed (${this.closedValue.code} ${this.closedValue.reason})`)); }
    return new Promise((resolve, reject) => this.waiters.add({ test, resolve, reject }));
  }

  /** A status frame with one of `statuses`, or the snapshot when the batch already had one as the watch began. */
  untilStatus(...statuses: string[]): Promise<WsFrame> {
    return this.until(f => (f.type === 'status' && statuses.includes(f.status)) || (f.type === 'snapshot' && statuses.includes(f.batch.status)));
  }

  get lastSeq(): number { return this.frames.at(-1)?.seq ?? 0; }

  /** Results seen: those in the snapshot and in card frames, by card name (a card may come in both). */
  results(): Map<string, CardResult> {
    const found = new Map<string, CardResult>();
    for (const frame of this.frames) {
      if (frame.type === 'snapshot') { for (const r of frame.recentCards) { found.set(r.card, r); } }
      if (frame.type === 'card') { found.set(frame.result.card, frame.result); }
    }
    return found;
  }

  cardNames(): string[] { return [...this.results().keys()].sort(); }

  private failAll(error: Error): void {
    for (const waiter of this.waiters) { waiter.reject(error); }
    this.waiters.clear();
  }

  dispose(): void { this.socket.terminate(); }
}

/** Connects and resolves once open (the snapshot may still be on its way: await `until`). */
export async function watchBatch(server: ServerAddress, batchId: string, options: WatchOptions = {}): Promise<BatchWatcher> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.tokenIn === 'header') { headers.authorization = `Bearer ${options.token ?? server.token}`; }
  const socket = new WebSocket(watchUrl(server, batchId, options), { headers });
  const watcher = new BatchWatcher(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode}`)));
  });
  return watcher;
}

/** For door tests: how an upgrade ends — refused with an HTTP status, or opened and then closed with a code. */
export function upgradeOutcome(server: ServerAddress, batchId: string, options: WatchOptions = {}): Promise<{ status: number } | { close: Closed }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.tokenIn === 'header') { headers.authorization = `Bearer ${options.token ?? server.token}`; }
  const socket = new WebSocket(watchUrl(server, batchId, options), { headers });
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) => { resolve({ status: res.statusCode ?? 0 }); res.resume(); socket.terminate(); });
    socket.once('close', (code, reason) => resolve({ close: { code, reason: String(reason) } }));
    socket.once('error', error => { if (!/Unexpected server response/.test(error.message)) { reject(error); } });
  });
}
