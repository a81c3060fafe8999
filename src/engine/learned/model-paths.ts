// A template's learned fields name their model file relative to the template; batches need it absolute.
import { isAbsolute, resolve } from 'node:path';
import type { FieldSpec, Template } from '../../protocol';

/** Each learned field's model (its own, else the template's) made absolute against the template's folder. */
export function withModelPaths<T extends { fields: FieldSpec[]; model?: string }>(template: T, templateDir: string): T {
  const absolute = (file: string) => (isAbsolute(file) ? file : resolve(templateDir, file));
  const fields = template.fields.map(field => {
    if (field.find.by !== 'learned') { return field; }
    const model = field.find.model ?? template.model;
    return model ? { ...field, find: { ...field.find, model: absolute(model) } } : field;
  });
  return { ...template, fields, ...(template.model ? { model: absolute(template.model) } : {}) };
}

/** The template's own model file, absolute; undefined when it names none. */
export function templateModelPath(template: Pick<Template, 'model'>, templateDir: string): string | undefined {
  return template.model ? (isAbsolute(template.model) ? template.model : resolve(templateDir, template.model)) : undefined;
}
