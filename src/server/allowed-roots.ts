// Which folders a client may name in `POST /batches`: only those inside an allowed root, after symlinks.
// Resolves real paths so `root/../etc` and a symlink out of the root are both refused.
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import type { Outcome } from '../protocol/index';
import { problem } from './http-errors';

/** True when `child` is `parent` or lies below it (both already real, absolute paths). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

async function realOrUndefined(path: string): Promise<string | undefined> {
  try { return await realpath(path); } catch { return undefined; }
}

/** The folder's real path when it is an existing directory inside one of `roots`; else a problem naming `folder`. */
export async function resolveAllowedFolder(folder: string, roots: readonly string[]): Promise<Outcome<string>> {
  const details = { field: 'folder' };
  if (!isAbsolute(folder)) { return { ok: false, error: problem('request/invalid', `folder must be an absolute path, got "${folder}"`, details) }; }
  const real = await realOrUndefined(folder);
  if (real === undefined) { return { ok: false, error: problem('request/invalid', `folder ${folder} does not exist`, details) }; }
  if (!(await stat(real)).isDirectory()) { return { ok: false, error: problem('request/invalid', `folder ${folder} is not a directory`, details) }; }
  for (const root of roots) {
    const realRoot = await realOrUndefined(root);
    if (realRoot !== undefined && isInside(realRoot, real)) { return { ok: true, value: real }; }
  }
  const hint = roots.length === 0 ? 'no folders are allowed; start the server with --root DIR or open a workspace folder' : `allowed: ${roots.join(', ')}`;
  return { ok: false, error: problem('request/forbidden', `folder ${folder} is outside the allowed roots (${hint})`, details) };
}
