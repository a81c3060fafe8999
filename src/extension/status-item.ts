// The status-bar item: percent and ETA of the running batch; once a batch ends, its result (read, failed, to
// review) for a while instead of vanishing. A click opens the dashboard on that batch.
import * as vscode from 'vscode';
import { isActiveStatus, type BatchMessage, type ProgressCounts } from '../protocol/index';
import type { BatchOutcome } from './batch-end';
import { commandIds } from './ids';

/** How long the last batch's result stays in the status bar. */
const outcomeShownMs = 10 * 60_000;

function formatEta(seconds: number | null): string {
  if (seconds === null) { return '…'; }
  const total = Math.round(seconds);
  return total >= 3600 ? `${Math.floor(total / 3600)}h ${Math.floor((total % 3600) / 60)}m`
    : total >= 60 ? `${Math.floor(total / 60)}m ${total % 60}s` : `${total}s`;
}

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cardOcr.status', vscode.StatusBarAlignment.Left, 10);
  private readonly running = new Map<string, ProgressCounts | undefined>();
  private outcome: BatchOutcome | undefined;
  private outcomeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.item.name = vscode.l10n.t('Card OCR');
    this.item.command = commandIds.openDashboard;
  }

  onBatchMessage(message: BatchMessage): void {
    if (message.type === 'status') {
      if (isActiveStatus(message.status)) { this.running.set(message.batchId, this.running.get(message.batchId)); }
      else { this.running.delete(message.batchId); }
    } else if (message.type === 'progress' && this.running.has(message.batchId)) {
      this.running.set(message.batchId, message);
    } else if (message.type === 'progress' && message.processed < message.total) {
      this.running.set(message.batchId, message);   // a batch resumed before this item saw its status
    }
    this.render();
  }

  /** A batch ended: its result replaces the progress until the next batch runs or the time is up. */
  showOutcome(outcome: BatchOutcome): void {
    this.outcome = outcome;
    if (this.outcomeTimer !== undefined) { clearTimeout(this.outcomeTimer); }
    this.outcomeTimer = setTimeout(() => { this.outcomeTimer = undefined; this.outcome = undefined; this.render(); }, outcomeShownMs);
    this.render();
  }

  private render(): void {
    if (this.running.size === 0) { this.renderOutcome(); return; }
    const progress = [...this.running.values()].find(p => p !== undefined);
    const percent = progress && progress.total > 0 ? Math.floor((progress.processed / progress.total) * 100) : 0;
    const more = this.running.size > 1 ? ` (+${this.running.size - 1})` : '';
    this.item.text = `$(sync~spin) ${vscode.l10n.t('Card OCR {0}% · ETA {1}', percent, formatEta(progress?.etaSeconds ?? null))}${more}`;
    this.item.tooltip = progress ? vscode.l10n.t('{0}/{1} cards, {2} failed — click for the dashboard', progress.processed, progress.total, progress.failed)
      : vscode.l10n.t('Card OCR batch starting');
    this.item.command = commandIds.openDashboard;
    this.item.show();
  }

  private renderOutcome(): void {
    const outcome = this.outcome;
    if (!outcome) { this.item.hide(); return; }
    const { batch, toReview } = outcome;
    const { succeeded, failed } = batch.progress;
    this.item.text = outcome.status === 'failed'
      ? `$(error) ${vscode.l10n.t('Card OCR: {0} could not run', batch.name)}`
      : `$(${failed > 0 ? 'warning' : 'pass'}) ${vscode.l10n.t('Card OCR: {0} read · {1} failed · {2} to review', succeeded, failed, toReview)}`;
    this.item.tooltip = outcome.problem ?? vscode.l10n.t('{0} finished — click for the dashboard', batch.name);
    this.item.command = { command: commandIds.openDashboard, title: vscode.l10n.t('Open Dashboard'), arguments: [{ kind: 'batch', batch }] };
    this.item.show();
  }

  dispose(): void {
    if (this.outcomeTimer !== undefined) { clearTimeout(this.outcomeTimer); }
    this.item.dispose();
  }
}
