// The OCR oracle of `card-ocr eval --oracle`: is each truth value present in the card's page text with at most
// ~8 % of its characters changed? It answers "is it the OCR or the rules?" without looking at any field. Pure.
import type { Json } from './truth-paths';
import { terminalPaths, valueAt } from './truth-paths';

/** A value is present when an edit distance of at most this share of its length turns it into part of the text. */
export const oracleMaxChangeRatio = 0.08;

/** Page text and values compared alike: NFC, every run of white space one space, trimmed. */
export function oracleText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * The fewest insertions, deletions and substitutions (by code point) that turn `needle` into some substring of
 * `haystack` (Sellers' approximate matching: O(|needle|·|haystack|) time, O(|needle|) memory).
 */
export function substringEditDistance(needle: string, haystack: string): number {
  const pattern = [...needle];
  // column[i]: distance of pattern[0..i) to the best substring ending at the current text position.
  let column = Array.from({ length: pattern.length + 1 }, (_, i) => i);
  let best = column[pattern.length];
  for (const char of haystack) {
    const next = new Array<number>(pattern.length + 1);
    next[0] = 0;
    for (let i = 1; i <= pattern.length; i++) {
      next[i] = Math.min(column[i - 1] + (pattern[i - 1] === char ? 0 : 1), column[i] + 1, next[i - 1] + 1);
    }
    column = next;
    best = Math.min(best, column[pattern.length]);
  }
  return best;
}

/** True when `value` (compared as `oracleText`) is in `text` with at most 8 % of its characters changed. */
export function isInText(value: string, text: string): boolean {
  const needle = oracleText(value);
  if (needle === '') { return true; }
  const allowed = Math.floor([...needle].length * oracleMaxChangeRatio);
  return substringEditDistance(needle, oracleText(text)) <= allowed;
}

export interface OracleKey { path: string; truth: string; found: boolean }
export interface OracleCard { card: string; keys: OracleKey[]; emptyText: boolean }
export interface OracleReport {
  cards: number;
  /** Non-empty truth values over all cards. */
  values: number;
  found: number;
  /** found / values; 0 for no values. */
  recall: number;
  /** Per truth path (array indices as `[]`), in order of first appearance. */
  paths: Array<{ path: string; values: number; found: number; recall: number }>;
  /** Cards whose page text is empty (no letter or digit at all), by name. */
  emptyText: string[];
  /** Truth files with no card result (every value counted as not found). */
  missingResults: string[];
  perCard: OracleCard[];
}

function leafText(value: Json | undefined): string {
  if (value === undefined || value === null || value === 'null' || typeof value === 'object') { return ''; }
  return String(value).trim();
}

/** `information[2].transcription` → `information[].transcription`: one name for every item of a list. */
export function listPath(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

/**
 * One card: every non-empty leaf of the truth, looked for in `text` (undefined: no result, nothing found).
 * `skip` names truth paths (lists as `[]`) whose values are not printed on cards, such as a class label.
 */
export function oracleCard(card: string, truth: Json, text: string | undefined, skip: ReadonlySet<string> = new Set()): OracleCard {
  const keys = terminalPaths(truth).flatMap(path => {
    const value = leafText(valueAt(truth, path));
    return value === '' || skip.has(listPath(path)) ? [] : [{ path, truth: value, found: text !== undefined && isInText(value, text) }];
  });
  return { card, keys, emptyText: text !== undefined && !/[\p{L}\p{N}]/u.test(text) };
}

export function summariseOracle(perCard: OracleCard[], missingResults: string[]): OracleReport {
  const paths = new Map<string, { values: number; found: number }>();
  let values = 0;
  let found = 0;
  for (const key of perCard.flatMap(card => card.keys)) {
    const path = listPath(key.path);
    const tally = paths.get(path) ?? { values: 0, found: 0 };
    paths.set(path, tally);
    tally.values++;
    values++;
    if (key.found) { tally.found++; found++; }
  }
  return {
    cards: perCard.length, values, found, recall: values === 0 ? 0 : found / values,
    paths: [...paths].map(([path, t]) => ({ path, ...t, recall: t.values === 0 ? 0 : t.found / t.values })),
    emptyText: perCard.filter(card => card.emptyText).map(card => card.card),
    missingResults, perCard,
  };
}

const fixed = (n: number) => n.toFixed(4);

/** Per-path table, then `cards=N oracle_recall=0.xxxx values=N found=N empty_text=N`. `details` lists every miss. */
export function formatOracleReport(report: OracleReport, details = false): string {
  const lines: string[] = [];
  if (details) {
    for (const card of report.perCard) {
      const misses = card.keys.filter(key => !key.found);
      if (misses.length === 0 && !card.emptyText) { continue; }
      lines.push(`${card.card}${card.emptyText ? '  (empty page text)' : ''}`);
      for (const key of misses) { lines.push(`  ${key.path}  not in the text: ${JSON.stringify(key.truth)}`); }
    }
    lines.push('');
  }
  const width = Math.max(4, ...report.paths.map(p => p.path.length));
  lines.push(`${'path'.padEnd(width)}  values  found  recall`);
  for (const p of report.paths) {
    lines.push(`${p.path.padEnd(width)}  ${String(p.values).padStart(6)}  ${String(p.found).padStart(5)}  ${fixed(p.recall)}`);
  }
  if (report.emptyText.length > 0) { lines.push(`empty page text on ${report.emptyText.length} card(s): ${report.emptyText.join(', ')}`); }
  if (report.missingResults.length > 0) { lines.push(`no result for ${report.missingResults.length} card(s): ${report.missingResults.join(', ')}`); }
  lines.push(`cards=${report.cards} oracle_recall=${fixed(report.recall)} values=${report.values} found=${report.found} empty_text=${report.emptyText.length}`);
  return lines.join('\n');
}
