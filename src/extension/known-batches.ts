// The batches the tree shows: the one list of known batch folders (`<dataDir>/batches.json`, shared with the
// server this window runs), plus folders found in the workspace (any holding a batch's config.json, so a batch that
// never ran is shown too). Summaries are read from disk.
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { Emitter, type EventListen } from '../common/lifecycle';
import type { BatchSummary } from '../protocol/index';
import { stateKeys } from './ids';
import { type KnownBatchFolders, previousRunsDirName, readBatchConfig, readBatchSummary } from '../batch-folder/index';

export class KnownBatches implements vscode.Disposable {
  private readonly changeEmitter = new Emitter<void>();
  readonly onDidChange: EventListen<void> = this.changeEmitter.event;
  private migrated: Promise<void> | undefined;

  constructor(private readonly memento: vscode.Memento, readonly folders: KnownBatchFolders) {}

  async add(dir: string): Promise<void> {
    await this.remember([dir]);
    this.changeEmitter.fire();
  }

  /** Looks for batch folders in the workspace; cheap enough for start-up (bounded, skips node_modules). */
  async discover(): Promise<void> {
    // Earlier runs kept by "Start over" hold a config too; they are history, not batches.
    const found = await vscode.workspace.findFiles('**/config.json', `{**/node_modules/**,**/${previousRunsDirName}/**}`, 500);
    const known = await this.dirs();
    if (await this.remember(found.map(uri => dirname(uri.fsPath)).filter(dir => !known.includes(dir)))) { this.changeEmitter.fire(); }
  }

  /** Every known batch that still exists on disk, newest first; folders that no longer hold a batch are forgotten. */
  async summaries(): Promise<BatchSummary[]> {
    const read = await Promise.all((await this.dirs()).map(async dir => ({ dir, outcome: await readBatchSummary(dir) })));
    await this.folders.forget(read.filter(r => !r.outcome.ok && r.outcome.error.code === 'batch/not-found').map(r => r.dir));
    return read.flatMap(r => r.outcome.ok ? [r.outcome.value] : [])
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async find(id: string): Promise<BatchSummary | undefined> {
    return (await this.summaries()).find(batch => batch.id === id);
  }

  /** Something changed on disk (a card finished, a status changed): views read again. */
  refresh(): void { this.changeEmitter.fire(); }

  dispose(): void { this.changeEmitter.dispose(); }

  private async dirs(): Promise<string[]> {
    // Folders remembered in globalState by earlier versions join the shared list once.
    this.migrated ??= (async () => {
      const old = this.memento.get<string[]>(stateKeys.knownBatches, []);
      if (old.length > 0) { await this.remember(old); await this.memento.update(stateKeys.knownBatches, undefined); }
    })();
    await this.migrated;
    return this.folders.dirs();
  }

  /** Only folders holding a batch's config are remembered (a stray config.json is not a batch). True if any was. */
  private async remember(dirs: readonly string[]): Promise<boolean> {
    let any = false;
    for (const dir of dirs) {
      const config = await readBatchConfig(dir);
      if (config.ok) { await this.folders.remember(config.value.id, dir); any = true; }
    }
    return any;
  }
}
