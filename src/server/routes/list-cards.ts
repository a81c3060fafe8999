// GET /batches/{id}/cards?offset=&limit=: successful card results in the order they finished, a page at a time.
import type { Router } from 'express';
import { z } from 'zod';
import { listCardResults } from '../../engine/index';
import type { CardsPage } from '../../protocol/index';
import { batchOf, type ApiContext } from '../api-context';
import { invalidRequest, sendProblem } from '../http-errors';

export const PageQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export function registerListCardsRoute(router: Router, context: ApiContext): void {
  router.get('/batches/:id/cards', async (req, res) => {
    const found = await batchOf(req, context);
    if (!found.ok) { sendProblem(res, found.error); return; }
    const page = PageQuery.safeParse(req.query);
    if (!page.success) { sendProblem(res, invalidRequest('query', page.error)); return; }
    const { cards, total } = await listCardResults(found.value.dir, page.data);
    const body: CardsPage = { cards, total, ...page.data };
    res.json(body);
  });
}
