// The order a page of card results is listed in: as they finished (the checkpoint's order), or by card name
// with numbers compared as numbers (card-2 before card-10).

export type CardOrder = 'finished' | 'card';

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** `names` in finish order, as asked for; a new array. */
export function orderCards(names: readonly string[], order: CardOrder = 'finished'): string[] {
  return order === 'card' ? [...names].sort(byName.compare) : [...names];
}
