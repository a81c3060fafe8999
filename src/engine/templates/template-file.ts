// Reads one template JSON file and checks it with the shared Template schema; a bad file is a
// `template/invalid` problem naming the file, the field and the key (unknown keys included: see template-check.ts). Knows nothing of where templates are kept.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { withModelPaths } from '../learned/model-paths';
import { Template, checkTemplate, describeTemplateFault, failure, templateFaultDetails, type Outcome } from '../../protocol';

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
  const fault = checkTemplate(json);
  if (fault) { return failure('template/invalid', `The template ${file} is invalid at ${describeTemplateFault(fault)}`, { file, ...templateFaultDetails(fault) }); }
  // A learned field's model is named relative to the template file; a batch needs to find it from anywhere.
  return { ok: true, value: withModelPaths(Template.parse(json), dirname(file)) };
}
