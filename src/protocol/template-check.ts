// Templates fail loudly: a template (or a bare field list) is checked whole before any card is read — schema,
// unknown keys anywhere, `derived.from` naming a field that exists, regexes that compile — and the first fault
// is named by field and key. Pure: knows only zod and the schemas.
import { z } from 'zod';
import { FieldSpec, Template } from './fields';
import { findUnknownKeys } from './unknown-keys';

/** What is wrong and where: `path` from the document's top (`fields.2.find.pattern`); `field` the field's name when
 *  the fault is inside one, `key` the path within it (`find.pattern`). */
export interface TemplateFault { path: string; field?: string; key: string; message: string }

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** `fields.2.find.pattern` in `json` → field "title" (if field 2 has that name), key `find.pattern`. */
function locate(json: unknown, path: ReadonlyArray<PropertyKey>, fieldsAt: number): { path: string; field?: string; key: string } {
  const keys = path.map(String);
  const whole = keys.join('.') || '(top level)';
  const list = fieldsAt === 0 ? json : isRecord(json) && keys[0] === 'fields' ? json.fields : undefined;
  const index = Number(keys[fieldsAt]);
  if (keys.length > fieldsAt + 1 && Array.isArray(list) && Number.isInteger(index)) {
    const name = isRecord(list[index]) && typeof list[index].name === 'string' ? list[index].name : undefined;
    return { path: whole, field: name ?? `#${index + 1}`, key: keys.slice(fieldsAt + 1).join('.') };
  }
  return { path: whole, key: whole };
}

function compiles(source: string, flags = ''): boolean {
  try { new RegExp(source, flags); return true; } catch { return false; }
}

/** Faults the schema cannot see: derived fields naming no field, validation patterns that do not compile. */
function fieldFaults(fields: readonly FieldSpec[], prefix: string): TemplateFault[] {
  const names = new Set(fields.map(field => field.name));
  const faults: TemplateFault[] = [];
  for (const field of fields) {
    if (field.find.by === 'derived' && !names.has(field.find.from)) {
      faults.push({ path: `${prefix}${fields.indexOf(field)}.find.from`, field: field.name, key: 'find.from', message: `names no field of this template ("${field.find.from}"; fields: ${[...names].join(', ')})` });
    }
    if (field.validate?.pattern !== undefined && !compiles(field.validate.pattern, 'u') && !compiles(field.validate.pattern)) {
      faults.push({ path: `${prefix}${fields.indexOf(field)}.validate.pattern`, field: field.name, key: 'validate.pattern', message: 'not a valid regular expression' });
    }
  }
  return faults;
}

function check<T>(schema: z.ZodType<T>, json: unknown, fieldsAt: number, fieldsOf: (value: T) => readonly FieldSpec[]): TemplateFault | undefined {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue) {
      const unknown = issue.code === 'unrecognized_keys' ? `unknown key "${issue.keys.join('", "')}"` : issue.message;
      return { ...locate(json, issue.path, fieldsAt), message: unknown };
    }
    return { path: '(top level)', key: '(top level)', message: 'invalid' };
  }
  const unknown = findUnknownKeys(schema, json)[0];
  if (unknown) {
    const where = locate(json, [...unknown.path, unknown.key], fieldsAt);
    return { ...where, message: 'unknown key (misspelt, or not a template setting)' };
  }
  return fieldFaults(fieldsOf(parsed.data), fieldsAt === 0 ? '' : 'fields.')[0];
}

/** The first fault of a template document, or undefined when it is sound. */
export function checkTemplate(json: unknown): TemplateFault | undefined {
  return check(Template, json, 1, template => template.fields);
}

/** The first fault of a bare field list (a `--fields` array, an API body's `fields`). */
export function checkFieldList(json: unknown): TemplateFault | undefined {
  return check(z.array(FieldSpec), json, 0, fields => fields);
}

/** `fields.2.find.pattern (field "title", key find.pattern): not a valid regular expression`. */
export function describeTemplateFault(fault: TemplateFault): string {
  return fault.field === undefined ? `${fault.path}: ${fault.message}` : `${fault.path} (field "${fault.field}", key ${fault.key}): ${fault.message}`;
}

/** `{ path, field?, key }` for a problem's details. */
export function templateFaultDetails(fault: TemplateFault): Record<string, string> {
  return { field: fault.path, ...(fault.field === undefined ? {} : { fieldName: fault.field, key: fault.key }) };
}
