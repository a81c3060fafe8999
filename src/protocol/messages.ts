// Batch messages: engine → server over IPC, then server → every watcher over WS with a `seq` added.
import { z } from 'zod';
import { BatchId, BatchStatus, BatchSummary, CardName, CardResult, ProgressCounts } from './batch';
import { Problem } from './problems';

/** Sent at most ~10 times a second per batch, and once after each card at the end. */
export const ProgressMessage = z.object({ type: z.literal('progress'), batchId: BatchId }).extend(ProgressCounts.shape);
export type ProgressMessage = z.infer<typeof ProgressMessage>;

/** Sent once per card that succeeded, after its JSON and CSV row are on disk. */
export const CardMessage = z.object({ type: z.literal('card'), batchId: BatchId, result: CardResult });
export type CardMessage = z.infer<typeof CardMessage>;

/** Sent once per card that failed, after it was moved to `_errors/`. */
export const CardErrorMessage = z.object({ type: z.literal('error'), batchId: BatchId, card: CardName, problem: Problem });
export type CardErrorMessage = z.infer<typeof CardErrorMessage>;

/** Sent when a batch's status changes; `problem` says why a batch `failed`. */
export const StatusMessage = z.object({ type: z.literal('status'), batchId: BatchId, status: BatchStatus, problem: Problem.optional() });
export type StatusMessage = z.infer<typeof StatusMessage>;

export const BatchMessage = z.discriminatedUnion('type', [ProgressMessage, CardMessage, CardErrorMessage, StatusMessage]);
export type BatchMessage = z.infer<typeof BatchMessage>;

const Seq = { seq: z.number().int().nonnegative() };

/** First frame on every WS connection: the batch as it stands, plus the results a client may have missed. */
export const Snapshot = z.object({
  type: z.literal('snapshot'),
  batch: BatchSummary,
  percent: z.number().min(0).max(100),
  /** The most recent results (or, with `?since=`, those after that seq), oldest first. */
  recentCards: z.array(CardResult),
  recentErrors: z.array(z.object({ card: CardName, problem: Problem })),
});
export type Snapshot = z.infer<typeof Snapshot>;

/** What a WS client receives: one snapshot on connect, then batch messages in `seq` order. */
export const WsFrame = z.discriminatedUnion('type', [Snapshot.extend(Seq), ProgressMessage.extend(Seq),
  CardMessage.extend(Seq), CardErrorMessage.extend(Seq), StatusMessage.extend(Seq)]);
export type WsFrame = z.infer<typeof WsFrame>;

/** Close codes of `/api/v1/ws/task/{batchId}`, with a reason that says what to do. */
export const WsCloseCode = {
  /** The server is shutting down (re-connect when it is back). */
  goingAway: 1001,
  /** A malformed batch id or `since`. */
  badRequest: 4400,
  /** Missing or wrong token. */
  unauthorized: 4401,
  /** No such batch: never means "pending". */
  notFound: 4404,
  /** The client fell too far behind; re-attach with `?since=<last seq>` (1013 "try again later": not final). */
  tooSlow: 1013,
} as const;
