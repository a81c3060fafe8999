// Other readings of the whole card as training data: each reading gets a token model of its own, trained on the
// cards as that reading gives them (one model over every reading learned each worse: 0.725 against 0.750 f1_macro
// on the first reading, library cards, split 1). Pure.
import type { TrainingCard } from './train';

/** The other readings' keys the cards hold, in the order first seen. */
export function readingKeys(cards: readonly TrainingCard[]): string[] {
  const keys = new Set<string>();
  for (const card of cards) {
    for (const reading of card.segments?.find(segment => !segment.zone)?.readings ?? []) { keys.add(reading.key); }
  }
  return [...keys];
}

/** The card as reading `key` gives it: that reading as its page, undefined where the card was not read so. Pointed
 *  words index the first reading's words, so they are left out: its checked values are searched for instead. */
export function asReading(card: TrainingCard, key: string): TrainingCard | undefined {
  const segments = card.segments ?? [{ page: card.page }];
  const reading = segments.find(segment => !segment.zone)?.readings?.find(r => r.key === key);
  if (!reading) { return undefined; }
  return {
    card: card.card, truth: card.truth, page: reading.page,
    segments: segments.map(segment => (segment.zone ? segment : { page: reading.page })),
  };
}
