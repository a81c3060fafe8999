// A batch's checkpoint as it lies on disk: checkpoint.json (compacted) and the journal lines appended after it.
import { z } from 'zod';
import { CardName } from './batch';
import { ProblemCode } from './problems';

/** `checkpoint.json`: written by the engine only when it compacts (batch open and end), never per card. */
export const Checkpoint = z.object({
  version: z.literal(1),
  /** Bumped on every compaction; journal lines from an older generation are already folded in. */
  generation: z.number().int().nonnegative(),
  done: z.array(CardName),
  failed: z.record(z.string(), ProblemCode),
  /** Cards started but never finished, with how many times that happened (a crash while they ran). */
  unfinished: z.record(z.string(), z.number().int().positive()),
  updatedAt: z.string(),
});
export type Checkpoint = z.infer<typeof Checkpoint>;

/** One line of `checkpoint.journal.jsonl`, appended by the engine as each card starts and ends. */
export const JournalEntry = z.discriminatedUnion('event', [
  z.object({ event: z.literal('generation'), generation: z.number().int().nonnegative() }),
  z.object({ event: z.literal('started'), card: CardName }),
  z.object({ event: z.literal('done'), card: CardName }),
  z.object({ event: z.literal('failed'), card: CardName, code: ProblemCode }),
]);
export type JournalEntry = z.infer<typeof JournalEntry>;
