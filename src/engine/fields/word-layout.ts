// Rebuilds a value's text from where its OCR words sit: lines by vertical overlap, paragraphs by wider gaps.
// For multi-entry fields (notes, histories) whose entries are separated by blank space on the card.
import type { OcrWord } from '../ocr-page';

interface Line { words: OcrWord[]; top: number; bottom: number }

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)];
}

/** Words that overlap vertically by more than half the smaller height share a line, left to right. */
function groupLines(words: readonly OcrWord[]): Line[] {
  const lines: Line[] = [];
  const byTop = [...words].sort((a, b) => (a.box.y0 + a.box.y1) - (b.box.y0 + b.box.y1));
  for (const word of byTop) {
    const height = word.box.y1 - word.box.y0;
    const line = lines.find(l => {
      const overlap = Math.min(l.bottom, word.box.y1) - Math.max(l.top, word.box.y0);
      return overlap > 0.5 * Math.min(height, l.bottom - l.top);
    });
    if (line) {
      line.words.push(word);
      line.top = Math.min(line.top, word.box.y0);
      line.bottom = Math.max(line.bottom, word.box.y1);
    } else {
      lines.push({ words: [word], top: word.box.y0, bottom: word.box.y1 });
    }
  }
  lines.sort((a, b) => a.top - b.top);
  for (const line of lines) { line.words.sort((a, b) => a.box.x0 - b.box.x0); }
  return lines;
}

/**
 * Lines joined by `\n`; where the gap between two lines is wider than `paragraphGap` times the usual line
 * height, a blank line (`\n\n`) marks a new paragraph. No words: the empty string.
 */
export function paragraphText(words: readonly OcrWord[], paragraphGap = 0.9): string {
  const lines = groupLines(words);
  if (lines.length === 0) { return ''; }
  const lineHeight = median(lines.map(l => l.bottom - l.top));
  const parts: string[] = [];
  lines.forEach((line, i) => {
    if (i > 0) {
      const gap = line.top - lines[i - 1].bottom;
      parts.push(gap > paragraphGap * lineHeight ? '\n\n' : '\n');
    }
    parts.push(line.words.map(w => w.text).join(' '));
  });
  return parts.join('');
}
