// GET /batches/{id}/errors: the files in _errors/ with the latest reason for each.
import type { Router } from 'express';
import { routes } from '../../protocol/index';
import { batchOf, type ApiContext } from '../api-context';
import { sendProblem } from '../http-errors';
import { handle, reply } from '../route-handler';
import { readErrorEntries } from '../../batch-folder/index';

export function registerListErrorsRoute(router: Router, context: ApiContext): void {
  handle(router, routes.listErrors, async (req, res) => {
    const found = await batchOf(req, context);
    if (!found.ok) { sendProblem(res, found.error); return; }
    reply(res, routes.listErrors, { errors: await readErrorEntries(found.value.dir) });
  });
}
