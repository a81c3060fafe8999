// Reads the field list a run should use from `--fields`/`--template`: a template JSON file (a Template, or
// `{ "fields": [...] }`, or a bare array of fields). Template ids are resolved by the templates commands' hook.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { withModelPaths } from '../engine/index';
import { FieldSpec, Template, type FieldSpec as FieldSpecType, type PreprocessOptions } from '../protocol';
import { UsageError } from './exit-codes';

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
    throw new UsageError(code ? `Cannot read the template ${file} (${code})` : `${file} is not valid JSON`);
  }
  if (Array.isArray(json)) {
    const fields = FieldSpec.array().safeParse(json);
    if (!fields.success) { throw new UsageError(`${file} is not a list of fields: ${describeIssue(fields.error)}`); }
    return { fields: fields.data };
  }
  if (json && typeof json === 'object' && 'id' in json) {
    const template = Template.safeParse(json);
    if (!template.success) { throw new UsageError(`${file} is not a valid template: ${describeIssue(template.error)}`); }
    const t = withModelPaths(template.data, dirname(resolve(file)));
    return { fields: t.fields, templateId: t.id, ...(t.language ? { language: t.language } : {}), ...(t.preprocess ? { preprocess: t.preprocess } : {}) };
  }
  const fields = FieldSpec.array().safeParse((json as { fields?: unknown } | null)?.fields);
  if (!fields.success) { throw new UsageError(`${file} has no valid "fields" list: ${describeIssue(fields.error)}`); }
  return { fields: fields.data };
}
