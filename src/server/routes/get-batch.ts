// GET /batches/{id}: the batch's status and latest progress, live from the engine or read from its folder.
import type { Router } from 'express';
import { routes } from '../../protocol/index';
import { batchOf, type ApiContext } from '../api-context';
import { sendProblem } from '../http-errors';
import { percentOf } from '../ws/snapshot';
import { handle, reply } from '../route-handler';

export function registerGetBatchRoute(router: Router, context: ApiContext): void {
  handle(router, routes.getBatch, async (req, res) => {
    const found = await batchOf(req, context);
    if (!found.ok) { sendProblem(res, found.error); return; }
    const summary = await context.registry.summary(found.value.id);
    if (!summary.ok) { sendProblem(res, summary.error); return; }
    reply(res, routes.getBatch, { batch: summary.value, percent: percentOf(summary.value) });
  });
}
