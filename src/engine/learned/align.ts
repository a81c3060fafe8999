// Finds where each checked value sits among a card's OCR tokens (fuzzy, since OCR slips), so the tokens can be
// labelled for training. A value that is not in the OCR text is reported, never guessed. Pure.
import { distance } from 'fastest-levenshtein';
import type { FieldType } from '../../protocol';
import { toType } from '../fields/field-types';
import type { Token } from './features';

/** A span is taken as the value when its similarity to it reaches this (1 - edits / longer length). */
export const alignThreshold = 0.8;

export interface FieldAlignment {
  field: string;
  /** Token indexes of the value, in reading order; empty when the value was not found. */
  tokens: number[];
  similarity: number;
}

export interface CardAlignment {
  /** One label per token: a field name, or '' for none. */
  labels: string[];
  found: FieldAlignment[];
  /** Fields with a value in the truth that the OCR text does not hold. */
  notFound: string[];
  /** Of those, the closest span (below the threshold, at least `nearMissThreshold`): maybe the value, misread. */
  nearMisses: FieldAlignment[];
}

/** A span this close to a value that was not found may be it, misread: training leaves its label open. */
export const nearMissThreshold = 0.4;

/** What alignment compares: lower-case, without spaces (letter-spaced words match), edge punctuation gone. */
export function comparable(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

function similarity(a: string, b: string): number {
  if (a === b) { return 1; }
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - distance(a, b) / longer;
}

/** The span as typed: pieces of one OCR word joined without a space, words with one. */
function spanText(tokens: readonly Token[], start: number, end: number): string {
  let text = '';
  for (let i = start; i <= end; i++) { text += `${i > start && tokens[i].piece === 0 ? ' ' : ''}${tokens[i].word.text}`; }
  return text;
}

/** The values of one field on one card: a list field (several paragraphs) gives several. */
export interface TruthValue { field: string; value: string; type?: FieldType }

interface Span { start: number; end: number; score: number }

/** The untaken span most like the value (by `comparable` text, typed form, then edge marks), or score 0. */
function bestSpan(tokens: readonly Token[], item: TruthValue, taken: readonly boolean[], hasWord: readonly boolean[]): Span {
  const texts = tokens.map(t => t.word.text);
  const target = comparable(item.value);
  const exact = item.value.toLowerCase().replace(/\s+/g, '');
  let best: Span = { start: -1, end: -1, score: 0 };
  for (let start = 0; start < tokens.length; start++) {
    // A span starts and ends on a word: a stray `|` or `[` beside a value is not part of it.
    if (taken[start] || !hasWord[start]) { continue; }
    let joined = '';
    for (let end = start; end < tokens.length && !taken[end]; end++) {
      joined += texts[end];
      const candidate = comparable(joined);
      if (candidate.length > target.length * 1.6 + 4) { break; }
      let score = similarity(candidate, target);
      if (item.type && item.type !== 'text' && end - start < 6) {
        const typed = toType(spanText(tokens, start, end), item.type);
        if (typed.ok && typed.value === item.value.trim()) { score = Math.max(score, 0.99); }
      }
      // Short values (pages, a format) must match exactly: one slip in two characters is another value.
      if (target.length <= 3 && candidate !== target && score < 0.99) { score = 0; }
      // Edge marks decide between spans that match equally (`8°` over `8`, `Cie.` over `Cie`).
      if (score > 0) { score += 0.01 * similarity(joined.toLowerCase().replace(/\s+/g, ''), exact); }
      // Of equal spans the shorter wins (a tie means the extra tokens added nothing).
      if (score > best.score + 1e-9) { best = { start, end, score }; }
    }
  }
  return best;
}

/** Where a field's value may be searched for, and how close a span must come: fields read from a zone are looked
 *  for among that zone's tokens only. Without a scope, every value is searched for everywhere at `alignThreshold`. */
export interface AlignScope {
  allows(field: string, token: Token): boolean;
  threshold(field: string): number;
}

/** A value at least this long that is typed again, as well, elsewhere on the card is labelled there too. */
const repeatMinLength = 4;

/**
 * Labels the tokens with the truth values. Longer values are placed first (a year inside a shelfmark must not
 * take the imprint's year); a span never takes tokens another value holds. Typed values (year, date, integer)
 * also match a span whose typed form equals them (`6. Aug. 1942` for `1942-08-06`). A value typed twice (a place
 * in the thesis note and in the imprint) is labelled at both, so the model is not taught that one copy is none.
 */
export function alignCard(tokens: readonly Token[], truth: readonly TruthValue[], scope?: AlignScope): CardAlignment {
  const labels = tokens.map(() => '');
  const taken = tokens.map(() => false);
  const hasWord = tokens.map(t => /[\p{L}\p{N}]/u.test(t.word.text));
  const found: FieldAlignment[] = [];
  const notFound = new Set<string>();
  const nearMisses: FieldAlignment[] = [];
  const order = truth.filter(t => t.value.trim() !== '').sort((a, b) => comparable(b.value).length - comparable(a.value).length);
  const take = (field: string, span: Span) => {
    const indexes: number[] = [];
    for (let i = span.start; i <= span.end; i++) { labels[i] = field; taken[i] = true; indexes.push(i); }
    const existing = found.find(f => f.field === field);
    if (existing) { existing.tokens.push(...indexes); existing.tokens.sort((a, b) => a - b); } else { found.push({ field, tokens: indexes, similarity: span.score }); }
  };
  // Tokens out of the field's scope count as taken: no span of its value starts on or runs through them.
  const closed = (field: string) => (scope ? taken.map((isTaken, i) => isTaken || !scope.allows(field, tokens[i])) : taken);
  for (const item of order) {
    if (comparable(item.value) === '') { continue; }
    const best = bestSpan(tokens, item, closed(item.field), hasWord);
    if (best.score < (scope?.threshold(item.field) ?? alignThreshold) + 0.01) {
      notFound.add(item.field);
      if (best.score >= nearMissThreshold) {
        nearMisses.push({ field: item.field, tokens: Array.from({ length: best.end - best.start + 1 }, (_, i) => best.start + i), similarity: best.score });
      }
      continue;
    }
    take(item.field, best);
    if (comparable(item.value).length < repeatMinLength) { continue; }
    for (let again = bestSpan(tokens, item, closed(item.field), hasWord); again.score >= 0.99; again = bestSpan(tokens, item, closed(item.field), hasWord)) {
      take(item.field, again);
    }
  }
  return { labels, found, notFound: [...notFound], nearMisses };
}
