// Builds the first frame of a WS connection: the batch as it stands plus the results a client may have
// missed, from the feed's ring when it still holds them, else read back from the batch folder.
import { withoutWords } from './without-words';
import type { BatchSummary, CardName, CardResult, Outcome, Problem, Snapshot } from '../../protocol/index';
import type { BatchFeed, CardFrame, ErrorFrame } from './batch-feed';
import { listCardResults, readErrorEntries } from '../../batch-folder/index';

export type SnapshotFrame = Snapshot & { seq: number };

export interface SnapshotSource {
  dir: string;
  summary(): Promise<Outcome<BatchSummary>>;
}

export interface SnapshotLimits {
  /** Results in a snapshot without `since`. */
  recentCards: number;
  /** Results read back from disk when `since` is older than the ring. */
  maxReadBack: number;
}

export function percentOf(batch: BatchSummary): number {
  const { processed, total } = batch.progress;
  if (total === 0) { return batch.status === 'finished' ? 100 : 0; }
  return Math.min(100, Math.round((processed / total) * 1000) / 10);
}

/**
 * Reads the ring synchronously first, so the snapshot's `seq` is exactly the last frame it covers; frames
 * published while the summary is read arrive after it (a card may then appear in both: key by card name).
 */
export async function buildSnapshot(feed: BatchFeed, since: number | undefined, source: SnapshotSource, limits: SnapshotLimits): Promise<Outcome<SnapshotFrame>> {
  const seq = feed.headSeq;
  const fromRing = since === undefined ? undefined : feed.framesSince(since);
  const recent = feed.recent(limits.recentCards);
  const latestProgress = feed.latestProgress;
  const latestStatus = feed.latestStatus;

  const read = await source.summary();
  if (!read.ok) { return read; }
  let batch = read.value;
  if (latestProgress && latestProgress.processed >= batch.progress.processed) {
    const { type: _type, batchId: _batchId, seq: _seq, ...counts } = latestProgress;
    batch = { ...batch, progress: counts };
  }
  if (latestStatus) { batch = { ...batch, status: latestStatus.status }; }

  let frames: (CardFrame | ErrorFrame)[];
  let diskCards: CardResult[] = [];
  let diskErrors: { card: CardName; problem: Problem }[] = [];
  if (since !== undefined && fromRing !== undefined) {
    frames = fromRing;
  } else if (since === undefined && (recent.length >= limits.recentCards || (!feed.hasDropped && recentCoversBatch(recent, batch)))) {
    frames = recent;
  } else {
    // The ring cannot say what the client missed (server restarted, or it dropped them): ask the disk.
    frames = [];
    diskCards = await readLatestCards(source.dir, since === undefined ? limits.recentCards : limits.maxReadBack);
    diskErrors = (await readErrorEntries(source.dir)).map(e => ({ card: e.card, problem: e.problem }));
  }
  return {
    ok: true,
    value: {
      type: 'snapshot', seq, batch, percent: percentOf(batch),
      recentCards: [...diskCards, ...frames.filter(f => f.type === 'card').map(f => f.result)],
      recentErrors: [...diskErrors, ...frames.filter(f => f.type === 'error').map(f => ({ card: f.card, problem: f.problem }))],
    },
  };
}

/** The ring alone is complete when it holds as many results as the batch has processed. */
function recentCoversBatch(recent: (CardFrame | ErrorFrame)[], batch: BatchSummary): boolean {
  return recent.length >= batch.progress.processed;
}

async function readLatestCards(dir: string, count: number): Promise<CardResult[]> {
  const { total } = await listCardResults(dir, { offset: 0, limit: 0 });
  if (total === 0) { return []; }
  return (await listCardResults(dir, { offset: Math.max(0, total - count), limit: count })).cards.map(withoutWords);
}
