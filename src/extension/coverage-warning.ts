// Warns early when a batch's template finds a field on few of its first cards ("author found on 3 of 20 cards —
// check the template"), with Cancel Batch at hand. Fed the engine's batch messages; one warning per run.
import * as vscode from 'vscode';
import { coverageSample, rarelyFoundFields } from '../engine/index';
import type { BatchMessage, CardResult } from '../protocol/index';
import { commandIds } from './ids';
import type { KnownBatches } from './known-batches';
import type { Log } from './log';

export class CoverageWarning {
  /** The first results of each batch running in this window; dropped once judged. */
  private readonly samples = new Map<string, CardResult[]>();

  constructor(private readonly known: KnownBatches, private readonly log: Log) {}

  onBatchMessage(message: BatchMessage): void {
    if (message.type === 'status' && message.status === 'running') { this.samples.set(message.batchId, []); return; }
    if (message.type !== 'card') { return; }
    const sample = this.samples.get(message.batchId);
    if (!sample) { return; }
    sample.push(message.result);
    if (sample.length < coverageSample) { return; }
    this.samples.delete(message.batchId);
    void this.judge(message.batchId, sample);
  }

  private async judge(batchId: string, sample: CardResult[]): Promise<void> {
    const batch = await this.known.find(batchId).catch(() => undefined);
    if (!batch || batch.fields.length === 0) { return; }
    const rare = rarelyFoundFields(sample, batch.fields);
    if (rare.length === 0) { return; }
    const found = rare.map(r => vscode.l10n.t('{0} found on {1} of {2} cards', r.field, r.found, r.of)).join('; ');
    this.log.line('warn', `batch ${batch.id}: ${rare.map(r => `${r.field} found on ${r.found} of ${r.of} cards`).join('; ')}`);
    const cancel = vscode.l10n.t('Cancel Batch');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Card OCR: {0} — check the template ({1})', found, batch.name), cancel, vscode.l10n.t('Open Dashboard'));
    if (choice === cancel) { await vscode.commands.executeCommand(commandIds.cancelBatch, { kind: 'batch', batch }); }
    else if (choice) { await vscode.commands.executeCommand(commandIds.openDashboard, { kind: 'batch', batch }); }
  }
}
