// The "Card OCR Batches" tree: each batch with status and X/Y; under it the CSV, the JSON folder and each
// file in `_errors/` (tooltip: the reason; click opens the image). Live counts come from engine messages.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { DisposableStore } from '../common/lifecycle';
import { isActiveStatus, type BatchMessage, type BatchStatus, type BatchSummary, type ErrorEntry, type ProgressCounts } from '../protocol/index';
import { treeContext } from './ids';
import type { KnownBatches } from './known-batches';
import type { ReviewCounts } from './review-counts';
import { statusText } from './status-text';
import { batchPaths, readErrorEntries } from '../batch-folder/index';

export type BatchNode =
  | { kind: 'batch'; batch: BatchSummary; toReview?: number }
  | { kind: 'csv'; batch: BatchSummary }
  | { kind: 'json'; batch: BatchSummary }
  | { kind: 'error'; batch: BatchSummary; entry: ErrorEntry };

const statusIcons: Record<BatchStatus, string> = {
  queued: 'clock', running: 'sync~spin', paused: 'debug-pause', cancelled: 'circle-slash', finished: 'pass', failed: 'error',
};

export class BatchesTree implements vscode.TreeDataProvider<BatchNode>, vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly changeEmitter = this.store.add(new vscode.EventEmitter<BatchNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  /** The latest counts and status per batch id from engine messages; fresher than the disk while running. */
  private readonly live = new Map<string, { status?: BatchStatus; progress?: ProgressCounts; toReview?: Set<string> }>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly known: KnownBatches, private readonly reviews: ReviewCounts) {
    this.store.add(known.onDidChange(() => this.scheduleRefresh()));
  }

  /** Called for every engine message; coalesced so a fast batch does not redraw the tree per card. */
  onBatchMessage(message: BatchMessage): void {
    const entry = this.live.get(message.batchId) ?? {};
    if (message.type === 'progress') {
      const { processed, total, succeeded, failed, cardsPerSecond, etaSeconds } = message;
      entry.progress = { processed, total, succeeded, failed, cardsPerSecond, etaSeconds };
    } else if (message.type === 'status') {
      entry.status = message.status;
      if (message.status === 'running') { entry.toReview = new Set(); }
    } else if (message.type === 'card' && entry.toReview) {
      // While a batch runs, the cards flagged in this window; once it stops, json/ is read for the full count.
      if (message.result.needsReview) { entry.toReview.add(message.result.card); } else { entry.toReview.delete(message.result.card); }
    }
    this.live.set(message.batchId, entry);
    this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer !== undefined) { return; }
    this.refreshTimer = setTimeout(() => { this.refreshTimer = undefined; this.changeEmitter.fire(undefined); }, 300);
  }

  async getChildren(node?: BatchNode): Promise<BatchNode[]> {
    if (!node) {
      const batches = (await this.known.summaries()).map(batch => this.withLive(batch));
      return Promise.all(batches.map(async batch => ({ kind: 'batch' as const, batch, toReview: await this.toReview(batch) })));
    }
    if (node.kind !== 'batch') { return []; }
    const errors = await readErrorEntries(node.batch.dir);
    return [{ kind: 'csv', batch: node.batch }, { kind: 'json', batch: node.batch },
      ...errors.map(entry => ({ kind: 'error' as const, batch: node.batch, entry }))];
  }

  /** Refresh asked for: counts are read again (a review in the dashboard changes them). */
  refreshCounts(): void { this.reviews.forget(); this.changeEmitter.fire(undefined); }

  private async toReview(batch: BatchSummary): Promise<number | undefined> {
    if (isActiveStatus(batch.status)) { return this.live.get(batch.id)?.toReview?.size; }
    const { processed, failed } = batch.progress;
    return this.reviews.cached(batch.dir, `${batch.status}:${batch.updatedAt}:${processed}:${failed}`).catch(() => undefined);
  }

  private withLive(batch: BatchSummary): BatchSummary {
    const live = this.live.get(batch.id);
    return live ? { ...batch, status: live.status ?? batch.status, progress: live.progress ?? batch.progress } : batch;
  }

  getTreeItem(node: BatchNode): vscode.TreeItem {
    switch (node.kind) {
      case 'batch': {
        const { batch } = node;
        const item = new vscode.TreeItem(batch.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `batch:${batch.dir}`;
        item.description = `${statusText(batch.status)} · ${batch.progress.processed}/${batch.progress.total}` +
          (batch.progress.failed > 0 ? ` · ${vscode.l10n.t('{0} failed', batch.progress.failed)}` : '') +
          (node.toReview ? ` · ${vscode.l10n.t('{0} to review', node.toReview)}` : '');
        item.tooltip = new vscode.MarkdownString(`**${batch.name}** (${batch.id})\n\n${batch.dir}\n\n` +
          vscode.l10n.t('Language {0}; fields: {1}', batch.language, batch.fields.join(', ') || vscode.l10n.t('none')));
        item.iconPath = new vscode.ThemeIcon(statusIcons[batch.status]);
        item.contextValue = `${treeContext.batchPrefix}:${batch.status}`;
        item.resourceUri = vscode.Uri.file(batch.dir);
        return item;
      }
      case 'csv': {
        const file = batchPaths(node.batch.dir).csvFile;
        const item = new vscode.TreeItem(vscode.l10n.t('Results CSV'), vscode.TreeItemCollapsibleState.None);
        item.id = `csv:${node.batch.dir}`;
        item.description = file.slice(node.batch.dir.length + 1);
        item.iconPath = new vscode.ThemeIcon('table');
        item.contextValue = treeContext.csvFile;
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [vscode.Uri.file(file)] };
        return item;
      }
      case 'json': {
        const item = new vscode.TreeItem(vscode.l10n.t('JSON per card'), vscode.TreeItemCollapsibleState.None);
        item.id = `json:${node.batch.dir}`;
        item.description = 'json/';
        item.iconPath = new vscode.ThemeIcon('json');
        item.contextValue = treeContext.jsonFolder;
        item.command = { command: 'revealInExplorer', title: vscode.l10n.t('Reveal'), arguments: [vscode.Uri.file(batchPaths(node.batch.dir).jsonDir)] };
        return item;
      }
      case 'error': {
        const { entry } = node;
        const item = new vscode.TreeItem(entry.card, vscode.TreeItemCollapsibleState.None);
        item.id = `error:${node.batch.dir}:${entry.card}`;
        item.description = entry.problem.code;
        item.tooltip = `${entry.problem.message} (${entry.problem.code}, ${entry.at})`;
        item.iconPath = new vscode.ThemeIcon('warning');
        item.contextValue = treeContext.errorFile;
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open image'), arguments: [vscode.Uri.file(join(batchPaths(node.batch.dir).errorsDir, entry.card))] };
        return item;
      }
    }
  }

  dispose(): void {
    if (this.refreshTimer !== undefined) { clearTimeout(this.refreshTimer); }
    this.store.dispose();
  }
}
