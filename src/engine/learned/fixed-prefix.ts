// The fixed part a field's checked values start with (an id's series `B.51.322.GB.`, a shelfmark's `Diss.`), learned
// from the checked values, and put right where OCR slipped on it (`3,51.322.6B.87.` → `B.51.322.GB.87.`): what a hand
// template does with a replace rule per misreading, learned instead of written. Pure.
import { indelSimilarity } from '../eval/indel';

/** Share of a field's checked values that must start with the same text for it to be the field's fixed part. */
const minShare = 0.8;
/** A fixed part shorter than this says too little to put anything right. */
const minLength = 3;
/** How close the start of a value must be to the fixed part to be taken for a misreading of it. */
const minSimilarity = 0.6;
/** What each mark more or fewer than the fixed part's costs a candidate start. */
const markPenalty = 0.05;

/** The longest start shared by most values, cut back to its last mark (so a shared first digit of the variable part
 *  is not taken into it); undefined when the values share none. */
export function learnFixedPrefix(values: readonly string[]): string | undefined {
  const texts = values.map(v => v.trim()).filter(v => v !== '');
  if (texts.length < 5) { return undefined; }
  const need = Math.ceil(texts.length * minShare);
  let prefix = '';
  for (let length = 1; ; length++) {
    const counts = new Map<string, number>();
    for (const text of texts) { if (text.length >= length) { const start = text.slice(0, length); counts.set(start, (counts.get(start) ?? 0) + 1); } }
    const top = [...counts].find(([, count]) => count >= need);
    if (!top) { break; }
    prefix = top[0];
  }
  const cut = prefix.replace(/[\p{L}\p{N}]+$/u, '');
  return cut.length >= minLength ? cut : undefined;
}

const separators = (text: string) => [...text].filter(c => !/[\p{L}\p{N}]/u.test(c)).length;

/** The value with its start read as the fixed part where it is a misreading of it; else as it was. The start is cut
 *  after a mark; each mark more or fewer than the fixed part has costs a little (`B.51.322.93.` is `B.51.322.GB.`
 *  misread, not `B.51.322.` followed by `93.`). */
export function applyFixedPrefix(text: string, prefix: string): string {
  if (text.startsWith(prefix)) { return text; }
  const marks = separators(prefix);
  let best = { cut: 0, score: -Infinity };
  const longest = Math.min(text.length, Math.ceil(prefix.length * 1.5));
  for (let cut = 1; cut <= longest; cut++) {
    if (/[\p{L}\p{N}]/u.test(text[cut - 1])) { continue; }
    const start = text.slice(0, cut);
    const similarity = indelSimilarity(start, prefix);
    if (similarity < minSimilarity) { continue; }
    const score = similarity - markPenalty * Math.abs(separators(start.trimEnd()) - marks);
    if (score > best.score) { best = { cut, score }; }
  }
  return best.cut > 0 ? prefix + text.slice(best.cut).trimStart() : text;
}
