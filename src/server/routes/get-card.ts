// GET /batches/{id}/cards/{card}: one card's result, read from json/<card>.json.
import type { Router } from 'express';
import { CardName, routes } from '../../protocol/index';
import { batchOf, type ApiContext } from '../api-context';
import { problem, sendProblem } from '../http-errors';
import { handle, reply } from '../route-handler';
import { readCardResult } from '../../batch-folder/index';

export function registerGetCardRoute(router: Router, context: ApiContext): void {
  handle(router, routes.getCard, async (req, res) => {
    const found = await batchOf(req, context);
    if (!found.ok) { sendProblem(res, found.error); return; }
    const card = String(req.params.card);
    if (!CardName.safeParse(card).success) {
      sendProblem(res, problem('request/invalid', `Invalid path: card: "${card}" is not a plain file name`, { field: 'card' }));
      return;
    }
    const result = await readCardResult(found.value.dir, card);
    if (!result.ok) { sendProblem(res, result.error); return; }
    reply(res, routes.getCard, result.value);
  });
}
