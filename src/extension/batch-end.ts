// The end of a batch, said out loud: a notification with the counts and what to do next (Open CSV, Review N
// cards, Show failures), and one log line with counts, duration and rate. Fed the engine's batch messages.
import * as vscode from 'vscode';
import { errorMessage } from '../common/assert';
import type { BatchMessage, BatchSummary, HostToPage, ProgressCounts } from '../protocol/index';
import type { KnownBatches } from './known-batches';
import type { Log } from './log';
import type { ReviewCounts } from './review-counts';
import { batchPaths } from '../batch-folder/index';

/** What the end of one batch came to; the status item shows it for a while. */
export interface BatchOutcome { batch: BatchSummary; status: 'finished' | 'failed'; toReview: number; problem?: string }

export interface BatchEndDeps {
  known: KnownBatches;
  log: Log;
  reviews: ReviewCounts;
  openDashboard(message?: HostToPage): Promise<void>;
  onOutcome(outcome: BatchOutcome): void;
}

/** `1m 05s`, `42s`, `1h 02m`. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) { return `${total}s`; }
  if (total < 3600) { return `${Math.floor(total / 60)}m ${String(total % 60).padStart(2, '0')}s`; }
  return `${Math.floor(total / 3600)}h ${String(Math.floor((total % 3600) / 60)).padStart(2, '0')}m`;
}

export class BatchEnd {
  /** When each batch started running in this window, and the counts it started from (a resume starts part-way). */
  private readonly started = new Map<string, { atMs: number; processed: number | undefined }>();
  private readonly last = new Map<string, ProgressCounts>();

  constructor(private readonly deps: BatchEndDeps) {}

  onBatchMessage(message: BatchMessage): void {
    if (message.type === 'progress') {
      const start = this.started.get(message.batchId);
      if (start && start.processed === undefined) { start.processed = message.processed; }
      this.last.set(message.batchId, message);
    } else if (message.type === 'status' && message.status === 'running') {
      this.started.set(message.batchId, { atMs: Date.now(), processed: undefined });
    } else if (message.type === 'status' && (message.status === 'finished' || message.status === 'failed')) {
      const problem = message.problem?.message;
      // Listeners never throw: whatever goes wrong reading the batch back is logged.
      void this.announce(message.batchId, message.status, problem).catch(error =>
        this.deps.log.line('warn', `could not announce the end of batch ${message.batchId}: ${errorMessage(error)}`));
    }
  }

  private async announce(batchId: string, status: 'finished' | 'failed', problem: string | undefined): Promise<void> {
    const batch = await this.deps.known.find(batchId);
    const start = this.started.get(batchId);
    this.started.delete(batchId);
    if (!batch) { return; }
    const progress = this.last.get(batchId) ?? batch.progress;
    const toReview = status === 'finished' ? await this.deps.reviews.count(batch.dir) : 0;
    this.logLine(batch, status, progress, toReview, start, problem);
    this.deps.onOutcome({ batch: { ...batch, progress }, status, toReview, ...(problem ? { problem } : {}) });

    const openCsv = vscode.l10n.t('Open CSV');
    const review = vscode.l10n.t('Review {0} cards', toReview);
    const failures = vscode.l10n.t('Show failures');
    const buttons = [...(progress.succeeded > 0 ? [openCsv] : []), ...(toReview > 0 ? [review] : []), ...(progress.failed > 0 ? [failures] : [])];
    const choice = status === 'failed'
      ? await vscode.window.showErrorMessage(vscode.l10n.t('Card OCR: {0} could not run: {1}', batch.name, problem ?? vscode.l10n.t('see the log')), ...buttons)
      : await vscode.window.showInformationMessage(vscode.l10n.t('Card OCR: {0} finished: {1} cards read, {2} failed, {3} to review.',
        batch.name, progress.succeeded, progress.failed, toReview), ...buttons);
    if (choice === openCsv) { await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(batchPaths(batch.dir).csvFile)); }
    if (choice === review) { await this.deps.openDashboard({ type: 'showBatch', batchId, focus: 'review' }); }
    if (choice === failures) { await this.deps.openDashboard({ type: 'showBatch', batchId, focus: 'errors' }); }
  }

  private logLine(batch: BatchSummary, status: string, progress: ProgressCounts, toReview: number,
    start: { atMs: number; processed: number | undefined } | undefined, problem: string | undefined): void {
    const seconds = start ? (Date.now() - start.atMs) / 1000 : undefined;
    const read = progress.processed - (start?.processed ?? 0);
    const rate = seconds && seconds > 0 ? ` in ${formatDuration(seconds)}, ${(read / seconds).toFixed(2)} cards/s` : '';
    const level = status === 'failed' ? 'error' : progress.failed > 0 ? 'warn' : 'info';
    this.deps.log.line(level, `batch ${batch.id} ${status}: ${progress.succeeded} read, ${progress.failed} failed, ${toReview} to review` +
      ` (${progress.processed}/${progress.total})${rate}${problem ? `: ${problem}` : ''}`);
  }
}
