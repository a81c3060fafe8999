// Tells data cards from blank cards and reference cards ("s. Mootz, Willy"), so neither is forced into fields.
// Looks only at the OCR'd page; knows nothing of templates, files or batches.
import type { CardResult } from '../protocol';
import type { OcrPage } from './ocr-page';

export type CardKind = NonNullable<CardResult['kind']>;

/** Words below this confidence on a card with almost nothing on it are specks, rules and paper grain. */
const minWordConfidence = 50;
/** Fewer letters and digits than this (in confident words) is a blank card. */
const minCharacters = 4;
/** A reference card is short: a heading and a pointer, maybe a second pointer. */
const maxReferenceLines = 4;
const maxReferenceWords = 24;

/**
 * `s. Mootz`, `siehe Mootz`, `see Mootz`, `see also …`, `vgl. …`, `→ Mootz`: a pointer to another entry,
 * at the start of a line or after the heading on the same line (`Moser, Hans s. Moser, Johann`).
 */
// OCR reads a typed `s.` as `5.`, `8.`, `S.` or `Ss.` at times: those count too (a short card only, and a capital must follow).
const pointer = /(?:^|\s)(?:[sS58]\.|Ss\.|siehe(?:\s+auch)?|see(?:\s+also)?|vgl\.|→)\s*\p{Lu}/mu;

/** Letters and digits in the page's words read with confidence ≥ 50: what is left once specks and grain go. */
export function countCharacters(page: OcrPage): number {
  let count = 0;
  for (const line of page.lines) {
    for (const word of line.words) {
      if (word.confidence >= minWordConfidence) { count += (word.text.match(/[\p{L}\p{N}]/gu) ?? []).length; }
    }
  }
  return count;
}

/**
 * `blank`: fewer than 4 letters or digits in words read with confidence ≥ 50; `reference`: at most 4 lines
 * and 24 words with a pointer (`s.` or its misreadings `5.` `8.` `S.` `Ss.`, `siehe`, `see`, `vgl.`, `→`) followed by a capitalised entry; else `data`.
 * Long cards are always data: a "see also" note at the foot of a full entry does not make it a reference.
 */
export function classifyCard(page: OcrPage): CardKind {
  if (countCharacters(page) < minCharacters) { return 'blank'; }
  const lines = page.text.split('\n').filter(line => line.trim() !== '');
  const words = lines.join(' ').split(/\s+/).filter(Boolean).length;
  if (lines.length <= maxReferenceLines && words <= maxReferenceWords && pointer.test(page.text)) { return 'reference'; }
  return 'data';
}
