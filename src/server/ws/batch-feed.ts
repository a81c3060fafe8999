// Per-batch relay of engine messages: stamps `seq`, keeps a bounded ring of recent card/error frames
// for re-attaching clients, and fans frames out to watchers. Knows nothing of sockets.
import { withoutWords } from './without-words';
import { Emitter, toDisposable, type Disposable, type EventListen } from '../../common/lifecycle';
import { isActiveStatus, type BatchMessage, type CardErrorMessage, type CardMessage, type ProgressMessage, type StatusMessage } from '../../protocol/index';

type Seq = { seq: number };
export type CardFrame = CardMessage & Seq;
export type ErrorFrame = CardErrorMessage & Seq;
export type ProgressFrame = ProgressMessage & Seq;
export type StatusFrame = StatusMessage & Seq;
/** A relayed batch message: every WsFrame but the snapshot. */
export type BatchFrame = CardFrame | ErrorFrame | ProgressFrame | StatusFrame;

/**
 * Invariants: 1. `seq` increases by one per message, starting at 1 (0 means "nothing yet");
 * 2. `ring` holds the latest card/error frames in seq order, at most `ringSize` of them;
 * 3. every card/error frame with seq <= `droppedThrough` has left the ring.
 */
export class BatchFeed implements Disposable {
  private seq = 0;
  private readonly ring: (CardFrame | ErrorFrame)[] = [];
  private droppedThrough = 0;
  private readonly frameEmitter = new Emitter<BatchFrame>();
  /** Every frame, as it is stamped; listeners must not throw. */
  readonly onDidPublish: EventListen<BatchFrame> = this.frameEmitter.event;
  latestProgress: ProgressFrame | undefined;
  latestStatus: StatusFrame | undefined;
  private watcherCount = 0;

  constructor(readonly batchId: string, private readonly ringSize: number) {}

  get headSeq(): number { return this.seq; }
  get hasWatchers(): boolean { return this.watcherCount > 0; }

  publish(message: BatchMessage): void {
    this.seq += 1;
    // Word boxes are for review (read over REST); on the live feed they would only swell frames and snapshots.
    const slim = message.type === 'card' ? { ...message, result: withoutWords(message.result) } : message;
    const frame = { ...slim, seq: this.seq } as BatchFrame;
    switch (frame.type) {
      case 'card':
      case 'error':
        this.ring.push(frame);
        if (this.ring.length > this.ringSize) { this.droppedThrough = this.ring.shift()!.seq; }
        break;
      case 'progress': this.latestProgress = frame; break;
      case 'status': this.latestStatus = frame; break;
    }
    this.frameEmitter.fire(frame);
  }

  /** Counts watchers so idle feeds can be forgotten; the returned Disposable ends the watch. */
  watch(listener: (frame: BatchFrame) => void): Disposable {
    const subscription = this.onDidPublish(listener);
    this.watcherCount += 1;
    return toDisposable(() => { subscription.dispose(); this.watcherCount -= 1; });
  }

  /**
   * Card and error frames after `since`, when the ring still holds all of them; undefined when some were
   * dropped or `since` is from another server's numbering (ahead of ours), so the caller reads the disk.
   */
  framesSince(since: number): (CardFrame | ErrorFrame)[] | undefined {
    if (since < this.droppedThrough || since > this.seq) { return undefined; }
    return this.ring.filter(f => f.seq > since);
  }

  /** The newest `count` card and error frames, oldest first. */
  recent(count: number): (CardFrame | ErrorFrame)[] {
    return this.ring.slice(-count);
  }

  /** True when this feed has seen card results that are no longer in its ring. */
  get hasDropped(): boolean { return this.droppedThrough > 0; }

  dispose(): void { this.frameEmitter.dispose(); }
}

/** All feeds, one per batch seen; idle feeds of batches no longer running are forgotten beyond `maxIdle`. */
export class BatchFeeds implements Disposable {
  private readonly feeds = new Map<string, BatchFeed>();

  constructor(private readonly ringSize: number, private readonly maxIdle = 32) {}

  get(batchId: string): BatchFeed {
    let feed = this.feeds.get(batchId);
    if (feed === undefined) {
      feed = new BatchFeed(batchId, this.ringSize);
      this.feeds.set(batchId, feed);
      this.trim();
    } else {
      // Map order doubles as recency: re-inserting moves the feed to the end.
      this.feeds.delete(batchId);
      this.feeds.set(batchId, feed);
    }
    return feed;
  }

  publish(message: BatchMessage): void {
    this.get(message.batchId).publish(message);
  }

  private trim(): void {
    const idle = [...this.feeds.values()].filter(f => !f.hasWatchers && !isActive(f));
    for (const feed of idle.slice(0, Math.max(0, idle.length - this.maxIdle))) {
      this.feeds.delete(feed.batchId);
      feed.dispose();
    }
  }

  dispose(): void {
    for (const feed of this.feeds.values()) { feed.dispose(); }
    this.feeds.clear();
  }
}

function isActive(feed: BatchFeed): boolean {
  const status = feed.latestStatus?.status;
  if (status === undefined) { return feed.headSeq > 0; }   // messages but no status yet: still starting
  return isActiveStatus(status);
}
