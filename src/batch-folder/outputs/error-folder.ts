// `_errors/`: each failed card's image, moved there, and `errors.jsonl` saying why (latest line per card wins).
// Knows nothing of OCR or the checkpoint.
import { appendFileInside, firstLinkBelow, mkdirInside, readFileInside } from '../no-follow';
import { link, lstat, readdir, rename, unlink } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { ErrorEntry, type Problem } from '../../protocol';
import { batchPaths } from '../paths';

/** Where retry keeps a failed copy that a new scan in the batch folder replaced; never listed as an error. */
export const supersededDirName = 'superseded';

/** Appends the reason first, then moves the image: after a crash in between, the card is still in the folder. */
export async function moveToErrors(dir: string, card: string, problem: Problem): Promise<void> {
  const paths = batchPaths(dir);
  await mkdirInside(dir, paths.errorsDir);
  const entry: ErrorEntry = { card, problem, at: new Date().toISOString() };
  await appendFileInside(dir, paths.errorsLog, `${JSON.stringify(entry)}\n`);
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
  try { text = await readFileInside(dir, batchPaths(dir).errorsLog, 'utf8'); } catch { return latest; }
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

/**
 * One entry per file now in `_errors/`, with its latest reason, sorted by card name; then the cards that failed
 * and whose file is gone from both `_errors/` and the folder (removed while the batch ran), with the reason saying so.
 */
export async function readErrorEntries(dir: string): Promise<ErrorEntry[]> {
  const paths = batchPaths(dir);
  // A planted link as `_errors/` would list (and later move) files outside the batch folder.
  if (await firstLinkBelow(dir, paths.errorsDir)) { return []; }
  let names: string[];
  try {
    // Folders (superseded/) are never cards.
    names = (await readdir(paths.errorsDir, { withFileTypes: true })).filter(entry => !entry.isDirectory()).map(entry => entry.name);
  } catch { return []; }
  const latest = await latestEntries(dir);
  const files = names.filter(name => name !== 'errors.jsonl' && !name.endsWith('.tmp')).sort();
  const entries = files.map((card): ErrorEntry => latest.get(card)
    ?? { card, problem: { code: 'card/internal', message: `No reason recorded for ${card}` }, at: new Date(0).toISOString() });
  const inErrors = new Set(files);
  const inFolder = new Set(await readdir(dir).catch(() => [] as string[]));
  const gone = [...latest.values()].filter(entry => !inErrors.has(entry.card) && !inFolder.has(entry.card)).sort((a, b) => (a.card < b.card ? -1 : 1));
  return [...entries, ...gone.map(entry => ({ ...entry, problem: {
    ...entry.problem, message: `${entry.problem.message} (the file is gone: removed from the folder while the batch ran)`,
    details: { ...entry.problem.details, gone: true },
  } }))];
}

/** Which file a retry reads for a card: the copy moved back from `_errors/`, or a new one the user put in the folder. */
export interface RestoredCard {
  card: string;
  from: 'errors' | 'folder';
  /** With `from: 'folder'`: where the failed copy from `_errors/` now lies, relative to the batch folder. */
  kept?: string;
}

const noHardLinks: ReadonlySet<string> = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

async function exists(file: string): Promise<boolean> {
  try { await lstat(file); return true; } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') { return false; }
    throw error;
  }
}

/**
 * Moves every image in `_errors/` back into the batch folder for a retry. Never overwrites: when the folder
 * already holds a file of that name (a new scan put back by the user), that file is the one read, and the failed
 * copy is kept as `_errors/superseded/<name>.failed-<time><ext>`.
 */
export async function restoreErrors(dir: string, now: Date = new Date()): Promise<RestoredCard[]> {
  const entries = await readErrorEntries(dir);
  const paths = batchPaths(dir);
  const restored: RestoredCard[] = [];
  for (const { card, problem } of entries) {
    // A card removed while the batch ran has no file to move back.
    if (problem.details?.gone === true) { continue; }
    const failed = join(paths.errorsDir, card);
    const target = join(dir, card);
    if (!(await exists(target))) {
      try {
        // link + unlink, not rename: rename would replace a file that appeared in between.
        await link(failed, target);
        await unlink(failed);
        restored.push({ card, from: 'errors' });
        continue;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST' && !noHardLinks.has(code ?? '')) { throw error; }
        if (code !== 'EEXIST') {
          // A file system without hard links (FAT on a USB stick): rename, having just seen the name free.
          await rename(failed, target);
          restored.push({ card, from: 'errors' });
          continue;
        }
      }
    }
    const ext = extname(card);
    const keptName = `${card.slice(0, card.length - ext.length)}.failed-${now.toISOString().replace(/[:.]/g, '-')}${ext}`;
    await mkdirInside(dir, join(paths.errorsDir, supersededDirName));
    await rename(failed, join(paths.errorsDir, supersededDirName, keptName));
    restored.push({ card, from: 'folder', kept: join('_errors', supersededDirName, keptName) });
  }
  return restored;
}
