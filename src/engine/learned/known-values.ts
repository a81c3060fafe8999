// The values a field's checked cards typed more than once (a town, a publisher), learned from them, and a found
// value OCR slipped on snapped to the one it is closest to (`Gendve` → `Genève`, `VEVER` → `VEVEY`): the dictionary
// post-correction of OCR, with the dictionary learned from the collection's own checked cards. Pure.
import { indelSimilarity } from '../eval/indel';

/** A value must be checked on this many cards to be known: one card's value says nothing of the next card's. */
const minCards = 2;
/** How close (as typed) a found value must be to a known one to be taken for a misreading of it. */
const minSimilarity = 0.8;
/** Shorter found values are left alone: one slip in three letters is as likely another word. */
const minLength = 4;
/** Known values must make up this share of the checked values: a closed list (towns of a region), not names or
 *  titles, where a near value (`Walther` beside `Walter`) is as likely another one. */
const minCoverage = 0.3;
/** At most this many are stored. */
const maxKnown = 300;

/** Values checked on at least `minCards` cards, most frequent first; undefined when there are none, or when they
 *  are less than `minCoverage` of the checked values. */
export function learnKnownValues(values: readonly string[]): string[] | undefined {
  const texts = values.map(v => v.trim()).filter(v => v !== '');
  const counts = new Map<string, number>();
  for (const value of texts) { counts.set(value, (counts.get(value) ?? 0) + 1); }
  const repeated = [...counts].filter(([, n]) => n >= minCards).sort((a, b) => b[1] - a[1]);
  const covered = repeated.reduce((sum, [, n]) => sum + n, 0);
  return repeated.length > 0 && covered >= texts.length * minCoverage ? repeated.slice(0, maxKnown).map(([value]) => value) : undefined;
}

/** The known value `text` is a misreading of, else `text` as it is. Compared as typed: the case a card typed a value
 *  in is part of it (`ZUERICH` on one card, `Zürich` on another), so `Zurich` is taken for `Zürich`. */
export function applyKnownValues(text: string, known: readonly string[]): string {
  const found = text.trim();
  if (found.length < minLength || known.includes(found)) { return text; }
  const words = (value: string) => value.split(/\s+/).length;
  const foundWords = words(found);
  let best: { value: string; score: number } | undefined;
  for (const value of known) {
    // A misread letter does not add a word: `Zürich 1` is not a misreading of `Zürich`.
    if (words(value) !== foundWords) { continue; }
    const score = indelSimilarity(found, value);
    if (score >= minSimilarity && (!best || score > best.score)) { best = { value, score }; }
  }
  return best ? best.value : text;
}
