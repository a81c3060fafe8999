// The command palette and context-menu commands, each a thin call into the engine or the dashboard, all
// run through `runCommand`: failures are logged in full to "Card OCR" and shown as one line with Show Log.
import * as vscode from 'vscode';
import { errorMessage } from '../common/assert';
import { batchPaths, hasBatch } from '../engine/index';
import type { BatchSummary, FieldSpec, HostToPage, Outcome, Problem } from '../protocol/index';
import type { Backend } from './backend';
import type { BatchNode } from './batches-tree';
import { commandIds } from './ids';
import type { KnownBatches } from './known-batches';
import type { Log } from './log';
import { batchOptions, readSettings } from './settings';
import { pickLanguage, pickTemplate } from './template-pick';

export interface CommandDeps {
  context: vscode.ExtensionContext;
  log: Log;
  backend: Backend;
  known: KnownBatches;
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
      const message = error instanceof ProblemError ? `${error.problem.message} (${error.problem.code})` : errorMessage(error);
      log.error(`${title} failed`, error);
      void vscode.window.showErrorMessage(`Card OCR: ${title} failed: ${message}`, 'Show Log').then(choice => {
        if (choice === 'Show Log') { log.show(); }
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
  if (batches.length === 0) { void vscode.window.showInformationMessage(`Card OCR: no batch to ${title.toLowerCase()}`); return undefined; }
  const picked = await vscode.window.showQuickPick(batches.map(batch => ({
    label: batch.name, description: `${batch.status} · ${batch.progress.processed}/${batch.progress.total}`, detail: batch.dir, batch,
  })), { title: `Card OCR: ${title}`, placeHolder: 'Which batch?' });
  return picked?.batch;
}

/** Returns the started batch, or undefined when the user backed out or resumed an existing one. */
async function ocrFolder(deps: CommandDeps, uri: vscode.Uri | undefined, given?: OcrFolderOptions): Promise<BatchSummary | undefined> {
  const folder = uri ?? (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: 'Card OCR: folder of card images', openLabel: 'OCR Folder' }))?.[0];
  if (!folder) { return; }
  const dir = folder.fsPath;
  if (await hasBatch(dir)) {
    const choice = await vscode.window.showInformationMessage(`${dir} already holds a batch.`, 'Resume', 'Retry Failed Cards', 'Open Dashboard');
    const { engine } = choice && choice !== 'Open Dashboard' ? await deps.backend.ensure() : { engine: undefined };
    if (choice === 'Resume' && engine) { await showBatch(deps, unwrap(await engine.resumeBatch(dir))); }
    if (choice === 'Retry Failed Cards' && engine) { await showBatch(deps, unwrap(await engine.retryBatch(dir))); }
    if (choice === 'Open Dashboard') { await deps.known.add(dir); const batch = await deps.known.summaries(); await deps.openDashboard(showMessage(batch.find(b => b.dir === dir))); }
    return undefined;
  }
  const settings = readSettings();
  const template = given ? (given.fields ? { kind: 'template' as const, template: { id: 'custom', name: 'Custom', version: 1, fields: given.fields }, file: '' } : { kind: 'none' as const })
    : await pickTemplate(deps.context.extensionUri, deps.context.globalState, deps.log);
  if (!template) { return undefined; }
  if (template.kind === 'define') {
    deps.backend.allowRoot(dir);
    await deps.openDashboard({ type: 'defineFields', folder: dir, language: settings.language });
    return undefined;
  }
  const preferred = [template.kind === 'template' ? template.template.language ?? '' : '', settings.language];
  const language = given ? given.language ?? settings.language : await pickLanguage(preferred, settings.tessdataFolder);
  if (!language) { return undefined; }
  const { engine } = await deps.backend.ensure();
  deps.backend.allowRoot(dir);
  const options = batchOptions(settings);
  const batch = unwrap(await engine.startBatch(template.kind === 'template'
    ? { dir, fields: template.template.fields, templateId: template.template.id, language,
      options: { ...(template.template.preprocess ? { ...options, preprocess: { ...options.preprocess, ...template.template.preprocess } } : options),
        ...(template.template.pageSegmentation ? { pageSegmentation: template.template.pageSegmentation } : {}) } }
    : { dir, fields: [], language, options }));
  deps.log.line('info', `started batch ${batch.id} on ${dir} (${batch.progress.total} cards, ${language})`);
  await showBatch(deps, batch);
  return batch;
}

