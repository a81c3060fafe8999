// JSON that is the same however an object's keys were ordered (keys sorted, undefined values left out): a key for
// settings that are equal whatever order a template or a caller wrote them in. Pure.

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) { return value.map(canonical); }
  if (value === null || typeof value !== 'object') { return value; }
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}
