// The command palette and context-menu commands, each a thin call into the engine or the dashboard, all
// run through `runCommand`: failures are logged in full to "Card OCR" and shown as one line with Show Log.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { errorMessage } from '../common/assert';
import { isActiveStatus, startBatchParams, type BatchSummary, type FieldSpec, type HostToPage, type Outcome, type Problem } from '../protocol/index';
import type { Backend } from './backend';
import type { BatchNode, BatchesTree } from './batches-tree';
import { commandIds } from './ids';
import type { KnownBatches } from './known-batches';
import type { Log } from './log';
import { readSettings } from './settings';
import { pickLanguages } from './language-pick';
import { pickTemplate } from './template-pick';
import { statusText } from './status-text';
import { batchActions } from './command-context';
import { batchPaths, hasBatch, previousRunsDirName } from '../batch-folder/index';

export interface CommandDeps {
  context: vscode.ExtensionContext;
  log: Log;
  backend: Backend;
  known: KnownBatches;
  tree: BatchesTree;
  openDashboard(message?: HostToPage): Promise<void>;
}

/** A failure we can name, shown to the user as it is. */
class ProblemError extends Error {
  constructor(readonly problem: Problem) { super(problem.message); }
}

function unwrap<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) { throw new ProblemError(outcome.error); }
  return outcome.value;
}

/** The one edge where command failures are caught: full detail to the log, one line to the user. */
export function runCommand<A extends unknown[], R>(log: Log, title: string, body: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await body(...args);
    } catch (error) {
      const detail = error instanceof ProblemError ? `${error.problem.message} (${error.problem.code})` : errorMessage(error);
      log.error(`${title} failed`, error);
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window.showErrorMessage(vscode.l10n.t('Card OCR: {0} failed: {1}', title, detail), showLog).then(choice => {
        if (choice === showLog) { log.show(); }
      });
      return undefined;
    }
  };
}

/** Lets a keybinding, another extension or a test skip the pickers: `executeCommand(ocrFolder, uri, { fields, language })`. */
export interface OcrFolderOptions { fields?: FieldSpec[]; language?: string }

/** The batch a command acts on: the tree node it was invoked on, else a quick pick of known batches. */
async function chooseBatch(deps: CommandDeps, node: BatchNode | undefined, title: string, filter: (b: BatchSummary) => boolean = () => true): Promise<BatchSummary | undefined> {
  if (node) { return node.batch; }
  const batches = (await deps.known.summaries()).filter(filter);
  if (batches.length === 0) { void vscode.window.showInformationMessage(vscode.l10n.t('Card OCR: no batch qualifies for {0}', title)); return undefined; }
  const picked = await vscode.window.showQuickPick(batches.map(batch => ({
    label: batch.name, description: `${statusText(batch.status)} · ${batch.progress.processed}/${batch.progress.total}`, detail: batch.dir, batch,
  })), { title: vscode.l10n.t('Card OCR: {0}', title), placeHolder: vscode.l10n.t('Which batch?') });
  return picked?.batch;
}

