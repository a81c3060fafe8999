// The batch folders this user has worked with: remembered in globalState and found again in the workspace
// (any folder holding a checkpoint.json), so the tree survives a reload. Summaries are read from disk.
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { Emitter, type EventListen } from '../common/lifecycle';
import { previousRunsDirName, readBatchSummary } from '../engine/index';
import type { BatchSummary } from '../protocol/index';
import { stateKeys } from './ids';

export class KnownBatches implements vscode.Disposable {
  private readonly changeEmitter = new Emitter<void>();
  readonly onDidChange: EventListen<void> = this.changeEmitter.event;

  constructor(private readonly memento: vscode.Memento) {}

  dirs(): string[] { return this.memento.get<string[]>(stateKeys.knownBatches, []); }

  async add(dir: string): Promise<void> {
    const dirs = this.dirs();
    if (!dirs.includes(dir)) { await this.memento.update(stateKeys.knownBatches, [...dirs, dir]); }
    this.changeEmitter.fire();
  }

  /** Looks for batch folders in the workspace; cheap enough for start-up (bounded, skips node_modules). */
  async discover(): Promise<void> {
    // Earlier runs kept by "Start over" hold a checkpoint too; they are history, not batches.
    const found = await vscode.workspace.findFiles('**/checkpoint.json', `{**/node_modules/**,**/${previousRunsDirName}/**}`, 500);
    const dirs = this.dirs();
    const fresh = found.map(uri => dirname(uri.fsPath)).filter(dir => !dirs.includes(dir));
    if (fresh.length > 0) { await this.memento.update(stateKeys.knownBatches, [...dirs, ...fresh]); this.changeEmitter.fire(); }
  }

  /** Every known batch that still exists on disk, newest first; folders that no longer hold a batch are forgotten. */
  async summaries(): Promise<BatchSummary[]> {
    const dirs = this.dirs();
    const read = await Promise.all(dirs.map(async dir => ({ dir, outcome: await readBatchSummary(dir) })));
    const gone = read.filter(r => !r.outcome.ok && r.outcome.error.code === 'batch/not-found').map(r => r.dir);
    if (gone.length > 0) { await this.memento.update(stateKeys.knownBatches, dirs.filter(d => !gone.includes(d))); }
    return read.flatMap(r => r.outcome.ok ? [r.outcome.value] : [])
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async find(id: string): Promise<BatchSummary | undefined> {
    return (await this.summaries()).find(batch => batch.id === id);
  }

  /** Something changed on disk (a card finished, a status changed): views read again. */
  refresh(): void { this.changeEmitter.fire(); }

  dispose(): void { this.changeEmitter.dispose(); }
}
