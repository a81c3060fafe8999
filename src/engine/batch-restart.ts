// Telling whether a new run asks for another template than the batch already in its folder (then it is refused
// unless restarted: see batch-archive.ts). Knows nothing of OCR.
import type { BatchConfig, StartBatchParams } from '../protocol';

/** True when `params` names a template or fields (a bare `run` names neither) unlike the batch's own. */
export function asksForAnotherTemplate(config: BatchConfig, params: StartBatchParams): boolean {
  if (params.templateId === undefined && params.fields.length === 0) { return false; }
  return params.templateId !== config.templateId || JSON.stringify(params.fields) !== JSON.stringify(config.fields);
}

/** `template "x"`, or `a list of N fields`, for messages. */
export function describeTemplate(templateId: string | undefined, fields: readonly unknown[]): string {
  return templateId === undefined ? `a list of ${fields.length} field(s)` : `template "${templateId}"`;
}
