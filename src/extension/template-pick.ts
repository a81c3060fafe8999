// The fields template quick pick of OCR Folder…: last used, bundled presets, workspace templates, "Define fields…".
// Templates are parsed with the shared schema; bad files are skipped.
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { Template } from '../protocol/index';
import { stateKeys } from './ids';
import type { Log } from './log';

export type TemplateChoice =
  | { kind: 'template'; template: Template; file: string }
  | { kind: 'none' }
  | { kind: 'define' };

async function readTemplates(dir: string, log: Log): Promise<{ template: Template; file: string }[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const found: { template: Template; file: string }[] = [];
  for (const name of names.filter(n => n.endsWith('.json')).sort()) {
    const file = join(dir, name);
    try {
      const parsed = Template.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (parsed.success) { found.push({ template: parsed.data, file }); }
      else { log.line('debug', `${file} is not a fields template: ${parsed.error.issues[0]?.message ?? 'invalid'}`); }
    } catch {
      log.line('debug', `${file} is not JSON; skipped as a template`);
    }
  }
  return found;
}

type Item = vscode.QuickPickItem & { choice?: TemplateChoice };

export async function pickTemplate(extensionUri: vscode.Uri, memento: vscode.Memento, log: Log): Promise<TemplateChoice | undefined> {
  const bundled = [
    ...await readTemplates(vscode.Uri.joinPath(extensionUri, 'samples').fsPath, log),
    ...await readTemplates(vscode.Uri.joinPath(extensionUri, 'templates').fsPath, log),
  ];
  const workspace = (await Promise.all((vscode.workspace.workspaceFolders ?? [])
    .map(folder => readTemplates(join(folder.uri.fsPath, '.card-ocr', 'templates'), log)))).flat();
  const lastFile = memento.get<string>(stateKeys.lastTemplate);
  const toItem = (t: { template: Template; file: string }, detail: string): Item =>
    ({ label: t.template.name, description: vscode.l10n.t('{0} fields', t.template.fields.length), detail: `${detail} · ${basename(t.file)}`, choice: { kind: 'template', ...t } });
  // One entry per template id: a workspace template shadows a bundled one, templates/ shadows samples/
  // (the same preset ships in both), and the last-used one is listed only at the top.
  const shadowed = new Set(workspace.map(t => t.template.id));
  const presets = [...new Map(bundled.filter(t => !shadowed.has(t.template.id)).map(t => [t.template.id, t])).values()];
  const own = [...new Map(workspace.map(t => [t.template.id, t])).values()];
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