/** Returns the started batch, or undefined when the user backed out or resumed an existing one. */
async function ocrFolder(deps: CommandDeps, uri: vscode.Uri | undefined, given?: OcrFolderOptions, restart = false): Promise<BatchSummary | undefined> {
  const folder = uri ?? (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: vscode.l10n.t('Card OCR: folder of card images'), openLabel: vscode.l10n.t('OCR Folder') }))?.[0];
  if (!folder) { return; }
  const dir = folder.fsPath;
  if (!restart && await hasBatch(dir)) {
    const [resume, retry, dashboard, startOver] = [vscode.l10n.t('Resume'), vscode.l10n.t('Retry Failed Cards'), vscode.l10n.t('Open Dashboard'),
      vscode.l10n.t('Start over with another template…')];
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('{0} already holds a batch.', dir), resume, retry, dashboard, startOver);
    if (choice === startOver) {
      if (!(await canStartOver(deps, dir))) { return undefined; }
      return ocrFolder(deps, folder, given, true);
    }
    const { engine } = choice && choice !== dashboard ? await deps.backend.ensure() : { engine: undefined };
    if (choice === resume && engine) { await showBatch(deps, unwrap(await engine.resumeBatch(dir))); }
    if (choice === retry && engine) { await showBatch(deps, unwrap(await engine.retryBatch(dir))); }
    if (choice === dashboard) { await deps.known.add(dir); const batch = await deps.known.summaries(); await deps.openDashboard(showMessage(batch.find(b => b.dir === dir))); }
    return undefined;
  }
  const settings = readSettings();
  const template = given ? (given.fields ? { kind: 'template' as const, template: { id: 'custom', name: vscode.l10n.t('Custom'), version: 1, fields: given.fields }, file: '' } : { kind: 'none' as const })
    : await pickTemplate((await deps.backend.ensure()).engine, deps.context.globalState, deps.log);
  if (!template) { return undefined; }
  if (template.kind === 'define') {
    // The dashboard starts the batch once the fields are defined: the old outputs are set aside now, by the engine.
    if (restart) { await setAside(deps, dir); }
    deps.backend.allowRoot(dir);
    await deps.openDashboard({ type: 'defineFields', folder: dir, language: settings.language });
    return undefined;
  }
  const preferred = [template.kind === 'template' ? template.template.language ?? '' : '', settings.language];
  const language = given ? given.language ?? settings.language
    : await pickLanguages({ folder: dir, preferred, tessdataFolder: settings.tessdataFolder, memento: deps.context.globalState });
  if (!language) { return undefined; }
  const { engine } = await deps.backend.ensure();
  deps.backend.allowRoot(dir);
  // A restart goes through the engine too: it sets the old outputs aside under the folder's lock.
  const batch = unwrap(await engine.startBatch(startBatchParams({
    dir, ...(template.kind === 'template' ? { template: template.template } : {}), request: { language },
    settings: { language: settings.language, preprocess: settings.preprocessing }, ...(restart ? { restart: true } : {}),
  })));
  if (restart) { toldStartedOver(deps, dir, join(dir, previousRunsDirName)); }
  deps.log.line('info', `started batch ${batch.id} on ${dir} (${batch.progress.total} cards, ${language})`);
  await showBatch(deps, batch);
  return batch;
}

async function setAside(deps: CommandDeps, dir: string): Promise<void> {
  toldStartedOver(deps, dir, unwrap(await (await deps.backend.ensure()).engine.setAside(dir)));
  deps.known.refresh();
}

