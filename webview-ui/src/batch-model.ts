// What the dashboard knows about one batch, folded from WS frames; no DOM, so unit tests drive it directly.
// Cards and errors are keyed by card name, so a re-attach that repeats results never duplicates a row.
import { Emitter, type EventListen } from '../../src/common/lifecycle';
import { assertNever } from '../../src/common/assert';
import type { BatchStatus, BatchSummary, CardResult, Problem, ProgressCounts, WsFrame } from '../../src/protocol/index';

export type ModelChange =
  | { kind: 'batch' }                         // summary, status or progress changed
  | { kind: 'card'; result: CardResult }     // a card row was added or replaced
  | { kind: 'errors' };                       // the errors list changed

/**
 * Invariants: 1. a card is never in `cards` and `errors` at once (a retried card that succeeds leaves
 * `errors`); 2. `lastSeq` only grows between snapshots; 3. `cards` keeps at most `maxCards`, dropping the oldest.
 */
/** What the run this page watched came to: cards read and failed since the batch last started running. */
export interface RunTally { read: number; failed: number; startedAtMs: number; endedAtMs?: number }

export class BatchModel {
  private summary: BatchSummary | undefined;
  private run: RunTally | undefined;
  private readonly cardMap = new Map<string, CardResult>();
  private readonly errorMap = new Map<string, Problem>();
  private seq: number | undefined;
  private readonly changeEmitter = new Emitter<ModelChange>();
  readonly onDidChange: EventListen<ModelChange> = this.changeEmitter.event;

  constructor(readonly batchId: string, private readonly maxCards = 1000) {}

  get batch(): BatchSummary | undefined { return this.summary; }
  get status(): BatchStatus | undefined { return this.summary?.status; }
  get progress(): ProgressCounts | undefined { return this.summary?.progress; }
  get lastSeq(): number | undefined { return this.seq; }
  /** The run watched from its start (a resume or retry counts only its own cards); undefined before one starts. */
  get lastRun(): RunTally | undefined { return this.run; }
  get cards(): CardResult[] { return [...this.cardMap.values()]; }
  get errors(): { card: string; problem: Problem }[] {
    return [...this.errorMap].map(([card, problem]) => ({ card, problem }));
  }

  apply(frame: WsFrame): void {
    if (frame.type !== 'snapshot' && this.seq !== undefined && frame.seq <= this.seq) { return; }   // already seen
    // A snapshot sets the position outright: after a server restart its numbering starts again.
    this.seq = frame.seq;
    switch (frame.type) {
      case 'snapshot':
        this.summary = frame.batch;
        this.changeEmitter.fire({ kind: 'batch' });
        for (const result of frame.recentCards) { this.addCard(result); }
        for (const { card, problem } of frame.recentErrors) { this.errorMap.set(card, problem); }
        this.changeEmitter.fire({ kind: 'errors' });
        break;
      case 'progress': {
        if (!this.summary) { return; }
        const { processed, total, succeeded, failed, cardsPerSecond, etaSeconds } = frame;
        this.summary = { ...this.summary, progress: { processed, total, succeeded, failed, cardsPerSecond, etaSeconds } };
        this.changeEmitter.fire({ kind: 'batch' });
        break;
      }
      case 'card':
        if (this.run && this.run.endedAtMs === undefined) { this.run.read += 1; }
        this.addCard(frame.result);
        break;
      case 'error':
        if (this.run && this.run.endedAtMs === undefined) { this.run.failed += 1; }
        this.errorMap.set(frame.card, frame.problem);
        this.changeEmitter.fire({ kind: 'errors' });
        break;
      case 'status':
        if (!this.summary) { return; }
        if (frame.status === 'running') { this.run = { read: 0, failed: 0, startedAtMs: Date.now() }; }
        else if (frame.status !== 'queued' && this.run && this.run.endedAtMs === undefined) { this.run.endedAtMs = Date.now(); }
        this.summary = { ...this.summary, status: frame.status };
        this.changeEmitter.fire({ kind: 'batch' });
        break;
      default:
        assertNever(frame);
    }
  }

  /** Replaces the errors with the list read from the server (`GET /errors`), the authority after a re-attach. */
  setErrors(errors: { card: string; problem: Problem }[]): void {
    this.errorMap.clear();
    for (const { card, problem } of errors) {
      if (!this.cardMap.has(card)) { this.errorMap.set(card, problem); }
    }
    this.changeEmitter.fire({ kind: 'errors' });
  }

  private addCard(result: CardResult): void {
    this.cardMap.delete(result.card);   // re-insert so the newest stays last
    this.cardMap.set(result.card, result);
    while (this.cardMap.size > this.maxCards) { this.cardMap.delete(this.cardMap.keys().next().value as string); }
    if (this.errorMap.delete(result.card)) { this.changeEmitter.fire({ kind: 'errors' }); }
    this.changeEmitter.fire({ kind: 'card', result });
  }

  dispose(): void { this.changeEmitter.dispose(); }
}
