// Writes samples/cards/*.jpg (the bundled sample cards) and their expected values; run: npm run make-samples.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogueCards, writeCard } from '../test/support/make-cards';

async function main(): Promise<void> {
  const dir = join(__dirname, '..', 'samples', 'cards');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const card of catalogueCards) { await writeCard(join(dir, card.name), card.spec); }
  // What a person would transcribe; `card-ocr eval` scores a run against it.
  const truth = join(__dirname, '..', 'samples', 'truth');
  await rm(truth, { recursive: true, force: true });
  await mkdir(truth, { recursive: true });
  for (const card of catalogueCards) {
    await writeFile(join(truth, card.name.replace(/\.[a-z]+$/, '.json')), `${JSON.stringify(card.expected, null, 2)}\n`);
  }
  console.log(`wrote ${catalogueCards.length} cards to ${dir} and their values to ${truth}`);
}

void main();
