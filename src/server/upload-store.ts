// Staging folders for uploads: `<dataDir>/uploads/<uploadId>/`, each later started as a batch in place.
// Checks each received file by content and gives it a safe unique name; knows nothing of HTTP.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UploadId, type Problem, type UploadResponse } from '../protocol/index';
import { problem } from './http-errors';
import { extensionFor, sniffImage, sniffLength } from './image-sniff';
import { safeBaseName, splitExtension, uniqueName } from './safe-file-name';

/** A file as received, still under its temporary name inside the staging folder. */
export interface ReceivedFile { originalName: string; path: string; size: number }

/** Prefix of files still being received; never a card (the engine skips dot-files, and we rename them). */
export const incomingPrefix = '.incoming-';

export class UploadStore {
  constructor(private readonly dataDir: string) {}

  get rootDir(): string { return join(this.dataDir, 'uploads'); }

  /** The staging folder of an upload id; the id is checked first, so it can never leave `uploads/`. */
  dirOf(uploadId: string): string | undefined {
    return UploadId.safeParse(uploadId).success ? join(this.rootDir, uploadId) : undefined;
  }

  async exists(uploadId: string): Promise<boolean> {
    const dir = this.dirOf(uploadId);
    if (dir === undefined) { return false; }
    try { return (await stat(dir)).isDirectory(); } catch { return false; }
  }

  /** A new, empty staging folder with a fresh id (time first, so a listing sorts by age). */
  async create(): Promise<{ uploadId: string; dir: string }> {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const uploadId = `upload-${stamp}-${randomBytes(4).toString('hex')}`;
    const dir = join(this.rootDir, uploadId);
    await mkdir(dir, { recursive: true });
    return { uploadId, dir };
  }

  async discard(uploadId: string): Promise<void> {
    const dir = this.dirOf(uploadId);
    if (dir !== undefined) { await rm(dir, { recursive: true, force: true }); }
  }

  /**
   * Keeps each received file that is an image by its first bytes, under a safe name unique in the folder
   * (names already there count too, so a second upload into the folder never overwrites); removes the rest.
   */
  async accept(uploadId: string, dir: string, files: ReceivedFile[]): Promise<UploadResponse> {
    const taken = new Set((await readdir(dir)).filter(n => !n.startsWith(incomingPrefix)).map(n => n.toLowerCase()));
    const answer: UploadResponse = { uploadId, files: [], rejected: [] };
    for (const file of files) {
      const refused = await this.refusal(file);
      if (refused.problem) {
        await rm(file.path, { force: true });
        answer.rejected.push({ name: safeBaseName(file.originalName) || 'unnamed', problem: refused.problem });
        continue;
      }
      const base = safeBaseName(file.originalName);
      const { extension } = splitExtension(base);
      const name = uniqueName(`${base}${extensionFor(refused.kind, extension)}`, taken);
      await rename(file.path, join(dir, name));
      answer.files.push({ name, size: file.size });
    }
    return answer;
  }

  private async refusal(file: ReceivedFile): Promise<{ problem: Problem; kind?: undefined } | { problem?: undefined; kind: NonNullable<ReturnType<typeof sniffImage>> }> {
    if (file.size === 0) { return { problem: problem('card/empty', `${safeBaseName(file.originalName)} is empty (0 bytes)`) }; }
    const head = new Uint8Array(sniffLength);
    const handle = await open(file.path, 'r');
    try { await handle.read(head, 0, sniffLength, 0); } finally { await handle.close(); }
    const kind = sniffImage(head);
    if (kind === undefined) {
      return { problem: problem('card/not-an-image', `${safeBaseName(file.originalName)} is not a JPEG, PNG, TIFF, WebP or GIF image (checked by content)`) };
    }
    return { kind };
  }
}
