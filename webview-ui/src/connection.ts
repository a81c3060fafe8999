// The live link to one batch: a WebSocket to /api/v1/ws/task/{id}, frames parsed with WsFrame, and
// reconnection with backoff that asks only for what it missed (`since=<last seq>`). Knows no views.
import { Emitter, type Disposable, type EventListen } from '../../src/common/lifecycle';
import { WsCloseCode, WsFrame } from '../../src/protocol/index';
import { apiUrl } from './api-client';
import { t } from './l10n/index';

export type ConnectionState =
  | { kind: 'connecting'; attempt: number }
  | { kind: 'open' }
  | { kind: 'waiting'; attempt: number; retryInMs: number }
  /** Given up for good: the server said the batch or the token is wrong. */
  | { kind: 'refused'; code: number; reason: string };

export interface ConnectionOptions {
  serverUrl: string;
  token: string;
  batchId: string;
  /** Where to resume from: the seq of the last frame already applied, if any. */
  lastSeq: () => number | undefined;
  /** @default 500 */ initialDelayMs?: number;
  /** @default 10000 */ maxDelayMs?: number;
}

/** WS close codes after which trying again cannot help: the server's 44xx (bad request, token, unknown batch). */
export function isFinalClose(code: number): boolean {
  return code === WsCloseCode.badRequest || code === WsCloseCode.unauthorized || code === WsCloseCode.notFound
    || (code >= 4400 && code < 4500);
}

export class BatchConnection implements Disposable {
  private socket: WebSocket | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private serverRestarted = false;
  private disposed = false;
  private readonly frameEmitter = new Emitter<WsFrame>();
  private readonly stateEmitter = new Emitter<ConnectionState>();
  private readonly badFrameEmitter = new Emitter<string>();
  readonly onDidReceiveFrame: EventListen<WsFrame> = this.frameEmitter.event;
  readonly onDidChangeState: EventListen<ConnectionState> = this.stateEmitter.event;
  readonly onDidReceiveBadFrame: EventListen<string> = this.badFrameEmitter.event;

  constructor(private readonly options: ConnectionOptions) {}

  /** Opens the socket now; later drops reconnect by themselves until disposed or refused. */
  open(): void {
    this.clearRetry();
    if (this.disposed || this.socket) { return; }
    this.attempt += 1;
    this.stateEmitter.fire({ kind: 'connecting', attempt: this.attempt });
    const url = new URL(apiUrl(this.options.serverUrl, `ws/task/${encodeURIComponent(this.options.batchId)}`));
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', this.options.token);
    // After "going away" the server restarts with a new numbering, where an old seq could name the wrong
    // frames; a plain snapshot is then the safe way back (rows are keyed by card, so repeats do no harm).
    const since = this.serverRestarted ? undefined : this.options.lastSeq();
    if (since !== undefined) { url.searchParams.set('since', String(since)); }
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('message', event => this.onMessage(event));
    socket.addEventListener('close', event => this.onClose(socket, event.code, event.reason));
  }

  /** Skips the wait after a drop, e.g. when the browser says it is online again. */
  retryNow(): void {
    if (this.retryTimer !== undefined) { this.open(); }
  }

  /** Closes the socket from this side, as a network drop would (used by "Reconnect"). */
  drop(): void { this.socket?.close(); }

  private onMessage(event: MessageEvent): void {
    let parsed: ReturnType<typeof WsFrame.safeParse>;
    try {
      parsed = WsFrame.safeParse(JSON.parse(String(event.data)));
    } catch {
      this.badFrameEmitter.fire(t('connection.frameNotJson'));
      return;
    }
    if (!parsed.success) {
      this.badFrameEmitter.fire(parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; '));
      return;
    }
    if (parsed.data.type === 'snapshot') {
      this.serverRestarted = false;
      this.attempt = 0;   // a snapshot proves the link works: the next drop starts the backoff afresh
      this.stateEmitter.fire({ kind: 'open' });
    }
    this.frameEmitter.fire(parsed.data);
  }

  private onClose(socket: WebSocket, code: number, reason: string): void {
    if (socket !== this.socket) { return; }
    this.socket = undefined;
    if (this.disposed) { return; }
    if (code === WsCloseCode.goingAway) { this.serverRestarted = true; }
    if (isFinalClose(code)) {
      this.stateEmitter.fire({ kind: 'refused', code, reason: reason || t('connection.closedWithCode', { code }) });
      return;
    }
    const initial = this.options.initialDelayMs ?? 500;
    const retryInMs = Math.min(this.options.maxDelayMs ?? 10_000, initial * 2 ** Math.max(0, this.attempt - 1));
    this.stateEmitter.fire({ kind: 'waiting', attempt: this.attempt, retryInMs });
    this.retryTimer = setTimeout(() => { this.retryTimer = undefined; this.open(); }, retryInMs);
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) { clearTimeout(this.retryTimer); this.retryTimer = undefined; }
  }

  dispose(): void {
    this.disposed = true;
    this.clearRetry();
    this.socket?.close(1000, 'dashboard closed');
    this.socket = undefined;
    this.frameEmitter.dispose();
    this.stateEmitter.dispose();
    this.badFrameEmitter.dispose();
  }
}
