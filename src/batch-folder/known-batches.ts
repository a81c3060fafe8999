// The one list of batch folders a user has worked with: `<dataDir>/batches.json`, id → folder. The server's
// registry and the extension's tree read and write the same instance; live state still comes from the engine.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { KnownBatchesFile as KnownFile } from '../protocol';
export interface KnownBatchFolder { id: string; dir: string }

/**
 * Invariants: 1. an id maps to one folder (the latest one seen wins; a restarted folder keeps its old id too);
 * 2. the file is rewritten whole but stays small (one line per batch), via rename, writes queued in order.
 */
export class KnownBatchFolders {
  private known: Map<string, string> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  static in(dataDir: string): KnownBatchFolders { return new KnownBatchFolders(join(dataDir, 'batches.json')); }

  async entries(): Promise<KnownBatchFolder[]> {
    return [...await this.load()].map(([id, dir]) => ({ id, dir }));
  }

  /** Each folder once, in the order first seen. */
  async dirs(): Promise<string[]> { return [...new Set((await this.load()).values())]; }

  async dirOf(id: string): Promise<string | undefined> { return (await this.load()).get(id); }

  async remember(id: string, dir: string): Promise<void> {
    const known = await this.load();
    if (known.get(id) === dir) { return; }
    known.set(id, dir);
    await this.save(known);
  }

  /** Folders that no longer hold a batch. */
  async forget(dirs: readonly string[]): Promise<void> {
    const known = await this.load();
    const before = known.size;
    for (const [id, dir] of known) { if (dirs.includes(dir)) { known.delete(id); } }
    if (known.size !== before) { await this.save(known); }
  }

  private async load(): Promise<Map<string, string>> {
    if (this.known) { return this.known; }
    let entries: KnownFile['batches'] = [];
    try {
      const parsed = KnownFile.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      if (parsed.success) { entries = parsed.data.batches; }
    } catch {
      // No list yet (first start) or unreadable: start empty; the engine's own list still counts.
    }
    this.known ??= new Map(entries.map(e => [e.id, e.dir]));
    return this.known;
  }

  private async save(known: Map<string, string>): Promise<void> {
    const body: KnownFile = { version: 1, batches: [...known].map(([id, dir]) => ({ id, dir })) };
    // Writes queue behind each other so an older list never lands after a newer one.
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(body, null, 2)}\n`);
      await rename(temporary, this.file);
    });
    await this.writing;
  }
}
