// The WebSocket door at /api/v1/ws/task/{batchId}: checks Host/Origin (reject the upgrade), then the token,
// the id and `since` (close codes), then hands the socket to a WatchConnection. Knows no REST routes.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { DisposableStore, Emitter, type Disposable, type EventListen } from '../../common/lifecycle';
import { BatchId, WsCloseCode, type ErrorBody, type Problem } from '../../protocol/index';
import { checkHostAndOrigin, checkToken, tokenOf, type DoorState } from '../auth';
import type { BatchRegistry } from '../batch-registry';
import { problem, statusOf } from '../http-errors';
import type { BatchFeeds } from './batch-feed';
import { startHeartbeat } from './heartbeat';
import { WatchConnection, truncateReason, type DropReason, type WatchLimits } from './watch-connection';

export const watchPathPrefix = '/api/v1/ws/task/';

export interface DroppedWatcher { batchId: string; reason: DropReason }

export class WatchServer implements Disposable {
  private readonly store = new DisposableStore();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly batchOf = new WeakMap<WebSocket, string>();
  private readonly dropEmitter = this.store.add(new Emitter<DroppedWatcher>());
  /** A watcher was cut off for being too slow or not answering pings; it may re-attach with `since`. */
  readonly onDidDropWatcher: EventListen<DroppedWatcher> = this.dropEmitter.event;

  constructor(
    private readonly door: DoorState,
    private readonly registry: BatchRegistry,
    private readonly feeds: BatchFeeds,
    private readonly limits: WatchLimits,
    heartbeatMs: number,
  ) {
    this.store.add(startHeartbeat(this.wss, heartbeatMs, socket => {
      this.dropEmitter.fire({ batchId: this.batchOf.get(socket) ?? '', reason: 'no-pong' });
    }));
  }

  /** For the http server's 'upgrade' event; never throws (a failure ends that socket only). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => { /* a reset during the handshake concerns that client only */ });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refused = checkHostAndOrigin(req.headers, this.door);
    if (refused) { rejectUpgrade(socket, refused); return; }
    if (!url.pathname.startsWith(watchPathPrefix) || url.pathname.slice(watchPathPrefix.length).includes('/')) {
      rejectUpgrade(socket, problem('request/not-found', `No WebSocket at ${url.pathname}; use ${watchPathPrefix}{batchId}`));
      return;
    }
    this.wss.handleUpgrade(req, socket, head, ws => {
      this.wss.emit('connection', ws, req);
      void this.accept(ws, req, url).catch(() => {
        // The disk or engine failed while the snapshot was read: the client may retry.
        ws.close(1011, 'internal error while reading the batch; see the server log');
      });
    });
  }

  private async accept(ws: WebSocket, req: IncomingMessage, url: URL): Promise<void> {
    const denied = checkToken(tokenOf(req.headers, url.searchParams), this.door);
    if (denied) { ws.close(WsCloseCode.unauthorized, denied.message); return; }
    let rawId: string;
    try { rawId = decodeURIComponent(url.pathname.slice(watchPathPrefix.length)); } catch { rawId = ''; }
    if (!BatchId.safeParse(rawId).success) {
      ws.close(WsCloseCode.badRequest, 'invalid batch id: lower-case letters, digits and -');
      return;
    }
    const sinceText = url.searchParams.get('since');
    const since = sinceText === null ? undefined : Number(sinceText);
    if (since !== undefined && !(Number.isInteger(since) && since >= 0)) {
      ws.close(WsCloseCode.badRequest, 'since must be a non-negative integer (the last seq you saw)');
      return;
    }
    const dir = await this.registry.dirOf(rawId);
    if (dir === undefined || ws.readyState !== ws.OPEN) {
      ws.close(WsCloseCode.notFound, truncateReason(`unknown batch "${rawId}"`));
      return;
    }
    this.batchOf.set(ws, rawId);
    const connection = new WatchConnection(ws, this.feeds.get(rawId), this.limits,
      reason => this.dropEmitter.fire({ batchId: rawId, reason }));
    await connection.start(since, { dir, summary: () => this.registry.summary(rawId) });
  }

  /** Closes every watcher with 1001 and waits for the sockets to be gone. */
  async close(): Promise<void> {
    const closed = [...this.wss.clients].map(ws => new Promise<void>(resolve => {
      if (ws.readyState === ws.CLOSED) { resolve(); return; }
      ws.once('close', () => resolve());
      ws.close(WsCloseCode.goingAway, 'server shutting down');
      // Do not wait for a close handshake from a peer that may never answer.
      setImmediate(() => ws.terminate());
    }));
    await Promise.all(closed);
    await new Promise<void>(resolve => this.wss.close(() => resolve()));
    this.dispose();
  }

  dispose(): void { this.store.dispose(); }
}

function rejectUpgrade(socket: Duplex, value: Problem): void {
  const status = statusOf(value.code);
  const body = JSON.stringify({ error: value } satisfies ErrorBody);
  socket.end(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\n`
    + `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
