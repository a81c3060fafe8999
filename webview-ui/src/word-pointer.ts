// Label by pointing: which of a card's OCR words are selected, moved by pointer (click, shift-click, drag a
// rectangle, double-click a line) or keyboard (a word cursor). Pure, no DOM, so unit tests cover it directly.
import type { CardWord, PixelBox } from '../../src/protocol/index';

/** Each word's line, from the stored text (one line of `text` per OCR line, its words in order). */
export function lineOfWords(text: string, wordCount: number): number[] {
  const lines: number[] = [];
  text.split('\n').filter(line => line.trim() !== '').forEach((line, index) => {
    for (const _ of line.split(' ').filter(Boolean)) { lines.push(index); }
  });
  // Words that the text does not account for (never expected) each get a line of their own at the end.
  while (lines.length < wordCount) { lines.push((lines.at(-1) ?? -1) + 1); }
  return lines.slice(0, wordCount);
}

/** The value the selected words spell: reading order, one space between words, lines joined by `lineBreak`. */
export function wordsText(words: readonly CardWord[], lines: readonly number[], selected: readonly number[], lineBreak = ' '): string {
  const sorted = [...new Set(selected)].filter(i => i >= 0 && i < words.length).sort((a, b) => a - b);
  let text = '';
  sorted.forEach((index, k) => {
    if (k > 0) { text += lines[index] === lines[sorted[k - 1]] ? ' ' : lineBreak; }
    text += words[index].text;
  });
  return text;
}

/** Pointer moves this many card pixels beyond a word's box still hit it. */
const hitSlackPixels = 6;

/**
 * Invariants: 1. `selected` holds word indexes, sorted, each once; 2. `cursor` is a word index (or -1 with no
 * words); 3. an extension (Shift) selects the reading-order range from `anchor` to the word reached.
 */
export class WordPointer {
  private chosen = new Set<number>();
  private anchor = 0;
  cursor = -1;

  constructor(private readonly words: readonly CardWord[], private readonly lines: readonly number[]) {
    this.cursor = words.length > 0 ? 0 : -1;
  }

  get selected(): number[] { return [...this.chosen].sort((a, b) => a - b); }

  clear(): void { this.chosen.clear(); }

  /** A click: the word under the point alone, or with `extend` the range from the anchor to it. False: no word there. */
  clickAt(x: number, y: number, extend: boolean): boolean {
    const index = this.wordAt(x, y);
    if (index === undefined) { return false; }
    this.reach(index, extend);
    return true;
  }

  /** A double click: every word of the line under the point. */
  lineAt(x: number, y: number): boolean {
    const index = this.wordAt(x, y);
    if (index === undefined) { return false; }
    this.chosen = new Set(this.words.flatMap((_, i) => (this.lines[i] === this.lines[index] ? [i] : [])));
    this.cursor = index;
    return true;
  }

  /** A dragged rectangle: the words whose centre lies in it, instead of the selection or (`add`) besides it. */
  selectRect(box: PixelBox, add: boolean): void {
    const inside = this.words.flatMap((word, i) => {
      const cx = (word.box.x0 + word.box.x1) / 2;
      const cy = (word.box.y0 + word.box.y1) / 2;
      return cx >= box.x0 && cx <= box.x1 && cy >= box.y0 && cy <= box.y1 ? [i] : [];
    });
    if (!add) { this.chosen.clear(); }
    for (const i of inside) { this.chosen.add(i); }
    if (inside.length > 0) { this.cursor = inside.at(-1)!; this.anchor = inside[0]; }
  }

  /**
   * A key on the card: ←/→ the previous / next word, ↑/↓ the nearest word of the line above / below, Home / End
   * the line's first / last word; the word reached is selected alone, or with Shift the range from the anchor.
   * Space adds or removes the cursor's word. Returns false for any other key.
   */
  key(key: string, shift: boolean): boolean {
    if (this.cursor < 0) { return false; }
    if (key === ' ') {
      if (this.chosen.has(this.cursor)) { this.chosen.delete(this.cursor); } else { this.chosen.add(this.cursor); }
      this.anchor = this.cursor;
      return true;
    }
    const target = this.keyTarget(key);
    if (target === undefined) { return false; }
    this.reach(target, shift);
    return true;
  }

  private keyTarget(key: string): number | undefined {
    const last = this.words.length - 1;
    const line = this.lines[this.cursor];
    // Keyed by KeyboardEvent.key; an own-property lookup, so `toString` and the like find nothing.
    const moves: Record<string, () => number> = {
      ArrowRight: () => Math.min(last, this.cursor + 1),
      ArrowLeft: () => Math.max(0, this.cursor - 1),
      Home: () => this.lines.indexOf(line),
      End: () => this.lines.lastIndexOf(line),
      ArrowDown: () => this.nearestOnLine(this.nextLine(line, 1) ?? line),
      ArrowUp: () => this.nearestOnLine(this.nextLine(line, -1) ?? line),
    };
    return Object.hasOwn(moves, key) ? moves[key]() : undefined;
  }

  private nextLine(line: number, step: 1 | -1): number | undefined {
    const others = [...new Set(this.lines)].filter(l => (step > 0 ? l > line : l < line)).sort((a, b) => a - b);
    return step > 0 ? others[0] : others.at(-1);
  }

  /** The word of `line` whose centre is nearest the cursor's, left to right. */
  private nearestOnLine(line: number): number {
    const box = this.words[this.cursor].box;
    const x = (box.x0 + box.x1) / 2;
    let best = this.cursor;
    let bestDistance = Number.POSITIVE_INFINITY;
    this.words.forEach((word, i) => {
      if (this.lines[i] !== line) { return; }
      const d = Math.abs((word.box.x0 + word.box.x1) / 2 - x);
      if (d < bestDistance) { best = i; bestDistance = d; }
    });
    return best;
  }

  private reach(index: number, extend: boolean): void {
    if (extend) {
      const [from, to] = this.anchor <= index ? [this.anchor, index] : [index, this.anchor];
      this.chosen = new Set(Array.from({ length: to - from + 1 }, (_, k) => from + k));
    } else {
      this.chosen = new Set([index]);
      this.anchor = index;
    }
    this.cursor = index;
  }

  /** The word whose box (a little enlarged) holds the point; of several, the smallest. */
  private wordAt(x: number, y: number): number | undefined {
    let best: number | undefined;
    let bestArea = Number.POSITIVE_INFINITY;
    this.words.forEach((word, i) => {
      const b = word.box;
      if (x < b.x0 - hitSlackPixels || x > b.x1 + hitSlackPixels || y < b.y0 - hitSlackPixels || y > b.y1 + hitSlackPixels) { return; }
      const area = (b.x1 - b.x0) * (b.y1 - b.y0);
      if (area < bestArea) { best = i; bestArea = area; }
    });
    return best;
  }
}
