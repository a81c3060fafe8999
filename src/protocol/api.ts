// REST bodies and answers under /api/v1, and the discovery file; the OpenAPI document is generated from these.
import { z } from 'zod';
import { BatchId, BatchOptions, BatchSummary, CardName, CardResult, Count, ErrorEntry, Language } from './batch';
import { FieldName, FieldSpec, PreprocessOptions } from './fields';
import { Problem } from './problems';

export const UploadId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/);

/** Answer to `POST /upload`: the files kept (safe names) and those refused, with why. */
export const UploadResponse = z.object({
  uploadId: UploadId,
  files: z.array(z.object({ name: CardName, size: Count })),
  rejected: z.array(z.object({ name: z.string(), problem: Problem })),
});
export type UploadResponse = z.infer<typeof UploadResponse>;

/** Body of `POST /batches`: exactly one of `uploadId` or `folder`. */
export const CreateBatchBody = z.object({
  uploadId: UploadId.optional(),
  folder: z.string().min(1).optional(),
  name: z.string().max(200).optional(),
  fields: z.array(FieldSpec).optional(),
  templateId: z.string().optional(),
  language: Language.optional(),
  options: BatchOptions.optional(),
}).strict().refine(b => (b.uploadId === undefined) !== (b.folder === undefined), {
  message: 'give exactly one of uploadId or folder', path: ['uploadId'],
});
export type CreateBatchBody = z.infer<typeof CreateBatchBody>;

export const BatchAnswer = z.object({ batch: BatchSummary, percent: z.number().min(0).max(100) });
export type BatchAnswer = z.infer<typeof BatchAnswer>;

export const BatchList = z.object({ batches: z.array(BatchSummary) });
export type BatchList = z.infer<typeof BatchList>;

export const CardsPage = z.object({ cards: z.array(CardResult), offset: Count, limit: Count, total: Count });
export type CardsPage = z.infer<typeof CardsPage>;

/** Field name → indexes into a card's `words` (the words a reviewer pointed at for that field). */
export const PointedWords = z.record(FieldName, z.array(Count).max(10_000));
export type PointedWords = z.infer<typeof PointedWords>;

/** Body of `POST /batches/{id}/cards/{card}/review`: field name → the value the reviewer settled on.
 *  A field whose value changes is marked reviewed (corrected); one sent unchanged is left alone, flags and all,
 *  unless it is named in `accept` (the reviewer vouched for it as read). Fields not sent are left alone. */
export const ReviewBody = z.object({
  fields: z.record(FieldName, z.string().max(100_000)),
  /** Fields the reviewer explicitly accepts: marked reviewed, their flags cleared. */
  accept: z.array(FieldName).max(1000).optional(),
  /** Who reviewed, stored per field; @default the user the server runs as. */
  reviewer: z.string().min(1).max(200).optional(),
  /** Field name → the words the reviewer pointed at (indexes into the card's `words`); kept with the field's review
   *  so training labels exactly these words. A field given here is marked reviewed even when its value is unchanged. */
  words: PointedWords.optional(),
}).strict();
export type ReviewBody = z.infer<typeof ReviewBody>;

/** Body of `POST /preview`: a field list (the template being authored) read on one card of a batch, nothing written.
 *  `language` and `preprocess` default to the batch's own. */
/** The card read is one of a batch's (`batchId`) or one in a folder inside an allowed root (`folder`): exactly one. */
export const PreviewBody = z.object({
  batchId: BatchId.optional(),
  folder: z.string().min(1).optional(),
  card: CardName,
  fields: z.array(FieldSpec).max(200),
  language: Language.optional(),
  preprocess: PreprocessOptions.optional(),
}).strict().refine(b => new Set(b.fields.map(f => f.name)).size === b.fields.length, { message: 'field names must be unique', path: ['fields'] })
  .refine(b => (b.batchId === undefined) !== (b.folder === undefined), { message: 'give batchId or folder, not both', path: ['batchId'] });
export type PreviewBody = z.infer<typeof PreviewBody>;

/** `GET /folder-cards?folder=`: the card images directly in a folder (sorted, at most 500), for drawing on one. */
export const FolderCards = z.object({ folder: z.string(), cards: z.array(CardName), total: Count });
export type FolderCards = z.infer<typeof FolderCards>;

export const ErrorList = z.object({ errors: z.array(ErrorEntry) });
export type ErrorList = z.infer<typeof ErrorList>;

/** Every error answer, whatever the route. */
export const ErrorBody = z.object({ error: Problem });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Health = z.object({ status: z.literal('ok'), version: z.string() });

/** `server.json` in the data folder (mode 0600), so local tools can find the server, as Jupyter does. */
export const DiscoveryFile = z.object({ url: z.string(), port: z.number().int(), token: z.string(), pid: z.number().int() });
export type DiscoveryFile = z.infer<typeof DiscoveryFile>;


