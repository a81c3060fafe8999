// GET /batches/{id}/report: the batch's quality report as it is now (computed from json/ and _errors/, so reviews
// saved since the run are counted), for the dashboard's charts.
import type { Router } from 'express';
import { routes } from '../../protocol/index';
import { batchOf, type ApiContext } from '../api-context';
import { sendProblem } from '../http-errors';
import { handle, reply } from '../route-handler';
import { computeQualityReport } from '../../batch-folder/index';

export function registerGetReportRoute(router: Router, context: ApiContext): void {
  handle(router, routes.getReport, async (req, res) => {
    const found = await batchOf(req, context);
    if (!found.ok) { sendProblem(res, found.error); return; }
    reply(res, routes.getReport, await computeQualityReport(found.value.dir));
  });
}
