// Reads the `cardOcr.*` settings and turns them into engine settings and batch options.
import { availableParallelism } from 'node:os';
import * as vscode from 'vscode';
import { PreprocessOptions, type BatchOptions, type EngineSettings } from '../protocol/index';
import { configurationSection, type SettingKey } from './ids';

export interface CardOcrSettings {
  language: string;
  /** 0 means one per core. */
  workers: number;
  tessdataFolder: string;
  dataFolder: string;
  serverPort: number;
  preprocessing: PreprocessOptions;
  ocrBackend: 'auto' | 'tesseract.js' | 'native';
}

export function readSettings(): CardOcrSettings {
  const config = vscode.workspace.getConfiguration(configurationSection);
  const get = <T>(key: SettingKey, fallback: T): T => config.get<T>(key) ?? fallback;
  const preprocessing = PreprocessOptions.safeParse(get<unknown>('preprocessing', {}));
  return {
    language: get('language', 'eng'),
    workers: Math.max(0, Math.floor(get('workers', 0))),
    tessdataFolder: get('tessdataFolder', ''),
    dataFolder: get('dataFolder', ''),
    serverPort: get('serverPort', 0),
    preprocessing: preprocessing.success ? preprocessing.data : {},
    ocrBackend: (['auto', 'tesseract.js', 'native'] as const).find(choice => choice === get('ocrBackend', 'auto')) ?? 'auto',
  };
}

/** Settings that only take effect when the engine or server starts again. */
export function affectsBackend(event: vscode.ConfigurationChangeEvent): boolean {
  return (['workers', 'tessdataFolder', 'dataFolder', 'serverPort', 'ocrBackend'] as const)
    .some(key => event.affectsConfiguration(`${configurationSection}.${key}`));
}

export function engineSettings(settings: CardOcrSettings, defaultDataDir: string): EngineSettings {
  return {
    dataDir: settings.dataFolder || defaultDataDir,
    ...(settings.tessdataFolder ? { tessdataDirs: [settings.tessdataFolder] } : {}),
    workers: settings.workers > 0 ? settings.workers : availableParallelism(),
    ocrBackend: settings.ocrBackend,
  };
}

export function batchOptions(settings: CardOcrSettings): BatchOptions {
  return Object.keys(settings.preprocessing).length > 0 ? { preprocess: settings.preprocessing } : {};
}
