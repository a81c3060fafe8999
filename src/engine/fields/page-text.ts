// The page's text with a map from character offsets back to OCR words, so any span knows its words.
import type { PixelBox } from '../../protocol';
import type { OcrPage, OcrWord, RawValue } from '../ocr-page';

interface WordSpan { start: number; end: number; word: OcrWord }

/** Text = lines joined by \n, words joined by one space: exactly as `toOcrPage` builds `page.text`. */
export class PageText {
  readonly text: string;
  /** Offset of each line's first character. */
  readonly lineStarts: number[] = [];
  private readonly spans: WordSpan[] = [];

  constructor(readonly page: OcrPage) {
    let offset = 0;
    const parts: string[] = [];
    for (const line of page.lines) {
      this.lineStarts.push(offset);
      line.words.forEach((word, i) => {
        if (i > 0) { offset += 1; }
        this.spans.push({ start: offset, end: offset + word.text.length, word });
        offset += word.text.length;
      });
      parts.push(line.words.map(w => w.text).join(' '));
      offset += 1;
    }
    this.text = parts.join('\n');
  }

  /** The words that overlap [start, end). */
  wordsIn(start: number, end: number): OcrWord[] {
    return this.spans.filter(s => s.start < end && s.end > start).map(s => s.word);
  }

  /** The raw value for a span of the text, trimmed, with its words and their joint box. */
  valueAt(start: number, end: number): RawValue {
    const slice = this.text.slice(start, end);
    const lead = slice.length - slice.trimStart().length;
    const trimmed = slice.trim();
    const words = this.wordsIn(start + lead, start + lead + trimmed.length);
    const box = boxAround(words.map(w => w.box));
    return box ? { text: trimmed, words, box } : { text: trimmed, words };
  }
}

/** The smallest box holding all boxes; undefined for none. */
export function boxAround(boxes: readonly PixelBox[]): PixelBox | undefined {
  if (boxes.length === 0) { return undefined; }
  return {
    x0: Math.min(...boxes.map(b => b.x0)), y0: Math.min(...boxes.map(b => b.y0)),
    x1: Math.max(...boxes.map(b => b.x1)), y1: Math.max(...boxes.map(b => b.y1)),
  };
}
