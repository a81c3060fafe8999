// What every route handler may use: the engine, the batch registry, the upload store and the allowed roots.
// Built once per server by start-server.ts; holds no logic of its own.
import type { Request } from 'express';
import type { EngineClient, ReviewFlags } from '../engine/index';
import { BatchId, type Outcome } from '../protocol/index';
import type { BatchRegistry } from './batch-registry';
import type { LogFn } from './http-errors';
import { problem } from './http-errors';
import type { UploadStore } from './upload-store';

export interface ApiContext {
  engine: EngineClient;
  registry: BatchRegistry;
  uploads: UploadStore;
  /** Which cards need review, remembered per card file, for review queues over large batches. */
  reviewFlags: ReviewFlags;
  roots(): readonly string[];
  version: string;
  log: LogFn;
}

/** The `:id` path parameter checked against BatchId, then looked up: 400 when malformed, 404 when unknown. */
export async function batchOf(req: Request, context: ApiContext): Promise<Outcome<{ id: string; dir: string }>> {
  const id = String(req.params.id);
  if (!BatchId.safeParse(id).success) {
    return { ok: false, error: problem('request/invalid', `Invalid path: id: "${id}" is not a batch id (lower-case letters, digits and -)`, { field: 'id' }) };
  }
  const dir = await context.registry.dirOf(id);
  if (dir === undefined) { return { ok: false, error: problem('batch/not-found', `No batch "${id}" is known to this server`) }; }
  return { ok: true, value: { id, dir } };
}
