// GET /batches: every batch this server knows (live in the engine or seen before, read from disk).
import type { Router } from 'express';
import type { BatchList } from '../../protocol/index';
import type { ApiContext } from '../api-context';

export function registerListBatchesRoute(router: Router, context: ApiContext): void {
  router.get('/batches', async (_req, res) => {
    const body: BatchList = { batches: await context.registry.list() };
    res.json(body);
  });
}
