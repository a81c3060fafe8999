// POST /batches/{id}/retry | resume | cancel: hand the batch to the engine; 202 with the batch as it now stands.
import type { Router } from 'express';
import { routes, type BatchSummary, type Outcome } from '../../protocol/index';
import { batchOf, type ApiContext } from '../api-context';
import { sendProblem } from '../http-errors';
import { percentOf } from '../ws/snapshot';
import { handle, reply } from '../route-handler';

type Action = (context: ApiContext, batch: { id: string; dir: string }) => Promise<Outcome<BatchSummary>>;

const actions: Record<'retry' | 'resume' | 'cancel', Action> = {
  /** Re-processes only what is in _errors/. */
  retry: (context, batch) => context.engine.retryBatch(batch.dir),
  /** Continues from the checkpoint, skipping cards already done. */
  resume: (context, batch) => context.engine.resumeBatch(batch.dir),
  /** Stops cleanly; the batch stays resumable. */
  cancel: (context, batch) => context.engine.cancelBatch(batch.id),
};

export function registerBatchActionRoutes(router: Router, context: ApiContext): void {
  for (const [name, action] of Object.entries(actions) as [keyof typeof actions, Action][]) {
    handle(router, routes[name], async (req, res) => {
      const found = await batchOf(req, context);
      if (!found.ok) { sendProblem(res, found.error); return; }
      const outcome = await action(context, found.value);
      if (!outcome.ok) { sendProblem(res, outcome.error); return; }
      await context.registry.remember(outcome.value.id, outcome.value.dir);
      reply(res, routes[name], { batch: outcome.value, percent: percentOf(outcome.value) });
    });
  }
}
