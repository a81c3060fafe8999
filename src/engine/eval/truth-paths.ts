// Ground-truth documents: their terminal keys as paths (`company.transcription`, `information[1].transcription`),
// values at a path, and a card's fields laid out in the truth's shape through a field → path map. Pure.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every terminal (non-object, non-array) key, depth first, in document order; an empty array or object has none. */
export function terminalPaths(value: Json, parent = ''): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => terminalPaths(item, `${parent}[${index}]`));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => terminalPaths(item, parent ? `${parent}.${key}` : key));
  }
  return [parent];
}

/** The value at a path; undefined when any step is absent. */
export function valueAt(value: Json | undefined, path: string): Json | undefined {
  let current: Json | undefined = value;
  for (const key of path.replace(/\[/g, '.').replace(/\]/g, '').split('.')) {
    if (Array.isArray(current)) {
      const index = Number(key);
      current = Number.isInteger(index) ? current[index] : undefined;
    } else if (current !== null && typeof current === 'object') {
      current = Object.prototype.hasOwnProperty.call(current, key) ? current[key] : undefined;
    } else {
      return undefined;
    }
    if (current === undefined) { return undefined; }
  }
  return current;
}

function setAt(target: { [key: string]: Json }, keys: string[], value: Json): void {
  let node = target;
  keys.slice(0, -1).forEach(key => {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) { node[key] = {}; }
    node = node[key] as { [key: string]: Json };
  });
  node[keys[keys.length - 1]] = value;
}

/**
 * A card's field values in the truth's shape. The map sends each field to a dotted path; a path with `[]`
 * (`information[].transcription`) is a list: the value is split at blank lines into one item per paragraph,
 * each item built from the rest of the path. An empty list value becomes `""` at the list's own key, as the
 * truth files write an absent list. Fields not in the map go to a top-level key of their own name.
 */
export function layOutFields(values: Record<string, string>, map: Record<string, string>): { [key: string]: Json } {
  const document: { [key: string]: Json } = {};
  for (const [field, value] of Object.entries(values)) {
    const path = (Object.hasOwn(map, field) ? map[field] : field);
    const list = /^(.*?)\[\]\.?(.*)$/.exec(path);
    if (!list) { setAt(document, path.split('.'), value); continue; }
    const [, head, rest] = list;
    const items = value.split(/\n\s*\n/).map(item => item.trim()).filter(item => item !== '');
    if (items.length === 0) { setAt(document, head.split('.'), ''); continue; }
    setAt(document, head.split('.'), items.map(item => {
      if (rest === '') { return item; }
      const entry: { [key: string]: Json } = {};
      setAt(entry, rest.split('.'), item);
      return entry;
    }));
  }
  return document;
}

/**
 * Which field a truth path belongs to: the field mapped to it; for a list path (`information[].transcription`)
 * any item under the list's key, or the key itself (an absent list). Unmapped fields own their own name.
 */
export function fieldOfPath(path: string, map: Record<string, string>, fields: readonly string[]): string | undefined {
  const owner = (mapped: string): boolean => {
    const list = mapped.indexOf('[]');
    if (list < 0) { return path === mapped; }
    const head = mapped.slice(0, list);
    return path === head || path.startsWith(`${head}[`);
  };
  return fields.find(field => owner((Object.hasOwn(map, field) ? map[field] : field)));
}

/**
 * A benchmark's raw truth file keeps the values under `response_text` (an object, or JSON in a string); a
 * plain truth file is the values themselves. Undefined stays undefined (not JSON).
 */
export function benchmarkTruth(json: Json | undefined): Json | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json) || !('response_text' in json)) { return json; }
  const inner = json.response_text;
  if (typeof inner !== 'string') { return inner; }
  try { return JSON.parse(inner) as Json; } catch { return inner; }
}
