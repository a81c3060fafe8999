// Converts tesseract.js's recognize() output into the engine's OcrPage; the only file that knows its shape.
import type { OcrLine, OcrPage, OcrWord } from './ocr-page';
import { meanConfidence } from './ocr-page';

/** The output options recognize() needs for `toOcrPage`: word boxes come with blocks. */
export const recognizeOutput = { blocks: true, text: true } as const;

interface TesseractBox { x0: number; y0: number; x1: number; y1: number }
interface TesseractWord { text: string; confidence: number; bbox: TesseractBox }
interface TesseractLine { words?: TesseractWord[]; bbox: TesseractBox }
interface TesseractData { blocks?: Array<{ paragraphs?: Array<{ lines?: TesseractLine[] }> }> | null }

/** Lines in reading order with their words; blank words are dropped. The page text is the lines joined by \n. */
export function toOcrPage(data: TesseractData, width: number, height: number): OcrPage {
  const lines: OcrLine[] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs ?? []) {
      for (const line of paragraph.lines ?? []) {
        const words: OcrWord[] = (line.words ?? [])
          .filter(word => word.text.trim() !== '')
          .map(word => ({ text: word.text.trim(), confidence: word.confidence, box: { ...word.bbox } }));
        if (words.length > 0) { lines.push({ text: words.map(w => w.text).join(' '), words, box: { ...line.bbox } }); }
      }
    }
  }
  return {
    text: lines.map(line => line.text).join('\n'),
    confidence: meanConfidence(lines.flatMap(line => line.words)),
    lines, width, height,
  };
}
