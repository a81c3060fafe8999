// One WebSocket watcher of one batch: snapshot first, then the feed's frames in seq order, with progress
// coalesced and a bounded send buffer, so a slow client costs only itself. Knows nothing of HTTP or auth.
import type { WebSocket } from 'ws';
import { DisposableStore, toDisposable, type Disposable } from '../../common/lifecycle';
import { WsCloseCode, type WsFrame } from '../../protocol/index';
import type { BatchFeed, BatchFrame, ProgressFrame } from './batch-feed';
import { buildSnapshot, type SnapshotLimits, type SnapshotSource } from './snapshot';

export interface WatchLimits extends SnapshotLimits {
  /** At most one progress frame per this many ms per client. @default 100 */
  progressIntervalMs: number;
  /** A client with more unsent bytes than this is closed (4408) rather than buffered further. */
  maxBufferedBytes: number;
  /** Frames held while the snapshot is being read; beyond this the client is closed as too slow. */
  maxQueuedFrames: number;
}

export type DropReason = 'too-slow' | 'no-pong';

/**
 * Invariants: 1. the snapshot is the first frame sent; 2. every frame sent has a larger seq than the one
 * before; 3. a card or error frame is never skipped (the client is closed instead); 4. progress frames
 * may be skipped, since each carries the whole state.
 */
export class WatchConnection implements Disposable {
  private readonly store = new DisposableStore();
  private queued: BatchFrame[] | undefined = [];
  private lastSentSeq = -1;
  private lastProgressAt = Number.NEGATIVE_INFINITY;
  private pendingProgress: ProgressFrame | undefined;
  private progressTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly feed: BatchFeed,
    private readonly limits: WatchLimits,
    private readonly onDrop: (reason: DropReason) => void,
  ) {
    // Watch before reading the snapshot: whatever is published meanwhile waits in `queued`.
    this.store.add(feed.watch(frame => this.onFrame(frame)));
    this.store.add(toDisposable(() => clearTimeout(this.progressTimer)));
    socket.once('close', () => this.dispose());
  }

  /** Sends the snapshot and then whatever arrived while it was read; closes with 4404 when the batch vanished. */
  async start(since: number | undefined, source: SnapshotSource): Promise<void> {
    const snapshot = await buildSnapshot(this.feed, since, source, this.limits);
    if (this.store.isDisposed) { return; }
    if (!snapshot.ok) {
      this.socket.close(WsCloseCode.notFound, truncateReason(snapshot.error.message));
      return;
    }
    this.send(snapshot.value);
    const queued = this.queued ?? [];
    this.queued = undefined;
    for (const frame of queued) {
      if (frame.seq > snapshot.value.seq) { this.deliver(frame); }
    }
  }

  private onFrame(frame: BatchFrame): void {
    if (this.queued === undefined) { this.deliver(frame); return; }
    this.queued.push(frame);
    if (this.queued.length > this.limits.maxQueuedFrames) { this.drop('too-slow'); }
  }

  private deliver(frame: BatchFrame): void {
    switch (frame.type) {
      case 'progress':
        if (Date.now() - this.lastProgressAt >= this.limits.progressIntervalMs) {
          this.pendingProgress = undefined;
          this.sendProgress(frame);
        } else {
          this.pendingProgress = frame;
          this.progressTimer ??= setTimeout(() => this.flushProgress(), this.lastProgressAt + this.limits.progressIntervalMs - Date.now());
        }
        break;
      case 'card':
      case 'error':
        // A held progress frame is older than this one; sending it later would break seq order.
        this.pendingProgress = undefined;
        this.send(frame);
        break;
      case 'status':
        this.flushProgress();
        this.send(frame);
        break;
    }
  }

  private flushProgress(): void {
    clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
    const pending = this.pendingProgress;
    this.pendingProgress = undefined;
    if (pending) { this.sendProgress(pending); }
  }

  private sendProgress(frame: ProgressFrame): void {
    this.lastProgressAt = Date.now();
    // Progress is state, not news: behind a half-full buffer it is skipped instead of queued.
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes / 2) { return; }
    this.send(frame);
  }

  private send(frame: WsFrame): void {
    if (this.store.isDisposed || this.socket.readyState !== this.socket.OPEN) { return; }
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) { this.drop('too-slow'); return; }
    if (frame.seq <= this.lastSentSeq && frame.type !== 'snapshot') { return; }
    this.lastSentSeq = frame.seq;
    this.socket.send(JSON.stringify(frame));
  }

  private drop(reason: DropReason): void {
    if (this.store.isDisposed) { return; }
    this.onDrop(reason);
    this.socket.close(WsCloseCode.tooSlow, 'client too slow; re-attach with ?since=<last seq>');
    // A stalled peer never answers the close handshake; do not hold its buffer until ws gives up.
    this.socket.terminate();
    this.dispose();
  }

  dispose(): void { this.store.dispose(); }
}

/** WebSocket close reasons are limited to 123 bytes. */
export function truncateReason(reason: string): string {
  const bytes = Buffer.from(reason, 'utf8');
  return bytes.length <= 123 ? reason : `${bytes.subarray(0, 120).toString('utf8').replace(/\uFFFD$/, '')}...`;
}
