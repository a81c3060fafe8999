// A writer killed between writing `<file>.<pid>.tmp` and renaming it over `<file>` (see writeFileInside) leaves the
// tmp file behind, so json/ would hold a stray file beside the card's result. Whoever takes over the dead writer's
// lock is the folder's only writer: every such file in what the engine writes is the dead writer's, and is removed.
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { firstLinkBelow } from './no-follow';
import { batchPaths } from './paths';

/** `<name>.<pid>.tmp`, as writeFileInside names its temporary. */
const temporary = /^(.+)\.\d+\.tmp$/;

/** Removes dead writers' temporaries from json/, csv/, _errors/ and (of its own files only) the batch folder; a folder
 *  that is a link is left alone. Returns the paths removed. Call only while holding the batch lock. */
export async function removeStaleTemporaries(dir: string): Promise<string[]> {
  const paths = batchPaths(dir);
  const ownFiles = new Set([paths.config, paths.checkpoint, paths.report].map(file => basename(file)));
  const folders: Array<[string, (name: string) => boolean]> = [
    [paths.jsonDir, () => true], [dirname(paths.csvFile), () => true], [paths.errorsDir, () => true],
    // The batch folder also holds the lock's own asides and the user's files: only temporaries of ours go.
    [dir, name => ownFiles.has(name)],
  ];
  const removed: string[] = [];
  for (const [folder, ours] of folders) {
    if (folder !== dir && await firstLinkBelow(dir, folder) !== undefined) { continue; }
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      const match = temporary.exec(name);
      if (!match || !ours(match[1])) { continue; }
      await rm(join(folder, name), { force: true });
      removed.push(join(folder, name));
    }
  }
  return removed;
}
