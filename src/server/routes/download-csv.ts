// GET /batches/{id}/csv: the batch's CSV as a download (UTF-8 with BOM, as the engine wrote it).
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Router } from 'express';
import { firstLinkBelow } from '../../batch-folder/index';
import { batchPaths } from '../../engine/index';
import { routes } from '../../protocol/index';
import { batchOf, type ApiContext } from '../api-context';
import { problem, sendProblem } from '../http-errors';
import { handle } from '../route-handler';

export function registerDownloadCsvRoute(router: Router, context: ApiContext): void {
  handle(router, routes.downloadCsv, async (req, res) => {
    const found = await batchOf(req, context);
    if (!found.ok) { sendProblem(res, found.error); return; }
    const file = batchPaths(found.value.dir).csvFile;
    if (await firstLinkBelow(found.value.dir, file)) {
      sendProblem(res, problem('request/forbidden', `The CSV of batch ${found.value.id} is reached through a symbolic link; it is not served`));
      return;
    }
    const exists = await stat(file).then(s => s.isFile(), () => false);
    if (!exists) {
      sendProblem(res, problem('request/not-found', `Batch ${found.value.id} has no CSV yet: no card has succeeded`));
      return;
    }
    res.type('text/csv; charset=utf-8');
    res.attachment(basename(file));
    await new Promise<void>((resolve, reject) => res.sendFile(file, { dotfiles: 'allow' }, e => (e ? reject(e) : resolve())));
  });
}
