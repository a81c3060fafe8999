// POST /batches: start a batch on an upload's staging folder or on a folder inside an allowed root.
// The body is parsed with the shared CreateBatchBody schema; a bad field is a 400 naming it.
import type { Router } from 'express';
import { CreateBatchBody, routes, StartBatchParams, startBatchParams, type Outcome } from '../../protocol/index';
import { resolveAllowedFolder } from '../allowed-roots';
import type { ApiContext } from '../api-context';
import { fieldListProblem } from '../field-list-check';
import { invalidRequest, problem, sendProblem } from '../http-errors';
import { percentOf } from '../ws/snapshot';
import { handle, reply } from '../route-handler';
import { hasBatch } from '../../batch-folder/index';

export function registerCreateBatchRoute(router: Router, context: ApiContext): void {
  handle(router, routes.createBatch, async (req, res) => {
    const body = CreateBatchBody.safeParse(req.body ?? {});
    if (!body.success) { sendProblem(res, invalidRequest('body', body.error)); return; }
    const fieldFault = fieldListProblem(req.body);
    if (fieldFault) { sendProblem(res, fieldFault); return; }
    const { uploadId, folder, name, ...request } = body.data;
    const dir = await folderOf(context, uploadId, folder);
    if (!dir.ok) { sendProblem(res, dir.error); return; }
    if (await hasBatch(dir.value)) {
      sendProblem(res, problem('batch/busy', `${uploadId ? `Upload ${uploadId}` : `Folder ${folder}`} already holds a batch; use POST /batches/{id}/resume or /retry`, { field: uploadId ? 'uploadId' : 'folder' }));
      return;
    }
    const started = await context.engine.startBatch(StartBatchParams.parse(startBatchParams({ dir: dir.value, ...(name === undefined ? {} : { name }), request })));
    if (!started.ok) { sendProblem(res, started.error); return; }
    const batch = started.value;
    await context.registry.remember(batch.id, batch.dir);
    res.location(`/api/v1/batches/${batch.id}`);
    reply(res, routes.createBatch, { batch, percent: percentOf(batch) });
  });
}

async function folderOf(context: ApiContext, uploadId: string | undefined, folder: string | undefined): Promise<Outcome<string>> {
  if (uploadId !== undefined) {
    const dir = context.uploads.dirOf(uploadId);
    if (dir === undefined || !(await context.uploads.exists(uploadId))) {
      return { ok: false, error: problem('request/not-found', `No upload "${uploadId}"; POST /upload first`, { field: 'uploadId' }) };
    }
    return { ok: true, value: dir };
  }
  return resolveAllowedFolder(folder!, context.roots());
}
