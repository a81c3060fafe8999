// GET /batches/{id}/errors: the files in _errors/ with the latest reason for each.
import type { Router } from 'express';
import { readErrorEntries } from '../../engine/index';
import type { ErrorList } from '../../protocol/index';
import { batchOf, type ApiContext } from '../api-context';
import { sendProblem } from '../http-errors';

export function registerListErrorsRoute(router: Router, context: ApiContext): void {
  router.get('/batches/:id/errors', async (req, res) => {
    const found = await batchOf(req, context);
    if (!found.ok) { sendProblem(res, found.error); return; }
    const body: ErrorList = { errors: await readErrorEntries(found.value.dir) };
    res.json(body);
  });
}
