// "Start over": a batch's outputs (csv/, json/, config, checkpoint, report, the errors log) move into a dated
// folder `_previous/<time>/` inside the batch folder, and failed images come back out of `_errors/`, so the
// folder can be read again from scratch with another template. Nothing is deleted.
import { mkdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { errorMessage } from '../common/assert';
import { failure, type Outcome } from '../protocol';
import { batchPaths } from './paths';
import { restoreErrors } from './outputs/error-folder';

/** The folder inside a batch that holds earlier runs; a sub-folder, so never scanned as cards. */
export const previousRunsDirName = '_previous';

/** `2026-12-01T20-59-03`: sortable, and a safe folder name everywhere. */
function stamp(now: Date): string {
  return now.toISOString().slice(0, 19).replace(/:/g, '-');
}

async function moveIfThere(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') { throw error; }
  }
}

/** Moves the batch's outputs into `_previous/<time>/` and returns that folder; the batch must not be running. */
export async function archiveBatch(dir: string, now = new Date()): Promise<Outcome<string>> {
  const paths = batchPaths(dir);
  const target = join(dir, previousRunsDirName, stamp(now));
  try {
    await mkdir(target, { recursive: true });
    // Failed images go back among the cards first (never over a re-scan put back): the new run reads them again.
    await restoreErrors(dir, now);
    for (const from of [paths.jsonDir, join(dir, 'csv'), paths.errorsDir, paths.config, paths.checkpoint, paths.journal, paths.report]) {
      await moveIfThere(from, join(target, basename(from)));
    }
    return { ok: true, value: target };
  } catch (error) {
    return failure('batch/invalid', `Could not move the outputs of ${dir} into ${target}: ${errorMessage(error)}`);
  }
}
