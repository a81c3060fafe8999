// Staging folders for uploads: `<dataDir>/uploads/<uploadId>/`, each later started as a batch in place.
// Checks each received file by content and gives it a safe unique name; knows nothing of HTTP.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UploadId, type Problem, type UploadResponse } from '../protocol/index';
import { HttpProblem, problem } from './http-errors';
import { extensionFor, sniffImage, sniffLength } from './image-sniff';
import { safeBaseName, splitExtension, uniqueName } from './safe-file-name';

/** A file as received, still under its temporary name inside the staging folder. */
export interface ReceivedFile { originalName: string; path: string; size: number }

/** Prefix of files still being received; never a card (the engine skips dot-files, and we rename them). */
export const incomingPrefix = '.incoming-';

/** How much the uploads may hold, and how long an upload never started as a batch is kept. */
export interface UploadQuota {
  /** Bytes of card files over all staging folders. @default 4 GiB */
  maxTotalBytes: number;
  /** An upload that never became a batch is removed after this long. @default 7 days */
  maxAgeMs: number;
}

export const defaultUploadQuota: UploadQuota = { maxTotalBytes: 4 * 1024 ** 3, maxAgeMs: 7 * 24 * 3600 * 1000 };

/**
 * Invariants: 1. staging folders are private to the user (0700, files 0600): uploads may be anyone's records;
 * 2. the files kept stay under the quota; 3. uploads never started as a batch expire.
 */
export class UploadStore {
  constructor(private readonly dataDir: string, private readonly quota: UploadQuota = defaultUploadQuota) {}

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

  /**
   * A new, empty staging folder with a fresh id (time first, so a listing sorts by age). Expired uploads are removed
   * first; over the quota, throws HttpProblem `request/too-large`.
   */
  async create(now = Date.now()): Promise<{ uploadId: string; dir: string }> {
    await mkdir(this.rootDir, { recursive: true, mode: 0o700 });
    await chmod(this.rootDir, 0o700);
    await this.expire(now);
    const used = await this.usedBytes();
    if (used >= this.quota.maxTotalBytes) {
      throw new HttpProblem(problem('request/too-large', `The uploads already hold ${used} bytes, the quota of ${this.quota.maxTotalBytes}; start or remove earlier uploads first`, { used, quota: this.quota.maxTotalBytes }));
    }
    const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const uploadId = `upload-${stamp}-${randomBytes(4).toString('hex')}`;
    const dir = join(this.rootDir, uploadId);
    await mkdir(dir, { mode: 0o700 });
    return { uploadId, dir };
  }

  /** Removes staging folders older than the expiry that never became a batch (no config.json). */
  async expire(now = Date.now()): Promise<string[]> {
    const removed: string[] = [];
    for (const name of await readdir(this.rootDir).catch(() => [] as string[])) {
      if (!UploadId.safeParse(name).success) { continue; }
      const dir = join(this.rootDir, name);
      const info = await stat(dir).catch(() => undefined);
      if (!info?.isDirectory() || now - info.mtimeMs < this.quota.maxAgeMs) { continue; }
      if (await stat(join(dir, 'config.json')).then(() => true, () => false)) { continue; }
      await rm(dir, { recursive: true, force: true });
      removed.push(name);
    }
    return removed;
  }

  /** Bytes of the files directly in every staging folder (the cards; a batch's outputs are not counted). */
  private async usedBytes(): Promise<number> {
    let total = 0;
    for (const name of await readdir(this.rootDir).catch(() => [] as string[])) {
      const dir = join(this.rootDir, name);
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        if (entry.isFile()) { total += (await stat(join(dir, entry.name)).catch(() => undefined))?.size ?? 0; }
      }
    }
    return total;
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
    // Usage before this upload (its files are already on disk), then its files in order until the quota is reached.
    let used = await this.usedBytes() - files.reduce((sum, file) => sum + file.size, 0);
    for (const file of files) {
      const refused = used + file.size > this.quota.maxTotalBytes
        ? { problem: problem('request/too-large', `${safeBaseName(file.originalName) || 'unnamed'} is past the uploads' quota of ${this.quota.maxTotalBytes} bytes`) }
        : await this.refusal(file);
      if (refused.problem) {
        await rm(file.path, { force: true });
        answer.rejected.push({ name: safeBaseName(file.originalName) || 'unnamed', problem: refused.problem });
        continue;
      }
      const base = safeBaseName(file.originalName);
      const { extension } = splitExtension(base);
      const name = uniqueName(`${base}${extensionFor(refused.kind, extension)}`, taken);
      await rename(file.path, join(dir, name));
      await chmod(join(dir, name), 0o600);
      used += file.size;
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
