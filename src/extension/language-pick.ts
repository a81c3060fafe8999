// The language quick pick of OCR Folder…: languages by name ("German (deu)"), several at once (→ `deu+eng`),
// the last choice for the folder ticked first. Which codes exist comes from the tessdata folders on disk.
import { readdir } from 'node:fs/promises';
import * as vscode from 'vscode';
import { searchedDirs } from '../engine/index';
import { stateKeys } from './ids';
import { languageLabel, splitLanguages } from './language-names';

type Item = vscode.QuickPickItem & { code: string };

async function installedLanguages(tessdataFolder: string): Promise<string[]> {
  const names = (await Promise.all(searchedDirs(tessdataFolder ? [tessdataFolder] : []).map(dir => readdir(dir).catch(() => [] as string[])))).flat();
  return names.map(name => /^([a-z_]{3,16})\.traineddata(\.gz)?$/.exec(name)?.[1])
    .filter((code): code is string => !!code && code !== 'osd').sort();
}

export interface LanguagePickOptions {
  /** The batch folder: its last choice is remembered. */
  folder: string;
  /** Language specs to start from, best first (the template's, the setting); the folder's last choice beats them. */
  preferred: string[];
  tessdataFolder: string;
  memento: vscode.Memento;
}

/** The chosen codes joined by `+` in the order listed, or undefined when the user backed out. */
export async function pickLanguages(options: LanguagePickOptions): Promise<string | undefined> {
  const remembered = options.memento.get<Record<string, string>>(stateKeys.languageByFolder, {});
  const start = [remembered[options.folder], ...options.preferred].find(spec => spec && splitLanguages(spec).length > 0) ?? 'eng';
  const ticked = splitLanguages(start);
  const codes = [...new Set([...ticked, 'eng', ...await installedLanguages(options.tessdataFolder)])];
  const ui = vscode.env.language;
  const items: Item[] = codes.map(code => ({
    code, label: languageLabel(code, ui, english => vscode.l10n.t(english)),
    description: code === 'eng' ? vscode.l10n.t('bundled') : undefined, picked: ticked.includes(code),
  }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true, title: vscode.l10n.t('Card OCR: languages of the cards'),
    placeHolder: vscode.l10n.t('Tick the languages on the cards; the first is tried first'),
  });
  if (!picked || picked.length === 0) { return undefined; }
  const spec = codes.filter(code => picked.some(item => item.code === code)).join('+');
  await options.memento.update(stateKeys.languageByFolder, { ...remembered, [options.folder]: spec });
  return spec;
}
