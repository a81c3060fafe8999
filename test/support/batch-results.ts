// The card results a batch folder holds (json/<card>.json), by card name, each checked against the protocol's schema.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CardResult } from '../../src/protocol';

export async function batchResults(dir: string): Promise<Map<string, CardResult>> {
  const out = new Map<string, CardResult>();
  for (const file of await readdir(join(dir, 'json'))) {
    const result = CardResult.parse(JSON.parse(await readFile(join(dir, 'json', file), 'utf8')));
    out.set(result.card, result);
  }
  return out;
}

/** Each value of `fields` on card u<i>.jpg that is not exactly entry i's, described for an assertion message. */
export function missedValues<E, F extends keyof E & string>(found: ReadonlyMap<string, CardResult>, entries: readonly E[], fields: readonly F[]): string[] {
  const misses: string[] = [];
  entries.forEach((entry, i) => {
    for (const field of fields) {
      const value = found.get(`u${i}.jpg`)?.fields[field];
      if (value?.value !== entry[field]) { misses.push(`u${i} ${field}: ${JSON.stringify(value?.value)} for ${JSON.stringify(entry[field])}`); }
    }
  });
  return misses;
}
