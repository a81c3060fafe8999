// Rebuilds the OCR page from a stored card result (its text and words), so fields can be found again, or a
// model trained, without OCR-ing the card again. Pure.
import type { CardResult, CardWord } from '../../protocol';
import type { OcrLine, OcrPage } from '../ocr-page';
import { meanConfidence } from '../ocr-page';
import { boxAround } from '../fields/page-text';

/**
 * The page as OCR read it: `text` gives the lines, `words` (in reading order) their words. Undefined for a
 * result written before words were kept, or whose words do not spell its text.
 */
export function pageFromResult(result: CardResult): OcrPage | undefined {
  return result.words ? pageFromWords(result.text, result.words, result.width, result.height) : undefined;
}

/** A page (or a zone) from its text and its words in reading order; undefined when the words do not spell the text. */
export function pageFromWords(text: string, words: readonly CardWord[], width: number, height: number): OcrPage | undefined {
  const lines: OcrLine[] = [];
  let next = 0;
  for (const line of text.split('\n')) {
    const count = line.split(' ').filter(Boolean).length;
    if (count === 0) { continue; }
    const lineWords = words.slice(next, next + count);
    next += count;
    if (lineWords.length !== count || lineWords.map(w => w.text).join(' ') !== line) { return undefined; }
    const box = boxAround(lineWords.map(w => w.box));
    if (box) { lines.push({ text: line, words: lineWords, box }); }
  }
  if (next !== words.length) { return undefined; }
  return { text, confidence: meanConfidence(words), lines, width, height };
}
