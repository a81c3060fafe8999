// A card's time limit, for the work that no OCR worker timer can stop: user regexes (which can backtrack for
// minutes), the JavaScript pixel loops of preprocessing, and sharp's decoding. Knows nothing of OCR or batches.
import { Script, createContext } from 'node:vm';

/** The card ran past its limit while `what` was under way. */
export class CardTimeoutError extends Error {
  override name = 'CardTimeoutError';
  constructor(readonly what: string, readonly timeoutMs: number) {
    super(`${what} took longer than the card timeout of ${timeoutMs} ms`);
  }
}

// One context for every guarded call: vm's `timeout` interrupts whatever JavaScript runs during the call,
// irregexp backtracking included, which a timer on the event loop never could.
const guardContext = createContext({});
const guardScript = new Script('__guarded()');

/**
 * Invariants: 1. `runSync` never lets synchronous work run more than the time left (plus the interrupt's latency);
 * 2. once past the deadline, every check throws CardTimeoutError.
 */
export class CardDeadline {
  private readonly endsAt: number;

  constructor(readonly timeoutMs: number, startedAt = Date.now()) { this.endsAt = startedAt + timeoutMs; }

  remainingMs(): number { return this.endsAt - Date.now(); }

  /** Throws CardTimeoutError when the time is up; called between steps. */
  check(what: string): void {
    if (this.remainingMs() <= 0) { throw new CardTimeoutError(what, this.timeoutMs); }
  }

  /** Runs synchronous work, interrupted when it would run past the deadline (a catastrophic regex, say). */
  runSync<T>(what: string, work: () => T): T {
    this.check(what);
    (guardContext as { __guarded?: () => T }).__guarded = work;
    try {
      return guardScript.runInContext(guardContext, { timeout: Math.max(1, Math.ceil(this.remainingMs())) }) as T;
    } catch (error) {
      // The error comes from the guard's realm, so it is no `instanceof Error` here: look at its code.
      if ((error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        throw new CardTimeoutError(what, this.timeoutMs);
      }
      throw error;
    } finally {
      (guardContext as { __guarded?: () => T }).__guarded = undefined;
    }
  }

  /** Waits for async work until the deadline; past it, CardTimeoutError (the work's result is dropped). */
  async race<T>(what: string, work: Promise<T>): Promise<T> {
    this.check(what);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CardTimeoutError(what, this.timeoutMs)), Math.max(1, this.remainingMs()));
    });
    try {
      const value = await Promise.race([work, timedOut]);
      // A synchronous step can finish after the deadline without the timer having had its turn.
      this.check(what);
      return value;
    } finally {
      clearTimeout(timer);
      work.catch(() => undefined);   // a late failure of abandoned work is of no interest
    }
  }
}
