// POST /preview: a field list (the template being authored) read on one card of a batch by the engine, at once
// and without running the batch: nothing is written. Language and preprocessing default to the batch's own.
import type { Router } from 'express';
import { PreviewBody, routes, type BatchOptions, type Outcome } from '../../protocol/index';
import { resolveAllowedFolder } from '../allowed-roots';
import type { ApiContext } from '../api-context';
import { fieldListProblem } from '../field-list-check';
import { invalidRequest, problem, sendProblem } from '../http-errors';
import { findCardImage } from './card-image';
import { handle, reply } from '../route-handler';
import { readBatchConfig } from '../../batch-folder/index';

interface PreviewSource { dir: string; options: BatchOptions; batchLanguage: string }

async function batchSource(context: ApiContext, batchId: string): Promise<Outcome<PreviewSource>> {
  const dir = await context.registry.dirOf(batchId);
  if (dir === undefined) { return { ok: false, error: problem('batch/not-found', `No batch "${batchId}" is known to this server`, { field: 'batchId' }) }; }
  const config = await readBatchConfig(dir);
  return config.ok ? { ok: true, value: { dir, options: config.value.options, batchLanguage: config.value.language } } : config;
}

async function folderSource(context: ApiContext, folder: string): Promise<Outcome<PreviewSource>> {
  const dir = await resolveAllowedFolder(folder, context.roots());
  return dir.ok ? { ok: true, value: { dir: dir.value, options: {}, batchLanguage: 'eng' } } : dir;
}

export function registerPreviewRoute(router: Router, context: ApiContext): void {
  handle(router, routes.preview, async (req, res) => {
    const body = PreviewBody.safeParse(req.body ?? {});
    if (!body.success) { sendProblem(res, invalidRequest('body', body.error)); return; }
    const fieldFault = fieldListProblem(req.body);
    if (fieldFault) { sendProblem(res, fieldFault); return; }
    const { batchId, folder, card, fields, language, preprocess } = body.data;
    // A folder with no batch yet (template authoring before the first run): English and no options unless given.
    const source = folder !== undefined ? await folderSource(context, folder) : await batchSource(context, batchId!);
    if (!source.ok) { sendProblem(res, source.error); return; }
    const { dir, options, batchLanguage } = source.value;
    const image = await findCardImage(dir, card);
    if (!image.ok) { sendProblem(res, image.error); return; }
    const read = await context.engine.previewCard({
      image: image.value.file, fields, language: language ?? batchLanguage,
      ...(preprocess ?? options.preprocess ? { preprocess: preprocess ?? options.preprocess } : {}),
      ...(options.maxInputPixels ? { maxInputPixels: options.maxInputPixels } : {}),
      ...(options.cardTimeoutMs ? { cardTimeoutMs: options.cardTimeoutMs } : {}),
    });
    if (!read.ok) { sendProblem(res, read.error); return; }
    reply(res, routes.preview, read.value);
  });
}
