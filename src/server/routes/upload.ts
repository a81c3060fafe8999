// POST /upload: multipart images (field `files`) into a new staging folder; answers UploadResponse.
// The limits are enforced by multer while streaming, so an oversize file is never held whole.
import type { Request, RequestHandler, Router } from 'express';
import multer from 'multer';
import { routes } from '../../protocol/index';
import { problem, sendProblem } from '../http-errors';
import { incomingPrefix, type UploadStore } from '../upload-store';
import { handle, reply } from '../route-handler';

export interface UploadLimits {
  /** @default 50 MiB */
  maxFileBytes: number;
  /** @default 1000 */
  maxFiles: number;
}

export const defaultUploadLimits: UploadLimits = { maxFileBytes: 50 * 1024 * 1024, maxFiles: 1000 };

interface Staging { uploadId: string; dir: string; count: number }
type StagedRequest = Request & { staging?: Staging };

export function registerUploadRoute(router: Router, store: UploadStore, limits: UploadLimits): void {
  const receive = multer({
    storage: multer.diskStorage({
      destination: (req, _file, cb) => cb(null, (req as StagedRequest).staging!.dir),
      filename: (req, _file, cb) => {
        const staging = (req as StagedRequest).staging!;
        staging.count += 1;
        cb(null, `${incomingPrefix}${staging.count}`);
      },
    }),
    limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 20, parts: limits.maxFiles + 20 },
    defParamCharset: 'utf8',
  }).array('files', limits.maxFiles);

  const stage: RequestHandler = async (req, _res, next) => {
    (req as StagedRequest).staging = { ...(await store.create()), count: 0 };
    next();
  };

  // Multer's own error (too large, wrong field) would leave the folder behind: discard it, then pass the error on.
  const receiveOrDiscard: RequestHandler = (req, res, next) => {
    receive(req, res, error => {
      if (error === undefined) { next(); return; }
      const staging = (req as StagedRequest).staging!;
      store.discard(staging.uploadId).then(() => next(error), next);
    });
  };

  handle(router, routes.upload, stage, receiveOrDiscard, async (req, res) => {
    const staging = (req as StagedRequest).staging!;
    const files = (req.files as Express.Multer.File[] | undefined) ?? [];
    if (files.length === 0) {
      await store.discard(staging.uploadId);
      sendProblem(res, problem('request/invalid', 'No files: send multipart/form-data with the images in the field "files"', { field: 'files' }));
      return;
    }
    const answer = await store.accept(staging.uploadId, staging.dir,
      files.map(f => ({ originalName: f.originalname, path: f.path, size: f.size })));
    if (answer.files.length === 0) {
      await store.discard(staging.uploadId);
      const names = answer.rejected.map(r => `${r.name} (${r.problem.code})`).join(', ');
      sendProblem(res, problem('request/invalid', `No image among the uploaded files: ${names}`, { field: 'files', rejected: answer.rejected }));
      return;
    }
    reply(res, routes.upload, answer);
  });
}
