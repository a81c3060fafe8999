// POST /preview: a field list (the template being authored) read on one card of a batch by the engine, at once
// and without running the batch: nothing is written. Language and preprocessing default to the batch's own.
import type { Router } from 'express';
import { readBatchConfig } from '../../engine/index';
import { PreviewBody, routes } from '../../protocol/index';
import type { ApiContext } from '../api-context';
import { invalidRequest, problem, sendProblem } from '../http-errors';
import { findCardImage } from './card-image';
import { handle, reply } from '../route-handler';

export function registerPreviewRoute(router: Router, context: ApiContext): void {
  handle(router, routes.preview, async (req, res) => {
    const body = PreviewBody.safeParse(req.body ?? {});
    if (!body.success) { sendProblem(res, invalidRequest('body', body.error)); return; }
    const { batchId, card, fields, language, preprocess } = body.data;
    const dir = await context.registry.dirOf(batchId);
    if (dir === undefined) { sendProblem(res, problem('batch/not-found', `No batch "${batchId}" is known to this server`, { field: 'batchId' })); return; }
    const config = await readBatchConfig(dir);
    if (!config.ok) { sendProblem(res, config.error); return; }
    const image = await findCardImage(dir, card);
    if (!image.ok) { sendProblem(res, image.error); return; }
    const options = config.value.options;
    const read = await context.engine.previewCard({
      image: image.value.file, fields, language: language ?? config.value.language,
      ...(preprocess ?? options.preprocess ? { preprocess: preprocess ?? options.preprocess } : {}),
      ...(options.maxInputPixels ? { maxInputPixels: options.maxInputPixels } : {}),
      ...(options.cardTimeoutMs ? { cardTimeoutMs: options.cardTimeoutMs } : {}),
    });
    if (!read.ok) { sendProblem(res, read.error); return; }
    reply(res, routes.preview, read.value);
  });
}
