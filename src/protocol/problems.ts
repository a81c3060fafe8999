// Expected failures as data: one shape for the journal, IPC, REST, WS and the dashboard.
import { z } from 'zod';
import type { Result } from '../common/result';

/** Stable codes: users and scripts match on these, so never rename one. */
export const ProblemCode = z.enum([
  'card/empty', 'card/not-an-image', 'card/truncated', 'card/too-large', 'card/unreadable', 'card/corrupt',
  'card/ocr-failed', 'card/timeout', 'card/killed-engine', 'card/internal',
  'language/missing', 'template/invalid', 'batch/not-found', 'batch/busy', 'batch/invalid',
  'request/invalid', 'request/too-large', 'request/forbidden', 'request/not-found', 'auth/denied', 'engine/unavailable', 'internal',
]);
export type ProblemCode = z.infer<typeof ProblemCode>;

/** An expected failure: written to `_errors/errors.jsonl`, sent over any transport, shown to users. */
export const Problem = z.object({
  code: ProblemCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type Problem = z.infer<typeof Problem>;

export type Outcome<T> = Result<T, Problem>;

/** Builds a failed Outcome carrying a Problem. */
export function failure(code: ProblemCode, message: string, details?: Record<string, unknown>): { ok: false; error: Problem } {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}
