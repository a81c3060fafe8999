// The CLI's exit codes: scripts tell "bad arguments", "could not run" and "some cards failed" apart.
export const ExitCode = {
  ok: 0,
  /** The batch ran; some cards are in `_errors/`. */
  someCardsFailed: 1,
  badArguments: 2,
  /** The batch could not run at all, e.g. missing language data or an engine that would not start. */
  couldNotRun: 3,
  /** Another process writes the batch folder (its lock names it); nothing was done. */
  batchInUse: 4,
  /** Stopped by Ctrl-C after the cards in flight; `card-ocr resume` continues. */
  interrupted: 130,
} as const;

/** A bad argument found while reading the command line: printed, then exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
