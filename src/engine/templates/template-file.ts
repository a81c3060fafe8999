// Reads one template JSON file and checks it with the shared Template schema; a bad file is a
// `template/invalid` problem naming the file and the field. Knows nothing of where templates are kept.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { withModelPaths } from '../learned/model-paths';
import { Template, failure, type Outcome } from '../../protocol';

/** `fields.2.find.pattern: not a valid regular expression` — the first issue, with its path. */
export function describeSchemaIssue(error: { issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }> }): { field: string; message: string } {
  const issue = error.issues[0];
  if (!issue) { return { field: '(top level)', message: 'invalid' }; }
  return { field: issue.path.map(String).join('.') || '(top level)', message: issue.message };
}

/** A template from a file; unreadable, not JSON or not a Template → `template/invalid` with `file` (and `field`). */
export async function readTemplateFile(file: string): Promise<Outcome<Template>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    return failure('template/invalid', `Cannot read the template ${file} (${code})`, { file });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return failure('template/invalid', `The template ${file} is not valid JSON`, { file });
  }
  const parsed = Template.safeParse(json);
  if (!parsed.success) {
    const { field, message } = describeSchemaIssue(parsed.error);
    return failure('template/invalid', `The template ${file} is invalid at ${field}: ${message}`, { file, field });
  }
  // A learned field's model is named relative to the template file; a batch needs to find it from anywhere.
  return { ok: true, value: withModelPaths(parsed.data, dirname(file)) };
}
