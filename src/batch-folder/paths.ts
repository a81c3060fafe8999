// Where a batch keeps each of its files inside the batch folder; pure path arithmetic, no I/O.
import { basename, join } from 'node:path';

export interface BatchPaths {
  config: string;
  checkpoint: string;
  /** Append-only companion of checkpoint.json: one line per card event since the last compaction. */
  journal: string;
  jsonDir: string;
  csvFile: string;
  errorsDir: string;
  errorsLog: string;
  report: string;
}

/** Folder names the engine writes into a batch; never scanned as cards. */
export const outputDirNames: ReadonlySet<string> = new Set(['json', 'csv', '_errors']);

/** The CSV is named after the batch folder (a safe file name), so it can be found without reading config.json. */
export function csvFileName(dir: string): string {
  const base = basename(dir).replace(/[^\p{L}\p{N}._ -]+/gu, '_').replace(/^[.\s]+/, '');
  return `${base === '' ? 'batch' : base}.csv`;
}

export function batchPaths(dir: string): BatchPaths {
  return {
    config: join(dir, 'config.json'),
    checkpoint: join(dir, 'checkpoint.json'),
    journal: join(dir, 'checkpoint.journal.jsonl'),
    jsonDir: join(dir, 'json'),
    csvFile: join(dir, 'csv', csvFileName(dir)),
    errorsDir: join(dir, '_errors'),
    errorsLog: join(dir, '_errors', 'errors.jsonl'),
    report: join(dir, 'report.json'),
  };
}

/** `json/<card>.json`: the full card name is kept so `a.jpg` and `a.png` never collide. */
export function cardJsonPath(dir: string, card: string): string {
  return join(dir, 'json', `${card}.json`);
}
