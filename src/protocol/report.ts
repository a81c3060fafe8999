// The quality report of a batch: `report.json`, written by the engine when a run ends, read by the CLI,
// the server and the dashboard.
import { z } from 'zod';
import { CardName, Count, FieldFlag } from './batch';
import { ProblemCode } from './problems';

/** One field's numbers over the batch's data cards (blank and reference cards have no values to find). */
export const FieldQuality = z.object({
  name: z.string(),
  /** Data cards with a non-empty value. */
  filled: Count,
  /** filled / data cards, 0..1 rounded to 4 places; null when the batch has no data cards. */
  completeness: z.number().min(0).max(1).nullable(),
  missing: Count,
  invalid: Count,
  lowConfidence: Count,
  /** Values a person corrected in review. */
  reviewed: Count,
  /** Mean confidence of the non-empty values that have one; null when none. */
  meanConfidence: z.number().min(0).max(100).nullable(),
});
export type FieldQuality = z.infer<typeof FieldQuality>;

export const QualityReport = z.object({
  version: z.literal(1),
  batchId: z.string().optional(),
  generatedAt: z.string(),
  cards: z.object({
    /** succeeded + failed. */
    total: Count, succeeded: Count, failed: Count, needsReview: Count,
    data: Count, blank: Count, reference: Count,
    /** Cards read whose page text has no letter or digit (after every fallback reading): worth a look. */
    emptyText: Count.optional(),
  }),
  /** Cards read, by their overall confidence in steps of ten: [0, 10), [10, 20) … [90, 100]; cards without words are not counted. */
  confidenceBins: z.array(Count).length(10).optional(),
  /** In the template's order when the batch has a config.json, else by first appearance. */
  fields: z.array(FieldQuality),
  /** Cards with flagged values, by card name: each flagged field with its flags. */
  needsReview: z.array(z.object({ card: CardName, flags: z.record(z.string(), z.array(FieldFlag)) })),
  /** Cards that failed (in `_errors/`), or whose stored result could not be read, by card name. */
  problemCards: z.array(z.object({ card: CardName, code: ProblemCode, message: z.string() })),
});
export type QualityReport = z.infer<typeof QualityReport>;
