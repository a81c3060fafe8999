// OCR lines to the words a card result keeps (the page's, a zone's): rounded, since sub-pixel boxes only make the
// JSON longer. Pure.
import type { CardWord } from '../protocol';
import type { OcrLine } from './ocr-page';

/** The lines' words in reading order, boxes rounded to pixels, confidence to a tenth within 0..100. */
export function cardWords(lines: readonly OcrLine[]): CardWord[] {
  return lines.flatMap(line => line.words).map(word => ({
    text: word.text, confidence: Math.min(100, Math.max(0, Math.round(word.confidence * 10) / 10)),
    box: { x0: Math.round(word.box.x0), y0: Math.round(word.box.y0), x1: Math.round(word.box.x1), y1: Math.round(word.box.y1) },
  }));
}
