// GET /batches/{id}/csv: the batch's CSV as a download (UTF-8 with BOM, as the engine wrote it).
// The engine owns the folder: it names the file and checks it (no link on the way, there at all).
import { basename } from 'node:path';
import type { Router } from 'express';
import { routes } from '../../protocol/index';
import { batchOf, type ApiContext } from '../api-context';
import { sendProblem } from '../http-errors';
import { handle } from '../route-handler';

export function registerDownloadCsvRoute(router: Router, context: ApiContext): void {
  handle(router, routes.downloadCsv, async (req, res) => {
    const found = await batchOf(req, context);
    if (!found.ok) { sendProblem(res, found.error); return; }
    const csv = await context.engine.csvFile(found.value.dir);
    if (!csv.ok) { sendProblem(res, csv.error); return; }
    const file = csv.value;
    res.type('text/csv; charset=utf-8');
    res.attachment(basename(file));
    await new Promise<void>((resolve, reject) => res.sendFile(file, { dotfiles: 'allow' }, e => (e ? reject(e) : resolve())));
  });
}
