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
