// What the checked values make of the marks OCR glued to a value's last word: `8!` was typed `8'`, `8%` was
// `8°`. Learned per field from checked cards as a small map (OCR mark → the value's mark), applied after a
// value is assembled. Pure.
import type { Token } from './features';

/** A piece without a letter or digit: `.`, `-`, `&`, `°`. */
export const isMark = (text: string) => !/[\p{L}\p{N}]/u.test(text);

/** The mark pieces right after token `end` that belong to its OCR word (`8` `!` → `!`). */
export function gluedMarksAfter(tokens: readonly Token[], end: number): string {
  let marks = '';
  for (let t = end + 1; t < tokens.length && tokens[t].piece > 0 && isMark(tokens[t].word.text); t++) { marks += tokens[t].word.text; }
  return marks;
}

/** The trailing non-letter, non-digit run of a checked value (`8°` → `°`). */
export function trailingMarks(value: string): string {
  return /[^\p{L}\p{N}\s]*$/u.exec(value.trim())?.[0] ?? '';
}

/**
 * From (OCR marks, checked marks) pairs, the substitutions most pairs agree on. A mark is mapped only when more
 * checked values kept some mark after it than dropped it, to the mark they kept most (at least twice); an identical mark needs no
 * entry (the labeller keeps it), so only OCR's confusions end up here.
 */
export function learnMarkMap(pairs: ReadonlyArray<{ ocr: string; truth: string }>): Record<string, string> {
  const votes = new Map<string, Map<string, number>>();
  for (const { ocr, truth } of pairs) {
    if (ocr === '') { continue; }
    const counts = votes.get(ocr) ?? new Map<string, number>();
    votes.set(ocr, counts);
    counts.set(truth, (counts.get(truth) ?? 0) + 1);
  }
  const map: Record<string, string> = {};
  for (const [ocr, counts] of votes) {
    const kept = [...counts.entries()].filter(([mark]) => mark !== '');
    const keptCount = kept.reduce((sum, [, n]) => sum + n, 0);
    if (keptCount <= (counts.get('') ?? 0)) { continue; }
    const [mark, n] = kept.reduce((best, entry) => (entry[1] > best[1] ? entry : best));
    // One card is an accident of OCR; two agreeing are a habit of it.
    if (mark !== ocr && n >= 2) { map[ocr] = mark; }
  }
  return map;
}

/** The ends of the contiguous runs in a sorted list of token indexes. */
export function runEnds(indexes: readonly number[]): number[] {
  return indexes.filter((index, i) => indexes[i + 1] !== index + 1);
}
