// `_errors/`: each failed card's image, moved there, and `errors.jsonl` saying why (latest line per card wins).
// Knows nothing of OCR or the checkpoint.
import { appendFile, mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorEntry, type Problem } from '../../protocol';
import { batchPaths } from '../batch-paths';

/** Appends the reason first, then moves the image: after a crash in between, the card is still in the folder. */
export async function moveToErrors(dir: string, card: string, problem: Problem): Promise<void> {
  const paths = batchPaths(dir);
  await mkdir(paths.errorsDir, { recursive: true });
  const entry: ErrorEntry = { card, problem, at: new Date().toISOString() };
  await appendFile(paths.errorsLog, `${JSON.stringify(entry)}\n`);
  try {
    await rename(join(dir, card), join(paths.errorsDir, card));
  } catch (error) {
    // Already gone (e.g. moved before a crash, or deleted by the user): the entry still says why it failed.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') { throw error; }
  }
}

/** Latest entry per card from errors.jsonl; unreadable lines are skipped. */
async function latestEntries(dir: string): Promise<Map<string, ErrorEntry>> {
  const latest = new Map<string, ErrorEntry>();
  let text = '';
  try { text = await readFile(batchPaths(dir).errorsLog, 'utf8'); } catch { return latest; }
  for (const line of text.split('\n')) {
    if (line.trim() === '') { continue; }
    try {
      const entry = ErrorEntry.parse(JSON.parse(line));
      latest.set(entry.card, entry);
    } catch {
      // A line cut short by a crash: the card is still listed by its file, with an unknown reason.
    }
  }
  return latest;
}

/** One entry per file now in `_errors/`, with its latest reason, sorted by card name. */
export async function readErrorEntries(dir: string): Promise<ErrorEntry[]> {
  const paths = batchPaths(dir);
  let names: string[];
  try { names = await readdir(paths.errorsDir); } catch { return []; }
  const latest = await latestEntries(dir);
  return names.filter(name => name !== 'errors.jsonl' && !name.endsWith('.tmp')).sort().map(card => latest.get(card)
    ?? { card, problem: { code: 'card/internal', message: `No reason recorded for ${card}` }, at: new Date(0).toISOString() });
}

/** Moves every image in `_errors/` back into the batch folder for a retry; returns their names. */
export async function restoreErrors(dir: string): Promise<string[]> {
  const entries = await readErrorEntries(dir);
  const paths = batchPaths(dir);
  for (const { card } of entries) { await rename(join(paths.errorsDir, card), join(dir, card)); }
  return entries.map(entry => entry.card);
}
