// The fields template quick pick of OCR Folder…: last used, bundled presets, workspace templates, "Define fields…".
// The templates come from the engine's library, so the CLI and the extension list the same set.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { EngineClient } from '../engine/index';
import type { Template, TemplateEntry } from '../protocol/index';
import { stateKeys } from './ids';
import type { Log } from './log';

export type TemplateChoice =
  | { kind: 'template'; template: Template; file: string }
  | { kind: 'none' }
  | { kind: 'define' };

type Item = vscode.QuickPickItem & { choice?: TemplateChoice };

/** The engine's template library (the one the CLI lists too): one entry per id, the last-used one only at the top. */
export async function pickTemplate(engine: EngineClient, memento: vscode.Memento, log: Log): Promise<TemplateChoice | undefined> {
  const listing = await engine.listTemplates((vscode.workspace.workspaceFolders ?? []).map(folder => folder.uri.fsPath));
  if (!listing.ok) { log.line('warn', `the template library could not be read: ${listing.error.message}`); }
  for (const problem of listing.ok ? listing.value.problems : []) { log.line('debug', `skipped as a template: ${problem.message}`); }
  const entries = listing.ok ? listing.value.templates : [];
  const lastFile = memento.get<string>(stateKeys.lastTemplate);
  const toItem = (t: TemplateEntry, detail: string): Item =>
    ({ label: t.template.name, description: vscode.l10n.t('{0} fields', t.template.fields.length), detail: `${detail} · ${basename(t.file)}`, choice: { kind: 'template', template: t.template, file: t.file } });
  const presets = entries.filter(t => t.source === 'bundled');
  const own = entries.filter(t => t.source === 'workspace');
  const last = [...presets, ...own].find(t => t.file === lastFile);
  const bundledList = presets.filter(t => t !== last);
  const workspaceList = own.filter(t => t !== last);
  const items: Item[] = [
    ...(last ? [{ label: vscode.l10n.t('Last used'), kind: vscode.QuickPickItemKind.Separator }, toItem(last, vscode.l10n.t('last used'))] : []),
    ...(bundledList.length ? [{ label: vscode.l10n.t('Presets'), kind: vscode.QuickPickItemKind.Separator }, ...bundledList.map(t => toItem(t, vscode.l10n.t('preset')))] : []),
    ...(workspaceList.length ? [{ label: vscode.l10n.t('Workspace'), kind: vscode.QuickPickItemKind.Separator }, ...workspaceList.map(t => toItem(t, '.card-ocr/templates'))] : []),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: vscode.l10n.t('Full text only'), description: vscode.l10n.t('no fields; each card keeps its text and confidence'), choice: { kind: 'none' } },
    { label: vscode.l10n.t('Define fields…'), description: vscode.l10n.t('in the dashboard'), choice: { kind: 'define' } },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Card OCR: fields template'), placeHolder: vscode.l10n.t('Which fields should be read from each card?') });
  if (picked?.choice?.kind === 'template') { await memento.update(stateKeys.lastTemplate, picked.choice.file); }
  return picked?.choice;
}