function showMessage(batch: BatchSummary | undefined): HostToPage | undefined {
  return batch ? { type: 'showBatch', batchId: batch.id } : undefined;
}

async function showBatch(deps: CommandDeps, batch: BatchSummary): Promise<void> {
  await deps.known.add(batch.dir);
  await deps.openDashboard({ type: 'showBatch', batchId: batch.id });
}

const notActive = (b: BatchSummary): boolean => b.status !== 'running' && b.status !== 'queued';

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { log, backend } = deps;
  const register = <A extends unknown[], R>(id: string, title: string, body: (...args: A) => Promise<R>): vscode.Disposable =>
    vscode.commands.registerCommand(id, runCommand(log, title, body));
  return [
    register(commandIds.ocrFolder, 'OCR Folder', (uri?: vscode.Uri, _selected?: unknown, options?: OcrFolderOptions) =>
      ocrFolder(deps, uri instanceof vscode.Uri ? uri : undefined, options)),
    register(commandIds.openDashboard, 'Open Dashboard', async (node?: BatchNode) => deps.openDashboard(showMessage(node?.batch))),
    register(commandIds.retryBatch, 'Retry Failed Cards', async (node?: BatchNode) => {
      const batch = await chooseBatch(deps, node, 'Retry Failed Cards', b => notActive(b) && b.progress.failed > 0);
      if (batch) { await showBatch(deps, unwrap(await (await backend.ensure()).engine.retryBatch(batch.dir))); }
    }),
    register(commandIds.resumeBatch, 'Resume Batch', async (node?: BatchNode) => {
      const batch = await chooseBatch(deps, node, 'Resume Batch', b => notActive(b) && b.status !== 'finished');
      if (batch) { await showBatch(deps, unwrap(await (await backend.ensure()).engine.resumeBatch(batch.dir))); }
    }),
    register(commandIds.cancelBatch, 'Cancel Batch', async (node?: BatchNode) => {
      const batch = await chooseBatch(deps, node, 'Cancel Batch', b => !notActive(b));
      const engine = backend.running?.engine;
      if (batch && !engine) { void vscode.window.showInformationMessage(`Card OCR: ${batch.name} is not running in this window`); return; }
      if (batch && engine) { unwrap(await engine.cancelBatch(batch.id)); deps.known.refresh(); }
    }),
    register(commandIds.openCsv, 'Open Results CSV', async (node?: BatchNode) => {
      const batch = await chooseBatch(deps, node, 'Open Results CSV');
      if (batch) { await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(batchPaths(batch.dir).csvFile)); }
    }),
    register(commandIds.copyApiAddress, 'Copy API Address and Token', async () => {
      const { server } = await backend.ensure();
      const api = new URL('api/v1', server.url).toString();
      await vscode.env.clipboard.writeText(`${api}\nAuthorization: Bearer ${server.token}\n`);
      void vscode.window.showInformationMessage(`Card OCR: copied the API address (${api}) and token`);
    }),
    register(commandIds.showLog, 'Show Log', async () => log.show()),
    register(commandIds.revealBatch, 'Reveal in Explorer', async (node?: BatchNode) => {
      const batch = await chooseBatch(deps, node, 'Reveal in Explorer');
      if (batch) { await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(batch.dir)); }
    }),
    register(commandIds.refreshBatches, 'Refresh', async () => { await deps.known.discover(); deps.known.refresh(); }),
  ];
}
