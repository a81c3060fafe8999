// The language data native tesseract reads: an uncompressed `<code>.traineddata` (it reads no .gz), linked into one
// folder. A language no folder has but Card OCR ships (eng, fra, deu) is unpacked from its package once, so a
// system tesseract without its language packs (Homebrew's tesseract without tesseract-lang, say) still reads natively, offline.
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, readlink, rename, rm, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { bundledLanguageFile } from '../language-data';

async function exists(file: string): Promise<boolean> {
  try { await access(file); return true; } catch { return false; }
}

/** `<linkDir>/<code>.traineddata` made to point at `file` (link beside it, then renamed over: atomic). */
async function linkTo(file: string, code: string, linkDir: string): Promise<void> {
  const link = join(linkDir, `${code}.traineddata`);
  if ((await readlink(link).catch(() => undefined)) === file) { return; }
  const tmp = `${link}.${process.pid}.tmp`;
  await symlink(file, tmp);
  await rename(tmp, link);
}

/** The bundled gzip model unpacked into `<linkDir>/unpacked/`, named by its size so a new package unpacks again. */
async function unpackBundled(code: string, linkDir: string): Promise<string | undefined> {
  const gz = bundledLanguageFile(code);
  if (!gz || !(await exists(gz))) { return undefined; }
  const target = join(linkDir, 'unpacked', `${code}-${(await stat(gz)).size}.traineddata`);
  if (await exists(target)) { return target; }
  await mkdir(join(linkDir, 'unpacked'), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await pipeline(createReadStream(gz), createGunzip(), createWriteStream(tmp));
    await rename(tmp, target);
  } finally {
    await rm(tmp, { force: true });
  }
  return target;
}

/** Links `<linkDir>/<code>.traineddata` to the first uncompressed one in `dirs`, else to the bundled model unpacked;
 *  false when neither exists. */
export async function linkNativeLanguage(code: string, dirs: readonly string[], linkDir: string): Promise<boolean> {
  for (const dir of dirs) {
    const file = join(dir, `${code}.traineddata`);
    if (await exists(file)) { await linkTo(file, code, linkDir); return true; }
  }
  const unpacked = await unpackBundled(code, linkDir);
  if (!unpacked) { return false; }
  await linkTo(unpacked, code, linkDir);
  return true;
}
