// Turns tesseract's TSV output (levels 1 page … 5 word) into the engine's OcrPage; the only file that knows it.
import { meanConfidence, type OcrLine, type OcrPage, type OcrWord } from '../ocr-page';

const lineLevel = '4';
const wordLevel = '5';

/** Lines in reading order with their words; blank words are dropped. The page text is the lines joined by \n. */
export function tsvToOcrPage(tsv: string, width: number, height: number): OcrPage {
  const lines: OcrLine[] = [];
  let line: OcrLine | undefined;
  const close = (): void => {
    if (line && line.words.length > 0) { lines.push({ ...line, text: line.words.map(w => w.text).join(' ') }); }
    line = undefined;
  };
  for (const row of tsv.split('\n')) {
    // level page block par line word left top width height conf text
    const cells = row.split('\t');
    if (cells.length < 12) { continue; }
    const [level, , , , , , left, top, w, h, conf] = cells;
    const box = { x0: Number(left), y0: Number(top), x1: Number(left) + Number(w), y1: Number(top) + Number(h) };
    if (level === lineLevel) {
      close();
      line = { text: '', words: [], box };
    } else if (level === wordLevel && line) {
      const text = cells.slice(11).join('\t').trim();
      if (text !== '') { line.words.push({ text, confidence: Math.max(0, Number(conf)), box } satisfies OcrWord); }
    } else if (level !== wordLevel) {
      close();
    }
  }
  close();
  return {
    text: lines.map(l => l.text).join('\n'),
    confidence: meanConfidence(lines.flatMap(l => l.words)),
    lines, width, height,
  };
}
