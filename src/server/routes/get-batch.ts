// GET /batches/{id}: the batch's status and latest progress, live from the engine or read from its folder.
import type { Router } from 'express';
import type { BatchAnswer } from '../../protocol/index';
import { batchOf, type ApiContext } from '../api-context';
import { sendProblem } from '../http-errors';
import { percentOf } from '../ws/snapshot';

export function registerGetBatchRoute(router: Router, context: ApiContext): void {
  router.get('/batches/:id', async (req, res) => {
    const found = await batchOf(req, context);
    if (!found.ok) { sendProblem(res, found.error); return; }
    const summary = await context.registry.summary(found.value.id);
    if (!summary.ok) { sendProblem(res, summary.error); return; }
    const body: BatchAnswer = { batch: summary.value, percent: percentOf(summary.value) };
    res.json(body);
  });
}
