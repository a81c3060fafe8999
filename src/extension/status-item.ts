// The status-bar item while batches run: percent and ETA of the running batch; click opens the dashboard.
import * as vscode from 'vscode';
import type { BatchMessage, ProgressCounts } from '../protocol/index';
import { commandIds } from './ids';

function formatEta(seconds: number | null): string {
  if (seconds === null) { return '…'; }
  const total = Math.round(seconds);
  return total >= 3600 ? `${Math.floor(total / 3600)}h ${Math.floor((total % 3600) / 60)}m`
    : total >= 60 ? `${Math.floor(total / 60)}m ${total % 60}s` : `${total}s`;
}

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cardOcr.status', vscode.StatusBarAlignment.Left, 10);
  private readonly running = new Map<string, ProgressCounts | undefined>();

  constructor() {
    this.item.name = vscode.l10n.t('Card OCR');
    this.item.command = commandIds.openDashboard;
  }

  onBatchMessage(message: BatchMessage): void {
    if (message.type === 'status') {
      if (message.status === 'running' || message.status === 'queued') { this.running.set(message.batchId, this.running.get(message.batchId)); }
      else { this.running.delete(message.batchId); }
    } else if (message.type === 'progress' && this.running.has(message.batchId)) {
      this.running.set(message.batchId, message);
    } else if (message.type === 'progress' && message.processed < message.total) {
      this.running.set(message.batchId, message);   // a batch resumed before this item saw its status
    }
    this.render();
  }

  private render(): void {
    const progress = [...this.running.values()].find(p => p !== undefined);
    if (this.running.size === 0) { this.item.hide(); return; }
    const percent = progress && progress.total > 0 ? Math.floor((progress.processed / progress.total) * 100) : 0;
    const more = this.running.size > 1 ? ` (+${this.running.size - 1})` : '';
    this.item.text = `$(sync~spin) ${vscode.l10n.t('Card OCR {0}% · ETA {1}', percent, formatEta(progress?.etaSeconds ?? null))}${more}`;
    this.item.tooltip = progress ? vscode.l10n.t('{0}/{1} cards, {2} failed — click for the dashboard', progress.processed, progress.total, progress.failed)
      : vscode.l10n.t('Card OCR batch starting');
    this.item.show();
  }

  dispose(): void { this.item.dispose(); }
}
