// The shapes a field's checked values take (`B.51.322.GB.87.` is `X.d.d.X.d.`), learned from them where a few
// shapes cover nearly all: an id or a code, not a name. A value of none of them is a misreading worth another
// reading of its zone (see LearnedLabeller), as is an empty value of a field nearly every checked card has: what
// a hand template's `validate` pattern and `required` do, learned. Pure.

/** A shape must be checked this many times to count: one card's slip is not a shape of the field. */
const minCount = 2;
/** The shapes kept must cover this share of the checked values, else the field has no shape to check. */
const minShare = 0.9;
/** Fewer checked values say too little about the field's shapes. */
const minValues = 5;
/** More shapes than this are a free text, not a code. */
const maxShapes = 4;
/** A field this share of the checked cards has a value for is required: an empty value is a misreading. */
const requiredShare = 0.95;

/** Capitals → X, small letters → x, digits → d, runs collapsed, marks kept, spaces ignored (OCR spaces ids freely). */
export function valueShape(text: string): string {
  let shape = '';
  for (const char of text.replace(/\s+/gu, '')) {
    const c = /\p{Lu}/u.test(char) ? 'X' : /\p{Ll}/u.test(char) ? 'x' : /\p{N}/u.test(char) ? 'd' : char;
    if (!shape.endsWith(c)) { shape += c; }
  }
  return shape;
}

/** Shapes checked at least `minCount` times, most frequent first, when at most `maxShapes` of them cover
 *  `minShare` of the non-empty checked values; else undefined. */
export function learnValueShapes(values: readonly string[]): string[] | undefined {
  const shapes = values.map(v => v.trim()).filter(v => v !== '').map(valueShape);
  if (shapes.length < minValues) { return undefined; }
  const counts = new Map<string, number>();
  for (const shape of shapes) { counts.set(shape, (counts.get(shape) ?? 0) + 1); }
  const kept = [...counts].filter(([, n]) => n >= minCount).sort((a, b) => b[1] - a[1]);
  const covered = kept.reduce((sum, [, n]) => sum + n, 0);
  return kept.length > 0 && kept.length <= maxShapes && covered >= shapes.length * minShare ? kept.map(([shape]) => shape) : undefined;
}

/** Whether nearly every checked card (`requiredShare`, of at least `minValues` cards) has a value for the field. */
export function learnRequired(cardsWithValue: number, cards: number): boolean {
  return cards >= minValues && cardsWithValue >= cards * requiredShare;
}

/** Whether a found value has one of the field's shapes; an empty value has none. */
export function hasShape(text: string | undefined, shapes: readonly string[]): boolean {
  return text !== undefined && text.trim() !== '' && shapes.includes(valueShape(text));
}
