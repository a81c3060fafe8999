// Small labelled cards for engine tests: few, clean, ~900×550, so real OCR stays cheap and exact.
import { join } from 'node:path';
import type { FieldSpec } from '../../src/protocol';
import { renderCard, writeCard } from './make-cards';

/** Three short, clean cards whose fields the label finder must read exactly. */
export const testCards = [
  { name: 'card-1.jpg', author: 'Smith, John', title: 'A Short History', shelf: 'QA 76.5' },
  { name: 'card-2.jpg', author: 'Miller, Anna', title: 'Rivers of Europe', shelf: 'GB 1201' },
  { name: 'card-3.png', author: 'Brown, Paul', title: 'The Printing Press', shelf: 'Z 124' },
];
export const testFields: FieldSpec[] = [
  { name: 'author', find: { by: 'label', label: 'Author' } },
  { name: 'title', find: { by: 'label', label: 'Title' } },
  { name: 'shelfmark', find: { by: 'label', label: 'Class' } },
];

/** The good scan that replaces a broken card in the retry tests. White paper, as a scanner's white balance gives
 *  it: read raw (the engine default), the same card on the generator's yellow paper reads `R 2` as `RE2`. */
export const fixedCard = { author: 'Fixed, Card', title: 'Second Chance', shelf: 'R 2' };
export function renderFixedCard(): Promise<Buffer> {
  return renderCard({ lines: [`Author: ${fixedCard.author}`, `Title: ${fixedCard.title}`, `Class: ${fixedCard.shelf}`], width: 900, height: 550, paper: 'white' });
}

export async function writeTestCards(dir: string, cards = testCards): Promise<void> {
  for (const card of cards) {
    await writeCard(join(dir, card.name), {
      lines: [`Author: ${card.author}`, `Title: ${card.title}`, `Class: ${card.shelf}`],
      width: 900, height: 550, format: card.name.endsWith('.png') ? 'png' : 'jpg',
    });
  }
}
