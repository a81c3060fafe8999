// Card-level attributes for class fields (a value chosen from a few, e.g. a card type, not typed on the card):
// the card's words as a bag, its line count and its first line's cues. Pure.
import type { OcrPage } from '../ocr-page';

function core(text: string): string {
  return text.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

export function cardAttributes(page: OcrPage): string[] {
  const names = new Set<string>(['bias', `lines=${Math.min(page.lines.length, 12)}`]);
  const words = page.lines.flatMap(line => line.words);
  names.add(`words=${Math.min(Math.floor(words.length / 5), 12)}`);
  for (const word of words) {
    names.add(`w=${core(word.text)}`);
    names.add(`raw=${word.text.toLowerCase()}`);
  }
  page.lines.forEach((line, i) => {
    if (i < 3) { line.words.slice(0, 3).forEach((word, j) => names.add(`l${i}w${j}=${core(word.text)}`)); }
  });
  return [...names];
}
