// Reads the field list a run should use from `--fields`/`--template`: a template JSON file (a Template, or
// `{ "fields": [...] }`, or a bare array of fields). Template ids are resolved by the templates commands' hook.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { withModelPaths } from '../engine/index';
import { FieldSpec, Template, checkFieldList, checkTemplate, describeTemplateFault, type StartTemplate } from '../protocol';
import { UsageError } from './exit-codes';
import { t } from './l10n/index';

/** A field file gives fields only; a template also its id, language, preprocessing and page segmentation. */
export type FieldsArgument = StartTemplate;

/** What a run takes from a template besides its fields. */
export function templateArgument(t: Template): FieldsArgument {
  return { fields: t.fields, id: t.id, ...(t.language ? { language: t.language } : {}), ...(t.preprocess ? { preprocess: t.preprocess } : {}),
    ...(t.pageSegmentation ? { pageSegmentation: t.pageSegmentation } : {}) };
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
    const fault = checkFieldList(json);
    if (fault) { throw new UsageError(t('usage.notFields', { file, issue: describeTemplateFault(fault) })); }
    return { fields: FieldSpec.array().parse(json) };
  }
  if (json && typeof json === 'object' && 'id' in json) {
    const fault = checkTemplate(json);
    if (fault) { throw new UsageError(t('usage.notTemplate', { file, issue: describeTemplateFault(fault) })); }
    // A learned field's model is named relative to the template file.
    return templateArgument(withModelPaths(Template.parse(json), dirname(resolve(file))));
  }
  const list = (json as { fields?: unknown } | null)?.fields;
  const fault = Array.isArray(list) ? checkFieldList(list) : { path: 'fields', key: 'fields', message: t('usage.fieldsNotList') };
  if (fault) { throw new UsageError(t('usage.noFieldsList', { file, issue: describeTemplateFault(fault) })); }
  return { fields: FieldSpec.array().parse(list) };
}