function toldStartedOver(deps: CommandDeps, dir: string, kept: string): void {
  deps.log.line('info', `started over in ${dir}; the earlier outputs are in ${kept}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Card OCR: the earlier outputs were moved to {0}', kept));
}

/** False (with a warning) while the batch runs: the engine would refuse the restart anyway. */
async function canStartOver(deps: CommandDeps, dir: string): Promise<boolean> {
  const running = (await deps.known.summaries()).find(b => b.dir === dir && isActiveStatus(b.status));
  if (running) { void vscode.window.showWarningMessage(vscode.l10n.t('Card OCR: {0} is still running; cancel it first', running.name)); return false; }
  return true;
}

function showMessage(batch: BatchSummary | undefined): HostToPage | undefined {
  return batch ? { type: 'showBatch', batchId: batch.id } : undefined;
}

async function showBatch(deps: CommandDeps, batch: BatchSummary): Promise<void> {
  await deps.known.add(batch.dir);
  await deps.openDashboard({ type: 'showBatch', batchId: batch.id });
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { log, backend } = deps;
  const register = <A extends unknown[], R>(id: string, title: string, body: (...args: A) => Promise<R>): vscode.Disposable =>
    vscode.commands.registerCommand(id, runCommand(log, title, body));
  return [
    register(commandIds.ocrFolder, vscode.l10n.t('OCR Folder'), (uri?: vscode.Uri, _selected?: unknown, options?: OcrFolderOptions) =>
      ocrFolder(deps, uri instanceof vscode.Uri ? uri : undefined, options)),
    register(commandIds.openDashboard, vscode.l10n.t('Open Dashboard'), async (node?: BatchNode) => deps.openDashboard(showMessage(node?.batch))),
    register(commandIds.retryBatch, vscode.l10n.t('Retry Failed Cards'), async (node?: BatchNode) => {
      const batch = await chooseBatch(deps, node, vscode.l10n.t('Retry Failed Cards'), b => batchActions([b]).canRetry);
      if (batch) { await showBatch(deps, unwrap(await (await backend.ensure()).engine.retryBatch(batch.dir))); }
    }),
    register(commandIds.resumeBatch, vscode.l10n.t('Resume Batch'), async (node?: BatchNode) => {
      const batch = await chooseBatch(deps, node, vscode.l10n.t('Resume Batch'), b => batchActions([b]).canResume);
      if (batch) { await showBatch(deps, unwrap(await (await backend.ensure()).engine.resumeBatch(batch.dir))); }
    }),
    register(commandIds.cancelBatch, vscode.l10n.t('Cancel Batch'), async (node?: BatchNode) => {
      const batch = await chooseBatch(deps, node, vscode.l10n.t('Cancel Batch'), b => batchActions([b]).canCancel);
      const engine = backend.running?.engine;
      if (batch && !engine) { void vscode.window.showInformationMessage(vscode.l10n.t('Card OCR: {0} is not running in this window', batch.name)); return; }
      if (batch && engine) { unwrap(await engine.cancelBatch(batch.id)); deps.known.refresh(); }
    }),
    register(commandIds.openCsv, vscode.l10n.t('Open Results CSV'), async (node?: BatchNode) => {
      const batch = await chooseBatch(deps, node, vscode.l10n.t('Open Results CSV'));
      if (batch) { await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(batchPaths(batch.dir).csvFile)); }
    }),
    register(commandIds.copyApiAddress, vscode.l10n.t('Copy API Address and Token'), async () => {
      const { server } = await backend.ensure();
      const api = new URL('api/v1', server.url).toString();
      await vscode.env.clipboard.writeText(`${api}\nAuthorization: Bearer ${server.token}\n`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Card OCR: copied the API address ({0}) and token', api));
    }),
    register(commandIds.showLog, vscode.l10n.t('Show Log'), async () => log.show()),
    register(commandIds.revealBatch, vscode.l10n.t('Reveal in Explorer'), async (node?: BatchNode) => {
      const batch = await chooseBatch(deps, node, vscode.l10n.t('Reveal in Explorer'));
      if (batch) { await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(batch.dir)); }
    }),
    register(commandIds.learnBatch, vscode.l10n.t('Learn from Checked Cards'), async (node?: BatchNode) => {
      // Training and re-extraction happen in the engine; the command only picks the batch and tells the outcome.
      const batch = await chooseBatch(deps, node, vscode.l10n.t('Learn from Checked Cards'), b => (b.learnedFields ?? []).length > 0 && !isActiveStatus(b.status));
      if (!batch) { return; }
      const report = unwrap(await (await backend.ensure()).engine.learnBatch({ dir: batch.dir }));
      void vscode.window.showInformationMessage(vscode.l10n.t('Card OCR: learned from {0} checked card(s) of {1}; {2} card(s) re-extracted; model: {3}', report.trainedOn, batch.name, report.cards, report.model));
      await showBatch(deps, batch);
    }),
    register(commandIds.refreshBatches, vscode.l10n.t('Refresh'), async () => { await deps.known.discover(); deps.tree.refreshCounts(); deps.known.refresh(); }),
  ];
}
