// GET /batches: every batch this server knows (live in the engine or seen before, read from disk).
import type { Router } from 'express';
import { routes } from '../../protocol/index';
import type { ApiContext } from '../api-context';
import { handle, reply } from '../route-handler';

export function registerListBatchesRoute(router: Router, context: ApiContext): void {
  handle(router, routes.listBatches, async (_req, res) => {
    reply(res, routes.listBatches, { batches: await context.registry.list() });
  });
}
