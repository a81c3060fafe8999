// Hand-built OcrPages for finder tests: text lines laid out as monospace words with predictable boxes,
// so a test can say exactly which words, box and confidence a value must come with. No OCR involved.
import type { PixelBox } from '../../src/protocol';
import { meanConfidence, type OcrLine, type OcrPage, type OcrWord } from '../../src/engine/ocr-page';

export interface PageLayout {
  /** Pixels per character, spaces included. @default 10 */
  characterWidth?: number;
  /** Height of a word box. @default 20 */
  wordHeight?: number;
  /** Distance from one line's top to the next line's top. @default 30 */
  lineSpacing?: number;
  /** Left and top margin of the text. @default 10 */
  margin?: number;
  /** Every word's confidence unless named in `confidences`. @default 90 */
  confidence?: number;
  /** Confidence by word text, e.g. `{ 'Zabern,': 40 }` for a word OCR was unsure of. */
  confidences?: Record<string, number>;
  /** @default 1000 */
  width?: number;
  /** @default 600 */
  height?: number;
}

const defaults = { characterWidth: 10, wordHeight: 20, lineSpacing: 30, margin: 10, confidence: 90, width: 1000, height: 600 };

/** The box of a word starting at character `column` of line `row` (both 0-based), as `buildPage` lays it out. */
export function wordBox(row: number, column: number, length: number, layout: PageLayout = {}): PixelBox {
  const l = { ...defaults, ...layout };
  const x0 = l.margin + column * l.characterWidth;
  const y0 = l.margin + row * l.lineSpacing;
  return { x0, y0, x1: x0 + length * l.characterWidth, y1: y0 + l.wordHeight };
}

/**
 * One OcrLine per text line; each run of non-spaces is a word placed at its character column, so extra
 * spaces in the input make wider gaps (`M o o t z   W i l h e l m` keeps its wide gap between the words).
 * Lines that are blank are skipped, as tesseract returns none for them, but they still take vertical space.
 */
export function buildPage(lines: readonly string[], layout: PageLayout = {}): OcrPage {
  const l = { ...defaults, ...layout };
  const ocrLines: OcrLine[] = [];
  lines.forEach((text, row) => {
    const words: OcrWord[] = [...text.matchAll(/\S+/gu)].map(match => ({
      text: match[0],
      confidence: l.confidences?.[match[0]] ?? l.confidence,
      box: wordBox(row, match.index!, [...match[0]].length, layout),
    }));
    if (words.length === 0) { return; }
    const box = { x0: words[0].box.x0, y0: words[0].box.y0, x1: words[words.length - 1].box.x1, y1: words[0].box.y1 };
    ocrLines.push({ text: words.map(w => w.text).join(' '), words, box });
  });
  return {
    text: ocrLines.map(line => line.text).join('\n'),
    confidence: meanConfidence(ocrLines.flatMap(line => line.words)),
    lines: ocrLines, width: l.width, height: l.height,
  };
}

