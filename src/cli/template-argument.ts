// Reads the field list a run should use from `--fields`/`--template`: a template JSON file (a Template, or
// `{ "fields": [...] }`, or a bare array of fields). Template ids are resolved by the templates commands' hook.
import { readFile } from 'node:fs/promises';
import { FieldSpec, Template, type FieldSpec as FieldSpecType, type PreprocessOptions } from '../protocol';
import { UsageError } from './exit-codes';
import { t } from './l10n/index';

export interface FieldsArgument {
  fields: FieldSpecType[];
  templateId?: string;
  language?: string;
  preprocess?: PreprocessOptions;
}

function describeIssue(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}` : 'invalid';
}

/** Throws UsageError (exit 2) for a missing or invalid file, naming the bad field. */
export async function readFieldsArgument(file: string): Promise<FieldsArgument> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code ? t('usage.cannotReadTemplate', { file, code }) : t('usage.notJson', { file }));
  }
  if (Array.isArray(json)) {
    const fields = FieldSpec.array().safeParse(json);
    if (!fields.success) { throw new UsageError(t('usage.notFields', { file, issue: describeIssue(fields.error) })); }
    return { fields: fields.data };
  }
  if (json && typeof json === 'object' && 'id' in json) {
    const template = Template.safeParse(json);
    if (!template.success) { throw new UsageError(t('usage.notTemplate', { file, issue: describeIssue(template.error) })); }
    const found = template.data;
    return { fields: found.fields, templateId: found.id, ...(found.language ? { language: found.language } : {}), ...(found.preprocess ? { preprocess: found.preprocess } : {}) };
  }
  const fields = FieldSpec.array().safeParse((json as { fields?: unknown } | null)?.fields);
  if (!fields.success) { throw new UsageError(t('usage.noFieldsList', { file, issue: describeIssue(fields.error) })); }
  return { fields: fields.data };
}
