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
 * A line's words joined by one space, or by two at a wide gap: wider than 2.2 times the line's narrowest gap
 * and than 1.2 character widths (the median over its words). Letter-spaced typing puts one space between
 * letters and three between words; tesseract often returns `M o o t z   W i l h e l m` as `Moot z Wilhelm`,
 * and only the positions say where the word ends. Evenly spaced text has no wide gaps.
 */
function lineText(line: Line, markWideGaps: boolean): string {
  if (!markWideGaps || line.words.length < 3) { return line.words.map(w => w.text).join(' '); }
  const gaps = line.words.slice(1).map((word, i) => word.box.x0 - line.words[i].box.x1);
  const narrowest = Math.max(1, Math.min(...gaps));
  const characterWidth = median(line.words.map(w => (w.box.x1 - w.box.x0) / Math.max(1, [...w.text].length)));
  const wide = Math.max(2.2 * narrowest, 1.2 * characterWidth);
  return line.words.map((word, i) => (i === 0 ? word.text : `${gaps[i - 1] > wide ? '  ' : ' '}${word.text}`)).join('');
}

/** The words' text line by line (`\n`), with wide gaps inside lines marked by two spaces. No words: ''. */
export function spacedText(words: readonly OcrWord[]): string {
  return groupLines(words).map(line => lineText(line, true)).join('\n');
}

/**
 * Lines joined by `\n`; where the gap between two lines is wider than `paragraphGap` times the usual line
 * height, a blank line (`\n\n`) marks a new paragraph. No words: the empty string. With `markWideGaps`,
 * wide gaps inside a line are two spaces (see `spacedText`).
 */
export function paragraphText(words: readonly OcrWord[], paragraphGap = 0.9, markWideGaps = false): string {
  const lines = groupLines(words);
  if (lines.length === 0) { return ''; }
  const lineHeight = median(lines.map(l => l.bottom - l.top));
  const parts: string[] = [];
  lines.forEach((line, i) => {
    if (i > 0) {
      const gap = line.top - lines[i - 1].bottom;
      parts.push(gap > paragraphGap * lineHeight ? '\n\n' : '\n');
    }
    parts.push(lineText(line, markWideGaps));
  });
  return parts.join('');
}

/** Median width of one character, from each word's box and length. */
function characterWidth(words: readonly OcrWord[]): number {
  return median(words.filter(w => w.text.length > 0).map(w => (w.box.x1 - w.box.x0) / [...w.text].length));
}

/** Letters in a word (trailing dots and commas are narrow and do not count), for its width per letter. */
function letterCount(word: OcrWord): number {
  return Math.max(1, [...word.text.replace(/[.,]/g, '')].length);
}

/**
 * Pieces of one letter-spaced word (`L u z e r n` typed with a space after each letter), which tesseract returns
 * as odd groups (`Lun`, `gano`, or `CA RA CAS`), joined into one word. A piece is spaced when it is one letter or
 * when its box is at least 1.5 character widths per letter; neighbouring spaced pieces, no more than 1.6
 * character widths apart, make one word when it has at least three letters and at least one piece is wider
 * than one letter. Normally typed words are about one width per letter, so they are never joined.
 */
function joinSpacedPieces(words: readonly OcrWord[], width: number): OcrWord[] {
  const spaced = (word: OcrWord): boolean => /^\p{L}[.,]*$/u.test(word.text)
    || (/^\p{L}+[.,]*$/u.test(word.text) && (word.box.x1 - word.box.x0) / letterCount(word) >= 1.4 * width);
  const out: OcrWord[] = [];
  let run: OcrWord[] = [];
  const flush = () => {
    const letters = run.reduce((sum, word) => sum + word.text.replace(/[.,]/g, '').length, 0);
    const closedEarly = run.slice(0, -1).some(word => /[.,]$/.test(word.text));
    if (run.length >= 2 && letters >= 3 && !closedEarly && run.some(word => word.text.replace(/[.,]/g, '').length > 1)) {
      out.push({
        text: run.map(word => word.text).join(''),
        confidence: run.reduce((sum, word) => sum + word.confidence, 0) / run.length,
        box: { x0: run[0].box.x0, y0: Math.min(...run.map(w => w.box.y0)), x1: run[run.length - 1].box.x1, y1: Math.max(...run.map(w => w.box.y1)) },
      });
    } else {
      out.push(...run);
    }
    run = [];
  };
  for (const word of words) {
    const previous = run[run.length - 1];
    if (spaced(word) && (!previous || word.box.x0 - previous.box.x1 <= 1.6 * width)) { run.push(word); continue; }
    flush();
    if (spaced(word)) { run.push(word); } else { out.push(word); }
  }
  flush();
  return out;
}

/**
 * Lines joined by `\n`; inside a line, a gap wider than `columnGap` characters between two words becomes a tab;
 * a line that starts more than `columnGap` characters right of the leftmost line starts with a tab. Typists
 * tabbed to a column (the place after the name), so the tabs tell columns apart where the text does not.
 * Pieces of letter-spaced words are joined first (see joinSpacedPieces), so a spaced place is one word.
 */
export function columnText(words: readonly OcrWord[], columnGap = 2.5): string {
  const lines = groupLines(words);
  if (lines.length === 0) { return ''; }
  const width = characterWidth(words);
  const left = Math.min(...lines.map(l => l.words[0].box.x0));
  return lines.map(line => {
    const lineWords = joinSpacedPieces(line.words, width);
    let text = lineWords[0].box.x0 - left > columnGap * width ? '\t' : '';
    lineWords.forEach((word, i) => {
      if (i > 0) { text += word.box.x0 - lineWords[i - 1].box.x1 > columnGap * width ? '\t' : ' '; }
      text += word.text;
    });
    return text;
  }).join('\n');
}
