// Problems to HTTP answers: one status per ProblemCode and the one error middleware that answers ErrorBody.
// Knows nothing of routes; stacks go to the log, never onto the wire.
import type { ErrorRequestHandler, Response } from 'express';
import multer from 'multer';
import type { z } from 'zod';
import { type ErrorBody, type Problem, type ProblemCode } from '../protocol/index';

export type LogFn = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

/** Exhaustive on purpose: a new ProblemCode fails to compile until it has a status. */
const statusByCode: Record<ProblemCode, number> = {
  'card/empty': 422, 'card/not-an-image': 415, 'card/truncated': 422, 'card/too-large': 413,
  'card/unreadable': 422, 'card/corrupt': 422, 'card/ocr-failed': 422, 'card/timeout': 422,
  'card/killed-engine': 422, 'card/internal': 500,
  'language/missing': 422, 'template/invalid': 400,
  'batch/not-found': 404, 'batch/busy': 409, 'batch/invalid': 422,
  'request/invalid': 400, 'request/too-large': 413, 'request/forbidden': 403, 'request/not-found': 404,
  'auth/denied': 401, 'engine/unavailable': 503, 'internal': 500,
};

export function statusOf(code: ProblemCode): number {
  return statusByCode[code];
}

export function problem(code: ProblemCode, message: string, details?: Record<string, unknown>): Problem {
  return details ? { code, message, details } : { code, message };
}

/** Answers a problem with its status and the one error shape. */
export function sendProblem(res: Response, value: Problem): void {
  const body: ErrorBody = { error: value };
  if (value.code === 'auth/denied') { res.setHeader('WWW-Authenticate', 'Bearer'); }
  res.status(statusOf(value.code)).json(body);
}

/** A zod failure as a `request/invalid` problem whose message names the first bad field. */
export function invalidRequest(where: 'body' | 'query' | 'path', error: z.ZodError): Problem {
  const issues = error.issues.map(issue => ({ field: issue.path.join('.') || where, message: issue.message }));
  const first = issues[0];
  return problem('request/invalid', `Invalid ${where}: ${first.field}: ${first.message}`, { issues });
}

/**
 * Thrown by handlers for an expected failure discovered deep inside a helper; the middleware answers it.
 * Routes mostly return problems directly; this exists for callbacks (multer) that can only throw.
 */
export class HttpProblem extends Error {
  constructor(readonly problem: Problem) { super(problem.message); }
}

interface BodyParserError { type?: unknown; status?: unknown }

function problemOf(error: unknown): Problem | undefined {
  if (error instanceof HttpProblem) { return error.problem; }
  if (error instanceof multer.MulterError) {
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return problem('request/too-large', `A file is larger than the upload limit (field ${error.field ?? 'files'})`, { field: error.field });
      case 'LIMIT_FILE_COUNT':
      case 'LIMIT_PART_COUNT':
      case 'LIMIT_FIELD_COUNT':
        return problem('request/too-large', 'Too many files or parts in one upload', { limit: error.code });
      default:
        return problem('request/invalid', `Bad multipart upload: ${error.message}; send images in the field "files"`, { field: error.field, multer: error.code });
    }
  }
  // body-parser errors carry a `type`; they are the client's fault, not ours.
  const { type } = (error ?? {}) as BodyParserError;
  if (type === 'entity.parse.failed') { return problem('request/invalid', 'The body is not valid JSON', { field: 'body' }); }
  if (type === 'entity.too.large') { return problem('request/too-large', 'The JSON body is too large'); }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') { return problem('request/invalid', 'Unsupported body encoding'); }
  // Other client errors raised by Express, body-parser or busboy (a malformed %-escape in the path, a body that
  // does not inflate as gzip, a multipart body cut short): the client's fault, so 400, never 500.
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return problem('request/invalid', `Bad request: ${error instanceof Error ? error.message : 'malformed'}`);
  }
  if (error instanceof Error && /^(Unexpected end of form|Malformed part header|Multipart: Boundary not found|Unexpected end of multipart data)/i.test(error.message)) {
    return problem('request/invalid', `Bad multipart upload: ${error.message}; send images in the field "files"`);
  }
  return undefined;
}

/** The one error middleware: known failures become their problem; anything else is a bug, logged with its stack. */
export function errorMiddleware(log: LogFn): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = problemOf(error);
    if (res.headersSent) {
      log('error', `error after the answer started on ${req.method} ${req.path}: ${describe(error)}`);
      res.destroy();
      return;
    }
    if (known) { sendProblem(res, known); return; }
    log('error', `unexpected failure on ${req.method} ${req.path}: ${describe(error)}`);
    sendProblem(res, problem('internal', `Unexpected error on ${req.method} ${req.path}; see the server log`));
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : JSON.stringify(error);
}
