// "Learn from checked cards": what the engine answers after training a batch's learned fields from its checked
// cards and re-extracting every card from the stored OCR. Sent engine → server over IPC, server → dashboard as JSON.
import { z } from 'zod';
import { Count } from './batch';

/** A learn request's parameters (engine IPC). */
export const LearnParams = z.object({
  dir: z.string().min(1),
  /** Named in the folder's lock while learning; @default the engine's owner. */
  owner: z.string().max(100).optional(),
});
export type LearnParams = z.infer<typeof LearnParams>;

/** One learned field: what training found, and its completeness (cards with a non-empty value) before and after. */
export const LearnedFieldOutcome = z.object({
  field: z.string(),
  /** Checked cards with a value for the field; of those, the value was found in the OCR text (or pointed at) on `found`. */
  withValue: Count,
  found: Count,
  notFound: Count,
  /** Cards of the batch with a non-empty value before and after re-extraction. */
  before: Count,
  after: Count,
});
export type LearnedFieldOutcome = z.infer<typeof LearnedFieldOutcome>;

/** The answer to a learn request. */
export const LearnReport = z.object({
  /** Where the model was written. */
  model: z.string(),
  /** The template's own model file could not be written (bundled or read-only): the model lies in the batch folder,
   *  and the batch's learned fields now name it. */
  inBatchFolder: z.boolean(),
  /** Checked cards trained on. */
  trainedOn: Count,
  /** Cards re-extracted, and those left as they were (stored without words). */
  cards: Count,
  skipped: Count,
  fields: z.array(LearnedFieldOutcome),
  trainingMs: Count,
  reextractMs: Count,
});
export type LearnReport = z.infer<typeof LearnReport>;
