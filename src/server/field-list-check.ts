// A request's field list checked as strictly as a template file (unknown keys, derived fields naming no field,
// regexes), so a misspelt key is a 400 naming the field and the key, never dropped. Knows only the protocol.
import { checkFieldList, describeTemplateFault, type Problem } from '../protocol/index';
import { problem } from './http-errors';

/** The body's `fields` fault as a `template/invalid` problem (400), or undefined when sound or absent. */
export function fieldListProblem(body: unknown): Problem | undefined {
  const fields = body !== null && typeof body === 'object' ? (body as { fields?: unknown }).fields : undefined;
  if (fields === undefined) { return undefined; }
  const fault = checkFieldList(fields);
  return fault ? problem('template/invalid', `Invalid fields: ${describeTemplateFault(fault)}`, { field: `fields.${fault.path}` }) : undefined;
}
