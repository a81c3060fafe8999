// GET /batches/{id}/cards?offset=&limit=&needsReview=: successful card results in the order they finished, a page
// at a time; `needsReview=true` pages through the review queue (cards with flagged fields) instead.
import type { Router } from 'express';
import { PageQuery, routes } from '../../protocol/index';
import { batchOf, type ApiContext } from '../api-context';
import { invalidRequest, sendProblem } from '../http-errors';
import { handle, reply } from '../route-handler';
import { listCardResults } from '../../batch-folder/index';

/** Declared with its route in protocol/routes.ts; re-exported for the callers that imported it from here. */
export { PageQuery };

export function registerListCardsRoute(router: Router, context: ApiContext): void {
  handle(router, routes.listCards, async (req, res) => {
    const found = await batchOf(req, context);
    if (!found.ok) { sendProblem(res, found.error); return; }
    const query = PageQuery.safeParse(req.query);
    if (!query.success) { sendProblem(res, invalidRequest('query', query.error)); return; }
    const { needsReview, order, ...page } = query.data;
    const wanted = needsReview === undefined ? undefined : needsReview === 'true';
    const { cards, total } = wanted === undefined
      ? await listCardResults(found.value.dir, page, order === 'least-confident' ? 'finished' : order)
      : await context.reviewFlags.list(found.value.dir, page, wanted, order);
    reply(res, routes.listCards, { cards, total, ...page });
  });
}
