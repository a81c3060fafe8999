// Context keys for the command palette's when-clauses: Cancel, Resume and Retry are offered only when some
// known batch qualifies (running; stopped before the end; finished or stopped with failed cards).
import * as vscode from 'vscode';
import { errorMessage } from '../common/assert';
import { DisposableStore } from '../common/lifecycle';
import { isActiveStatus, type BatchSummary } from '../protocol/index';
import { contextKeys } from './ids';
import type { KnownBatches } from './known-batches';
import type { Log } from './log';

const active = (b: BatchSummary): boolean => isActiveStatus(b.status);

/** Which of Cancel / Resume / Retry some batch allows; the commands' own pickers use the same tests. */
export function batchActions(batches: readonly BatchSummary[]): { canCancel: boolean; canResume: boolean; canRetry: boolean } {
  return {
    canCancel: batches.some(active),
    canResume: batches.some(b => !active(b) && b.status !== 'finished'),
    canRetry: batches.some(b => !active(b) && b.progress.failed > 0),
  };
}

export class CommandContext implements vscode.Disposable {
  private readonly store = new DisposableStore();

  constructor(private readonly known: KnownBatches, private readonly log: Log) {
    this.store.add(known.onDidChange(() => void this.update()));
    void this.update();
  }

  /** Reads the batches again and sets the keys; a status message or a new batch calls it through `known`. */
  async update(): Promise<void> {
    try {
      const actions = batchActions(await this.known.summaries());
      await vscode.commands.executeCommand('setContext', contextKeys.canCancel, actions.canCancel);
      await vscode.commands.executeCommand('setContext', contextKeys.canResume, actions.canResume);
      await vscode.commands.executeCommand('setContext', contextKeys.canRetry, actions.canRetry);
    } catch (error) {
      this.log.line('warn', `could not update the batch commands' context: ${errorMessage(error)}`);
    }
  }

  dispose(): void { this.store.dispose(); }
}
