// Batch statuses as the extension shows them (tree, quick picks, notifications), in VS Code's display language.
import * as vscode from 'vscode';
import type { BatchStatus } from '../protocol/index';

export function statusText(status: BatchStatus): string {
  switch (status) {
    case 'queued': return vscode.l10n.t('queued');
    case 'running': return vscode.l10n.t('running');
    case 'paused': return vscode.l10n.t('paused');
    case 'cancelled': return vscode.l10n.t('cancelled');
    case 'finished': return vscode.l10n.t('finished');
    case 'failed': return vscode.l10n.t('failed');
  }
}
