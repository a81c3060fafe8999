// The bench's card set: the generated catalogue cards, repeated with other seeds, written once per run.
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogueCards, writeCard } from '../test/support/make-cards';

/** Writes `count` cards (~976×580 JPEG) into `dir` and returns their paths, sorted. */
export async function writeBenchCards(dir: string, count: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const card = catalogueCards[i % catalogueCards.length];
    await writeCard(join(dir, `bench-${String(i).padStart(4, '0')}.jpg`), { ...card.spec, seed: 1000 + i });
  }
  return (await readdir(dir)).sort().map(name => join(dir, name));
}
