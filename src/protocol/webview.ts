// Messages between the extension host and the dashboard page (postMessage both ways).
import { z } from 'zod';
import { BatchId, Language } from './batch';

/** Host → page: where the server is and how to get in; sent on load and whenever the address changes. */
export const ConnectMessage = z.object({
  type: z.literal('connect'),
  /** The server's http(s) origin as the page can reach it (after asExternalUri). */
  serverUrl: z.string(),
  token: z.string(),
  batchId: BatchId.optional(),
});
export const HostToPage = z.discriminatedUnion('type', [
  ConnectMessage,
  /** `focus`: open review on the batch's needs-review queue, or bring its failed cards into view. */
  z.object({ type: z.literal('showBatch'), batchId: BatchId, focus: z.enum(['review', 'errors']).optional() }),
  /** Open the field editor on a folder, to define fields and start a batch there ("Define fields…"). */
  z.object({ type: z.literal('defineFields'), folder: z.string(), language: Language.optional() }),
  /** The answer to `saveTemplate`: where it was written, or why not. */
  z.object({ type: z.literal('templateSaved'), ok: z.boolean(), message: z.string() }),
]);
export type HostToPage = z.infer<typeof HostToPage>;

/** Page → host. */
export const PageToHost = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('openCard'), batchId: BatchId, card: z.string() }),
  /** The page started a batch through the API; the host remembers its folder for the batches tree. */
  z.object({ type: z.literal('batchStarted'), batchId: BatchId, dir: z.string() }),
  /** Save the fields being authored as `.card-ocr/templates/<id>.json` in the workspace (checked by the host). */
  z.object({ type: z.literal('saveTemplate'), template: z.unknown() }),
]);
export type PageToHost = z.infer<typeof PageToHost>;
