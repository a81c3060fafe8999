// Every VS Code id the extension uses, in one place; test/unit/extension/ids.test.ts checks them against package.json.

export const commandIds = {
  ocrFolder: 'cardOcr.ocrFolder',
  openDashboard: 'cardOcr.openDashboard',
  retryBatch: 'cardOcr.retryBatch',
  resumeBatch: 'cardOcr.resumeBatch',
  cancelBatch: 'cardOcr.cancelBatch',
  openCsv: 'cardOcr.openCsv',
  copyApiAddress: 'cardOcr.copyApiAddress',
  showLog: 'cardOcr.showLog',
  revealBatch: 'cardOcr.revealBatch',
  refreshBatches: 'cardOcr.refreshBatches',
  learnBatch: 'cardOcr.learnBatch',
} as const;
export type CommandId = typeof commandIds[keyof typeof commandIds];

export const viewContainerId = 'cardOcr';
export const batchesViewId = 'cardOcr.batches';
export const dashboardViewType = 'cardOcr.dashboard';
export const outputChannelName = 'Card OCR';
export const configurationSection = 'cardOcr';

/** Keys under `cardOcr.*`. */
export const settingKeys = ['language', 'workers', 'tessdataFolder', 'dataFolder', 'serverPort', 'preprocessing', 'ocrBackend'] as const;
export type SettingKey = typeof settingKeys[number];

/** Keys in globalState / SecretStorage. */
export const stateKeys = {
  knownBatches: 'cardOcr.knownBatches',
  lastTemplate: 'cardOcr.lastTemplate',
  /** Batch folder → the language spec last chosen for it (`deu+eng`). */
  languageByFolder: 'cardOcr.languageByFolder',
  apiToken: 'cardOcr.apiToken',
} as const;

/** Context keys set with setContext, read by the command palette's when-clauses in package.json. */
export const contextKeys = {
  canCancel: 'cardOcr.canCancel',
  canResume: 'cardOcr.canResume',
  canRetry: 'cardOcr.canRetry',
} as const;

/** Tree item contextValues, matched by `viewItem` in package.json menus. */
export const treeContext = {
  batchPrefix: 'cardOcrBatch',   // + ':' + status, e.g. cardOcrBatch:running
  errorFile: 'cardOcrErrorFile',
  csvFile: 'cardOcrCsv',
  jsonFolder: 'cardOcrJson',
} as const;
