// GET /batches/{id}/cards?offset=&limit=&needsReview=: successful card results in the order they finished, a page
// at a time; `needsReview=true` pages through the review queue (cards with flagged fields) instead.
import type { Router } from 'express';
import { z } from 'zod';
import { listCardResults } from '../../engine/index';
import type { CardsPage } from '../../protocol/index';
import { batchOf, type ApiContext } from '../api-context';
import { invalidRequest, sendProblem } from '../http-errors';

export const PageQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Only cards that need review (`true`) or only those that do not (`false`); absent: every card. */
  needsReview: z.enum(['true', 'false']).optional(),
  /** `finished` (the default): as the cards finished; `card`: by card name, numbers as numbers. */
  order: z.enum(['finished', 'card']).optional(),
});

export function registerListCardsRoute(router: Router, context: ApiContext): void {
  router.get('/batches/:id/cards', async (req, res) => {
    const found = await batchOf(req, context);
    if (!found.ok) { sendProblem(res, found.error); return; }
    const query = PageQuery.safeParse(req.query);
    if (!query.success) { sendProblem(res, invalidRequest('query', query.error)); return; }
    const { needsReview, order, ...page } = query.data;
    const wanted = needsReview === undefined ? undefined : needsReview === 'true';
    const { cards, total } = wanted === undefined
      ? await listCardResults(found.value.dir, page, order)
      : await context.reviewFlags.list(found.value.dir, page, wanted, order);
    const body: CardsPage = { cards, total, ...page };
    res.json(body);
  });
}
