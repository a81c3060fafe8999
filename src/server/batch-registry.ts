// The batches this server knows: the engine's live ones plus every folder seen through this server,
// kept in `<dataDir>/batches.json` so they are found again after a restart. Maps ids to folders only.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { readBatchSummary, type EngineClient } from '../engine/index';
import { BatchId, type BatchSummary, type Outcome } from '../protocol/index';
import { problem } from './http-errors';

const RegistryFile = z.object({ version: z.literal(1), batches: z.array(z.object({ id: BatchId, dir: z.string() })) });
type RegistryFile = z.infer<typeof RegistryFile>;

/**
 * Invariants: 1. an id maps to one folder (the latest one seen wins);
 * 2. the file is rewritten whole but stays small (one line per batch ever started here), via rename.
 */
export class BatchRegistry {
  private known: Map<string, string> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly dataDir: string, private readonly engine: EngineClient) {}

  private get file(): string { return join(this.dataDir, 'batches.json'); }

  private async load(): Promise<Map<string, string>> {
    if (this.known) { return this.known; }
    let entries: RegistryFile['batches'] = [];
    try {
      const parsed = RegistryFile.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      if (parsed.success) { entries = parsed.data.batches; }
    } catch {
      // No registry yet (first start) or unreadable: start empty; the engine's own list still counts.
    }
    this.known ??= new Map(entries.map(e => [e.id, e.dir]));
    return this.known;
  }

  async remember(id: string, dir: string): Promise<void> {
    const known = await this.load();
    if (known.get(id) === dir) { return; }
    known.set(id, dir);
    const body: RegistryFile = { version: 1, batches: [...known].map(([i, d]) => ({ id: i, dir: d })) };
    // Writes queue behind each other so an older list never lands after a newer one.
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(body, null, 2)}\n`);
      await rename(temporary, this.file);
    });
    await this.writing;
  }

  /** The folder of a batch id, asking the engine when the id is not one of ours. */
  async dirOf(id: string): Promise<string | undefined> {
    const known = await this.load();
    const dir = known.get(id);
    if (dir !== undefined) { return dir; }
    const live = (await this.engine.listBatches()).find(b => b.id === id);
    if (live) { await this.remember(live.id, live.dir); }
    return live?.dir;
  }

  /** A batch as it stands: the engine's live summary when it runs it, else read from the folder. */
  async summary(id: string): Promise<Outcome<BatchSummary>> {
    const live = (await this.engine.listBatches()).find(b => b.id === id);
    if (live) { return { ok: true, value: live }; }
    const dir = await this.dirOf(id);
    if (dir === undefined) { return { ok: false, error: problem('batch/not-found', `No batch "${id}" is known to this server`) }; }
    return readBatchSummary(dir);
  }

  /** Every batch: live ones from the engine, the rest read from their folders (vanished folders are left out). */
  async list(): Promise<BatchSummary[]> {
    const live = await this.engine.listBatches();
    const byId = new Map(live.map(b => [b.id, b]));
    for (const [id, dir] of await this.load()) {
      if (byId.has(id)) { continue; }
      const read = await readBatchSummary(dir);
      if (read.ok) { byId.set(id, read.value); }
    }
    return [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}
