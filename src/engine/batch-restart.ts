// Starting a batch folder over: the old batch's outputs move into a dated folder (never deleted) and its failed
// cards come back out of _errors/, so a new run reads every card afresh. And: telling whether a new run asks for
// another template than the batch already there. Knows nothing of OCR.
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchConfig, StartBatchParams } from '../protocol';
import { batchPaths } from './batch-paths';
import { restoreErrors } from './outputs/error-folder';

/** Where restarted batches' outputs are kept: a sub-folder, so its files are never taken for cards. */
export const previousBatchesDirName = '_previous';

/** True when `params` names a template or fields (a bare `run` names neither) unlike the batch's own. */
export function asksForAnotherTemplate(config: BatchConfig, params: StartBatchParams): boolean {
  if (params.templateId === undefined && params.fields.length === 0) { return false; }
  return params.templateId !== config.templateId || JSON.stringify(params.fields) !== JSON.stringify(config.fields);
}

/** `template "x"`, or `a list of N fields`, for messages. */
export function describeTemplate(templateId: string | undefined, fields: readonly unknown[]): string {
  return templateId === undefined ? `a list of ${fields.length} field(s)` : `template "${templateId}"`;
}

/**
 * Moves config.json, the checkpoint and journal, json/, csv/, _errors/ and report.json into
 * `_previous/<UTC time>/` (what exists of them), after moving the failed cards' images back into the folder.
 * Returns the dated folder.
 */
export async function setAsideBatch(dir: string, now = new Date()): Promise<string> {
  await restoreErrors(dir);
  const paths = batchPaths(dir);
  const target = join(dir, previousBatchesDirName, now.toISOString().replace(/[:.]/g, '-'));
  await mkdir(target, { recursive: true });
  for (const path of [paths.config, paths.checkpoint, paths.journal, paths.jsonDir, join(dir, 'csv'), paths.errorsDir, paths.report]) {
    try {
      await rename(path, join(target, path.slice(dir.length + 1)));
    } catch (error) {
      // Not every batch has every file (no report yet, no failed cards): nothing to keep.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') { throw error; }
    }
  }
  return target;
}
