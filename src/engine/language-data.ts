// Finds tesseract language data on disk (never on the network) and gathers it into one folder for the OCR pool
// (and, uncompressed, into one for native tesseract). Knows nothing of batches or cards.
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, readlink, rename, rm, stat, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { failure, type Outcome } from '../protocol';

/** Debian's tesseract-ocr data folders, searched after the configured ones. */
export const systemTessdataDirs: readonly string[] = ['/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata'];

/** Languages that ship with the extension as npm packages (`@tesseract.js-data/<code>`, the small "best_int"
 *  model, gzip), read from there before any folder. Other languages come from disk. */
export const bundledLanguages: readonly string[] = ['eng', 'fra'];

/** Shipped too, but read only where no folder has the language: with the bundled best_int `deu` the hand-tuned
 *  blacklist template read 0.8396 against 0.8538 with Debian's fast model (bench/RESULTS.md), so a machine with
 *  Debian's keeps it, and one without (Windows, macOS) still reads German, offline. */
export const fallbackLanguages: readonly string[] = ['deu'];

/** `deu_best`, `eng_best`, `fra_best`: the shipped best_int model of that language by its own name, whatever model
 *  the machine has under `deu`, so a template can read a card a second way (another model, other errors). */
const bestSuffix = '_best';

/** The language a `<code>_best` name stands for, if it names a shipped one. */
function shippedBest(code: string): string | undefined {
  const base = code.endsWith(bestSuffix) ? code.slice(0, -bestSuffix.length) : undefined;
  return base && (bundledLanguages.includes(base) || fallbackLanguages.includes(base)) ? base : undefined;
}

/** The gzip model a language ships with (first or as a fallback, or by its `_best` name), where its package is installed. */
export function bundledLanguageFile(code: string): string | undefined {
  const base = shippedBest(code) ?? code;
  if (!bundledLanguages.includes(base) && !fallbackLanguages.includes(base)) { return undefined; }
  try {
    return join(dirname(require.resolve(`@tesseract.js-data/${base}/package.json`)), '4.0.0_best_int', `${base}.traineddata.gz`);
  } catch {
    // Not installed (a build without it): look on disk like any other language.
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  try { await access(file); return true; } catch { return false; }
}

/** The folders searched for languages that are not bundled, in order. */
export function searchedDirs(tessdataDirs: readonly string[] = [], systemDirs: readonly string[] = systemTessdataDirs): string[] {
  return [...tessdataDirs, ...systemDirs];
}

/** Where `<code>.traineddata` (or `.gz`) lives: the bundled package, else the first folder holding it, else a
 *  bundled fallback; else a `language/missing` problem naming every folder searched. */
export async function findLanguageFile(code: string, tessdataDirs: readonly string[] = [], systemDirs: readonly string[] = systemTessdataDirs): Promise<Outcome<string>> {
  const bundled = bundledLanguageFile(code);
  if (bundled && (bundledLanguages.includes(code) || shippedBest(code)) && await exists(bundled)) { return { ok: true, value: bundled }; }
  const dirs = searchedDirs(tessdataDirs, systemDirs);
  for (const dir of dirs) {
    for (const name of [`${code}.traineddata`, `${code}.traineddata.gz`]) {
      const file = join(dir, name);
      if (await exists(file)) { return { ok: true, value: file }; }
    }
  }
  if (bundled && await exists(bundled)) { return { ok: true, value: bundled }; }
  return failure('language/missing', `Language "${code}" not found (looked in ${dirs.join(', ')}); install it (e.g. apt install tesseract-ocr-${code}) or add its folder to the tessdata folders setting`,
    { language: code, searched: dirs });
}

/**
 * Makes `<linkDir>/<code>.traineddata` point at each language's file, so one `langPath` (with gzip off) serves
 * languages from different folders; tesseract.js unzips by the file's magic bytes, so a linked `.gz` works too.
 * Returns the first missing language as a problem.
 */
export async function linkLanguages(codes: readonly string[], tessdataDirs: readonly string[], linkDir: string,
  systemDirs: readonly string[] = systemTessdataDirs): Promise<Outcome<void>> {
  await mkdir(linkDir, { recursive: true });
  for (const code of new Set(codes)) {
    const found = await findLanguageFile(code, tessdataDirs, systemDirs);
    if (!found.ok) { return found; }
    await linkTo(found.value, code, linkDir);
  }
  return { ok: true, value: undefined };
}

/** Makes `<linkDir>/<code>.traineddata` point at `file`: linked beside it, then renamed over, so another engine on
 *  the same data folder never sees a half-made link. */
async function linkTo(file: string, code: string, linkDir: string): Promise<void> {
  const link = join(linkDir, `${code}.traineddata`);
  if ((await readlink(link).catch(() => undefined)) === file) { return; }
  const tmp = `${link}.${process.pid}.tmp`;
  await symlink(file, tmp);
  await rename(tmp, link);
}

/** The bundled gzip model unpacked into `<linkDir>/unpacked/` (native tesseract reads no .gz), named by its size so
 *  a new package unpacks again. */
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

/**
 * For native tesseract: links `<linkDir>/<code>.traineddata` to the first uncompressed one in `dirs`, else to the
 * bundled model unpacked once (eng, fra, deu), so a system tesseract without its language packs (Homebrew's
 * tesseract without tesseract-lang, say) still reads natively, offline. False when neither exists.
 */
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

/** `deu+eng` → ['deu', 'eng']. */
export function languageCodes(language: string): string[] {
  return language.split('+').filter(code => code !== '');
}
