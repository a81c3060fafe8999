// The batches this server knows: the engine's live ones plus every known batch folder (`<dataDir>/batches.json`,
// see batch-folder/known-batches.ts), so they are found again after a restart. Maps ids to folders only.
import type { EngineClient } from '../engine/index';
import type { BatchSummary, Outcome } from '../protocol/index';
import { problem } from './http-errors';
import { type KnownBatchFolders, readBatchSummary } from '../batch-folder/index';

/** The engine's live batches over the one list of known folders (shared with the extension's tree when it runs one). */
export class BatchRegistry {
  constructor(private readonly folders: KnownBatchFolders, private readonly engine: EngineClient) {}

  remember(id: string, dir: string): Promise<void> { return this.folders.remember(id, dir); }

  /** The folder of a batch id, asking the engine when the id is not one of ours. */
  async dirOf(id: string): Promise<string | undefined> {
    const dir = await this.folders.dirOf(id);
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
    for (const { id, dir } of await this.folders.entries()) {
      if (byId.has(id)) { continue; }
      const read = await readBatchSummary(dir);
      if (read.ok) { byId.set(id, read.value); }
    }
    return [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}
