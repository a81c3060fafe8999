// Keys a value has that its schema does not know, found by walking the zod schema beside the value. Our schemas
// strip unknown keys, so a misspelt template key (`"normalize"`, `"pagesegmentation"`) would be dropped silently;
// templates are checked with this before use. Pure: knows only zod.
import type { z } from 'zod';

/** One unknown key: where it sits (`fields.2.find`) and its name. */
export interface UnknownKey { path: Array<string | number>; key: string }

interface Def { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType;
  options?: z.ZodType[]; discriminator?: string; in?: z.ZodType; valueType?: z.ZodType; catchall?: z.ZodType }

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The object options of a union the value may belong to: by discriminator when there is one, else all. */
function unionMembers(def: Def, value: unknown): z.ZodType[] {
  const options = def.options ?? [];
  if (!def.discriminator || !isRecord(value)) { return options; }
  const tag = value[def.discriminator];
  return options.filter(option => {
    const shape = defOf(option).shape;
    const literal = shape?.[def.discriminator!];
    const values = literal ? (literal as unknown as { _zod: { def: { values?: unknown[] } } })._zod.def.values : undefined;
    return values?.includes(tag) ?? false;
  });
}

/** Every key of `value` its schema would strip, depth first; a union is checked against the member that fits best. */
export function findUnknownKeys(schema: z.ZodType, value: unknown, path: Array<string | number> = []): UnknownKey[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch': case 'nonoptional':
      return value === undefined || value === null ? [] : findUnknownKeys(def.innerType!, value, path);
    case 'pipe': return findUnknownKeys(def.in!, value, path);
    case 'lazy': return findUnknownKeys((schema as unknown as { _zod: { def: { getter: () => z.ZodType } } })._zod.def.getter(), value, path);
    case 'array':
      return Array.isArray(value) ? value.flatMap((item, i) => findUnknownKeys(def.element!, item, [...path, i])) : [];
    case 'record':
      return isRecord(value) ? Object.entries(value).flatMap(([key, item]) => findUnknownKeys(def.valueType!, item, [...path, key])) : [];
    case 'object': {
      if (!isRecord(value)) { return []; }
      const shape = def.shape ?? {};
      const own = def.catchall ? [] : Object.keys(value).filter(key => !(key in shape)).map(key => ({ path, key }));
      return [...own, ...Object.entries(shape).flatMap(([key, child]) => (key in value ? findUnknownKeys(child, value[key], [...path, key]) : []))];
    }
    case 'union': {
      const found = unionMembers(def, value).map(member => findUnknownKeys(member, value, path));
      if (found.length === 0) { return []; }
      return found.reduce((fewest, keys) => (keys.length < fewest.length ? keys : fewest));
    }
    default: return [];
  }
}
