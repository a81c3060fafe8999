// Extension entry: wires the log, batches tree, status item, commands and dashboard together. Activation is
// cheap: the engine child and server start only when a command or the dashboard needs them.
import * as vscode from 'vscode';
import { errorMessage } from '../common/assert';
import { isActiveStatus, type BatchMessage, type BatchSummary, type HostToPage } from '../protocol/index';
import { Backend } from './backend';
import { BatchEnd } from './batch-end';
import { BatchesTree } from './batches-tree';
import { CommandContext } from './command-context';
import { CoverageWarning } from './coverage-warning';
import { registerCommands } from './commands';
import { DashboardPanel } from './dashboard-panel';
import { batchesViewId, commandIds, dashboardViewType } from './ids';
import { KnownBatches } from './known-batches';
import { Log } from './log';
import { ReviewCounts } from './review-counts';
import { affectsBackend, readSettings } from './settings';
import { StatusItem } from './status-item';
import { KnownBatchFolders } from '../batch-folder/index';

/** Set by activate so deactivate can wait for the engine and server to stop (checkpoint flushed). */
interface Active { backend: Backend }
const active: { current?: Active } = {};

/** What activate returns to other extensions and to tests: the engine's batch messages, once it runs, and
 *  the batches the tree shows at its root. */
export interface CardOcrApi {
  readonly onDidReceiveBatchMessage: vscode.Event<BatchMessage>;
  listBatches(): Promise<BatchSummary[]>;
}

export function activate(context: vscode.ExtensionContext): CardOcrApi {
  const subscriptions = context.subscriptions;
  const log = new Log();
  subscriptions.push(log);
  // The batch list lives beside the server's data (the same file its registry uses), fixed for this activation.
  const known = new KnownBatches(context.globalState, KnownBatchFolders.in(readSettings().dataFolder || context.globalStorageUri.fsPath));
  subscriptions.push(known);
  subscriptions.push(new CommandContext(known, log));
  const reviews = new ReviewCounts();
  const coverage = new CoverageWarning(known, log);
  const tree = new BatchesTree(known, reviews);
  subscriptions.push(tree, vscode.window.createTreeView(batchesViewId, { treeDataProvider: tree, showCollapseAll: true }));
  const status = new StatusItem();
  subscriptions.push(status);
  const backend = new Backend(context, log, known.folders);
  subscriptions.push(backend);
  active.current = { backend };

  const messages = new vscode.EventEmitter<BatchMessage>();
  subscriptions.push(messages);
  subscriptions.push(backend.onDidStart(({ engine }) => {
    subscriptions.push(engine.onDidReceiveMessage(message => {
      messages.fire(message);
      tree.onBatchMessage(message);
      status.onBatchMessage(message);
      batchEnd.onBatchMessage(message);
      coverage.onBatchMessage(message);
      if (message.type === 'status') { known.refresh(); }
    }));
    subscriptions.push(engine.onDidRestart(({ reason }) => {
      log.line('warn', `the engine stopped unexpectedly (${reason}); it was restarted and its batches resume`);
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window.showWarningMessage(vscode.l10n.t('Card OCR: the OCR engine stopped unexpectedly and was restarted; the batch resumes.'), showLog)
        .then(choice => { if (choice === showLog) { log.show(); } });
    }));
  }));
  subscriptions.push(vscode.workspace.onDidChangeWorkspaceFolders(() => backend.updateRoots()));
  subscriptions.push(vscode.workspace.onDidChangeConfiguration(event => {
    // Workers, folders and the port are read when the engine and server start; say so rather than
    // restarting under a running batch.
    if (affectsBackend(event) && backend.running) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Card OCR: the new setting applies when the OCR engine next starts (after a window reload).'));
    }
  }));

  const dashboard: { panel?: DashboardPanel } = {};
  const closed = (panel: () => DashboardPanel | undefined) => (): void => { if (dashboard.panel === panel()) { dashboard.panel = undefined; } };
  const openDashboard = async (message?: HostToPage): Promise<void> => {
    const running = await backend.ensure();
    if (dashboard.panel && dashboard.panel.backend !== running) { dashboard.panel.dispose(); }
    if (!dashboard.panel) {
      const panel: DashboardPanel = DashboardPanel.create({ extensionUri: context.extensionUri, backend: running, known, log }, closed(() => panel));
      dashboard.panel = panel;
    }
    // Without a batch named, the page attaches to the running batch, else the newest (it asks the server).
    dashboard.panel.show(message);
  };
  // After a window reload VS Code brings the panel back; the page reopens the batch it kept in its state.
  subscriptions.push(vscode.window.registerWebviewPanelSerializer(dashboardViewType, {
    deserializeWebviewPanel: async (webviewPanel: vscode.WebviewPanel) => {
      const running = await backend.ensure();
      dashboard.panel?.dispose();
      const panel: DashboardPanel = DashboardPanel.adopt(webviewPanel, { extensionUri: context.extensionUri, backend: running, known, log }, closed(() => panel));
      dashboard.panel = panel;
    },
  }));
  subscriptions.push({ dispose: () => dashboard.panel?.dispose() });
  const batchEnd = new BatchEnd({ known, log, reviews, openDashboard, onOutcome: outcome => status.showOutcome(outcome) });
  subscriptions.push(...registerCommands({ context, log, backend, known, tree, openDashboard }));

  void offerResume(known, log);
  return { onDidReceiveBatchMessage: messages.event, listBatches: () => known.summaries() };
}

/** Batches left running or queued when the last window closed: offered for resume, never restarted silently. */
async function offerResume(known: KnownBatches, log: Log): Promise<void> {
  try {
    await known.discover();
    const incomplete = (await known.summaries()).filter(b => isActiveStatus(b.status) || b.status === 'paused');
    if (incomplete.length === 0) { return; }
    const names = incomplete.map(b => b.name).join(', ');
    const resume = vscode.l10n.t('Resume');
    const message = incomplete.length === 1 ? vscode.l10n.t('Card OCR: a batch did not finish: {0}', names)
      : vscode.l10n.t('Card OCR: {0} batches did not finish: {1}', incomplete.length, names);
    const choice = await vscode.window.showInformationMessage(message, resume, vscode.l10n.t('Not Now'));
    if (choice !== resume) { return; }
    for (const batch of incomplete) {
      await vscode.commands.executeCommand(commandIds.resumeBatch, { kind: 'batch', batch });
    }
  } catch (error) {
    log.line('warn', `could not look for unfinished batches: ${errorMessage(error)}`);
  }
}

export async function deactivate(): Promise<void> {
  await active.current?.backend.close();
  active.current = undefined;
}
