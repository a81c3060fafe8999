// The field list `learn`, `reextract` and `eval --folds` work with: a template's (--template), else the batch's.
import type { FieldSpec } from '../protocol';
import { UsageError } from './exit-codes';
import { resolveTemplateArgument } from './run-command';
import { readBatchConfig } from '../batch-folder/index';

export async function batchOrTemplateFields(dir: string, template: string | undefined, workspace: string): Promise<FieldSpec[]> {
  if (template) { return (await resolveTemplateArgument(template, workspace)).fields; }
  const config = await readBatchConfig(dir);
  if (!config.ok) { throw new UsageError(config.error.message); }
  return config.value.fields;
}

/** The learned fields, or a usage error saying how to get some. */
export function learnedOnly(fields: readonly FieldSpec[]): FieldSpec[] {
  const learned = fields.filter(field => field.find.by === 'learned');
  if (learned.length === 0) { throw new UsageError('The template has no learned fields (a field with "find": {"by": "learned"}); give one with --template'); }
  return learned;
}
