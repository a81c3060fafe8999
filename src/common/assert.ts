// Invariant checks: a failed assertion is a bug, never an expected failure.

/** Thrown only for bugs; expected failures are `Problem` values. */
export class BugError extends Error {
  override name = 'BugError';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) { throw new BugError(message); }
}

/** Makes a switch exhaustive: a new union member becomes a compile error here. */
export function assertNever(value: never): never {
  throw new BugError(`Unexpected value: ${JSON.stringify(value)}`);
}

/** The message of anything thrown, for logs; never send it across a boundary as the only detail. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : JSON.stringify(error);
}
