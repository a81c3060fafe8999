// The batch's CSV as something to hand out (a download): the file the engine wrote, checked before anyone serves it.
import { firstLinkBelow } from '../no-follow';
import { stat } from 'node:fs/promises';
import { failure, type Outcome } from '../../protocol';
import { batchPaths } from '../paths';

/** The CSV's path: refused when reached through a symbolic link (planted by someone else), missing before any card succeeded. */
export async function servableCsv(dir: string): Promise<Outcome<{ file: string }>> {
  const file = batchPaths(dir).csvFile;
  if (await firstLinkBelow(dir, file)) {
    return failure('request/forbidden', `The CSV of the batch in ${dir} is reached through a symbolic link; it is not served`, { dir });
  }
  const exists = await stat(file).then(s => s.isFile(), () => false);
  if (!exists) { return failure('request/not-found', `The batch in ${dir} has no CSV yet: no card has succeeded`, { dir }); }
  return { ok: true, value: { file } };
}
