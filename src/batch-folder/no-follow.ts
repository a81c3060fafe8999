// Reads and writes inside a batch folder that never follow a symbolic link out of it: a link planted as
// `_errors/errors.jsonl`, `json/` or a card must not turn a write into one outside the folder. The folder itself
// may be a link (the user chose it); everything below it is checked with lstat, the last step opened O_NOFOLLOW.
import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath, rename } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

// Windows has no O_NOFOLLOW (0 there); the lstat walk still refuses links.
const noFollow = constants.O_NOFOLLOW ?? 0;

/** Refused: a path inside a batch folder goes through a symbolic link. */
export class LinkRefusedError extends Error {
  override name = 'LinkRefusedError';
  constructor(readonly link: string, readonly dir: string) {
    super(`Refusing to follow the symbolic link ${link} in batch folder ${dir}; replace it with a real file or folder`);
  }
}

function stepsBelow(dir: string, path: string): string[] {
  const rel = relative(dir, path);
  if (rel === '') { return []; }
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) { throw new Error(`${path} is not inside ${dir}`); }
  const parts = rel.split(sep);
  return parts.map((_, i) => join(dir, ...parts.slice(0, i + 1)));
}

/** The first symbolic link on the way from `dir` (excluded) to `path` (included), if any; missing steps end the walk. */
export async function firstLinkBelow(dir: string, path: string): Promise<string | undefined> {
  for (const step of stepsBelow(dir, path)) {
    const info = await lstat(step).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') { return undefined; }
      throw error;
    });
    if (!info) { return undefined; }
    if (info.isSymbolicLink()) { return step; }
  }
  return undefined;
}

async function assertNoLink(dir: string, path: string): Promise<void> {
  const link = await firstLinkBelow(dir, path);
  if (link !== undefined) { throw new LinkRefusedError(link, dir); }
}

/** `mkdir -p` below `dir`, refusing a link on the way (an existing `json/` that is a link, say). */
export async function mkdirInside(dir: string, folder: string): Promise<void> {
  await assertNoLink(dir, folder);
  await mkdir(folder, { recursive: true });
  await assertNoLink(dir, folder);
}

/** Whole-file write: a fresh tmp file (O_EXCL, so never an existing link), then renamed over `file`. */
export async function writeFileInside(dir: string, file: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  await assertNoLink(dir, dirname(file));
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | noFollow, options.mode ?? 0o644)
    .catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ELOOP') { throw error; }
      throw new LinkRefusedError(temporary, dir);
    });
  try { await handle.writeFile(data); } finally { await handle.close(); }
  // rename replaces a link at `file` itself; it never writes through it.
  await rename(temporary, file);
}

/** Appends to `file` (created if missing), refusing a link at it or on the way. */
export async function appendFileInside(dir: string, file: string, data: string | Uint8Array): Promise<void> {
  await assertNoLink(dir, dirname(file));
  const handle = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | noFollow, 0o644)
    .catch((error: NodeJS.ErrnoException) => { throw error.code === 'ELOOP' ? new LinkRefusedError(file, dir) : error; });
  try { await handle.writeFile(data); } finally { await handle.close(); }
}

/** Creates `file` only if it does not exist (EEXIST otherwise, a link included). */
export async function createFileInside(dir: string, file: string, data: string | Uint8Array): Promise<void> {
  await assertNoLink(dir, dirname(file));
  const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | noFollow, 0o644);
  try { await handle.writeFile(data); } finally { await handle.close(); }
}

/** Reads `file`, refusing a link at it or on the way (ENOENT passes through for a missing file). */
export async function readFileInside(dir: string, file: string): Promise<Buffer>;
export async function readFileInside(dir: string, file: string, encoding: 'utf8'): Promise<string>;
export async function readFileInside(dir: string, file: string, encoding?: 'utf8'): Promise<Buffer | string> {
  await assertNoLink(dir, dirname(file));
  const handle = await open(file, constants.O_RDONLY | noFollow)
    .catch((error: NodeJS.ErrnoException) => { throw error.code === 'ELOOP' ? new LinkRefusedError(file, dir) : error; });
  try { return encoding ? await handle.readFile(encoding) : await handle.readFile(); } finally { await handle.close(); }
}

/** Synchronous open for appending (the checkpoint journal), with the same refusal. */
export const appendFlags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | noFollow;

/** Where `file` really lies, when that is inside the real `dir`; undefined when it leads out (or does not exist). */
export async function realPathInside(dir: string, file: string): Promise<string | undefined> {
  const [realDir, realFile] = await Promise.all([realpath(dir), realpath(file).catch(() => undefined)]);
  if (realFile === undefined) { return undefined; }
  const rel = relative(realDir, realFile);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel) ? realFile : undefined;
}
