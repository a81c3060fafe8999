// Line-range finder: lines `from`..`to` (1-based, inclusive) of the card text, joined by one space.
import type { RawValue } from '../ocr-page';
import { boxAround } from './page-text';
import type { OcrPage } from '../ocr-page';

export function findByLines(page: OcrPage, from: number, to = from): RawValue | undefined {
  const lines = page.lines.slice(from - 1, Math.max(from, to));
  if (lines.length === 0) { return undefined; }
  const words = lines.flatMap(line => line.words);
  const box = boxAround(lines.map(line => line.box));
  return { text: lines.map(line => line.text).join(' '), words, ...(box ? { box } : {}) };
}
