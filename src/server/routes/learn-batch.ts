// POST /batches/{id}/learn: "Learn from checked cards". The engine trains, writes the model and re-extracts (it is
// the batch folder's only writer); refused while the batch runs or is queued, as a review is.
import type { Router } from 'express';
import { isActiveStatus, routes } from '../../protocol/index';
import { batchOf, type ApiContext } from '../api-context';
import { problem, sendProblem } from '../http-errors';
import { handle, reply } from '../route-handler';

export function registerLearnRoute(router: Router, context: ApiContext): void {
  handle(router, routes.learn, async (req, res) => {
    const found = await batchOf(req, context);
    if (!found.ok) { sendProblem(res, found.error); return; }
    const summary = await context.registry.summary(found.value.id);
    if (!summary.ok) { sendProblem(res, summary.error); return; }
    const status = summary.value.status;
    if (isActiveStatus(status)) {
      sendProblem(res, problem('batch/busy', `Batch ${found.value.id} is ${status}; learn from its cards once it has stopped`, { status }));
      return;
    }
    const learned = await context.engine.learnBatch({ dir: found.value.dir, owner: 'Card OCR server (learn)' });
    if (!learned.ok) { sendProblem(res, learned.error); return; }
    context.log('info', `batch ${found.value.id}: learned from ${learned.value.trainedOn} checked card(s), model ${learned.value.model}; ${learned.value.cards} card(s) re-extracted`);
    reply(res, routes.learn, learned.value);
  });
}
