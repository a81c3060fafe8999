// Training labels from the words a reviewer pointed at: those tokens are the field's, exactly; the card's other
// checked values are still found by fuzzy alignment, among the tokens nobody pointed at. Pure.
import type { OcrPage, OcrWord } from '../ocr-page';
import { alignCard, type AlignScope, type CardAlignment, type TruthValue } from './align';
import { readingLines, type Token } from './features';

/** One field's pointed words: indexes into the card result's `words` (the page's words in stored order). */
export interface PointedField { field: string; words: readonly number[] }

/** Each token's index into the page's words, through the OCR word it was cut from. */
function tokenWordIndexes(page: OcrPage, tokens: readonly Token[]): number[] {
  const indexOf = new Map<OcrWord, number>();
  let next = 0;
  for (const line of page.lines) { for (const word of line.words) { indexOf.set(word, next++); } }
  const lines = readingLines(page);
  // Pointed words are the page's: a zone's tokens are never among them.
  return tokens.map(token => (token.zone === undefined ? indexOf.get(lines[token.line]?.words[token.indexInLine]) ?? -1 : -1));
}

/**
 * Like alignCard, but a field with pointed words takes exactly their tokens (similarity 1); its checked value is
 * not searched for. Pointed tokens are hidden from the search for the other values, so no value takes them.
 */
export function alignPointed(page: OcrPage, tokens: readonly Token[], truth: readonly TruthValue[], pointed: readonly PointedField[] = [], scope?: AlignScope): CardAlignment {
  const usable = pointed.filter(p => p.words.length > 0);
  if (usable.length === 0) { return alignCard(tokens, truth, scope); }
  const wordIndexes = tokenWordIndexes(page, tokens);
  const fieldOfWord = new Map<number, string>();
  for (const p of usable) { for (const w of p.words) { fieldOfWord.set(w, p.field); } }
  const pointedFields = new Set(usable.map(p => p.field));
  const pointedLabel = wordIndexes.map(w => fieldOfWord.get(w) ?? '');
  // A NUL matches no letter of any value, so the fuzzy search neither starts on nor runs through a pointed token.
  const hidden = tokens.map((token, i) => (pointedLabel[i] ? { ...token, word: { ...token.word, text: '\u0000' } } : token));
  const rest = alignCard(hidden, truth.filter(t => !pointedFields.has(t.field)), scope);
  const labels = rest.labels.map((label, i) => pointedLabel[i] || label);
  const found = rest.found.map(f => ({ ...f, tokens: f.tokens.filter(i => !pointedLabel[i]) })).filter(f => f.tokens.length > 0);
  for (const field of pointedFields) {
    const indexes = pointedLabel.flatMap((label, i) => (label === field ? [i] : []));
    if (indexes.length > 0) { found.push({ field, tokens: indexes, similarity: 1 }); }
  }
  return { labels, found, notFound: rest.notFound, nearMisses: rest.nearMisses };
}
