// The card overlay's word selection for labelling by pointing: draws the selected words, the keyboard's word
// cursor and the words a field was given; turns clicks, drags and keys into WordPointer moves. Knows no fields.
import type { CardWord, PixelBox } from '../../../src/protocol/index';
import { WordPointer } from '../word-pointer';
import { setBox, svg } from './svg';

/** Two clicks closer than this on one spot are a double click. */
const doubleClickMs = 500;

/** Invariants: 1. drawn only while started (`active`); 2. `onChange` is called after every change of the selection. */
export class WordSelectionView {
  private readonly pointedLayer = svg('g', { class: 'pointed' });
  private readonly selectionLayer = svg('g', { class: 'selection', 'data-testid': 'word-selection' });
  private readonly cursorRect = svg('rect', { class: 'word-cursor', 'data-testid': 'word-cursor' });
  /** What the overlay shows of the selection, bottom to top. */
  readonly layers: SVGElement[] = [this.pointedLayer, this.selectionLayer, this.cursorRect];
  private words: readonly CardWord[] = [];
  private pointer: WordPointer | undefined;
  private onChange: ((selected: number[]) => void) | undefined;
  private lastClick: { at: number; x: number; y: number } | undefined;

  constructor(private readonly minDragPixels: number) { this.cursorRect.setAttribute('visibility', 'hidden'); }

  get active(): boolean { return this.pointer !== undefined; }
  get selected(): number[] { return this.pointer?.selected ?? []; }

  setWords(words: readonly CardWord[]): void { this.words = words; }

  /** Starts selecting among the words (`lines`: each word's line), or with `undefined` stops. */
  start(lines: readonly number[] | undefined, onChange?: (selected: number[]) => void): void {
    this.pointer = lines ? new WordPointer(this.words, lines) : undefined;
    this.onChange = onChange;
    this.pointedLayer.replaceChildren();
    this.render();
  }

  clear(): void { this.pointer?.clear(); this.render(); }

  /** The words a field was given by pointing, drawn as such. */
  showPointed(indexes: readonly number[]): void {
    this.pointedLayer.replaceChildren(...indexes.filter(i => i < this.words.length).map(i => {
      const rect = svg('rect', { class: 'word-pointed', 'data-word': i });
      setBox(rect, this.words[i].box);
      return rect;
    }));
  }

  /** A key on the card; true when it moved the selection (the caller then keeps it from the page). */
  key(event: KeyboardEvent): boolean {
    const pointer = this.pointer;
    if (!pointer || event.ctrlKey || event.metaKey || event.altKey) { return false; }
    let handled = pointer.key(event.key, event.shiftKey);
    // Escape first drops the selection; pressed again it goes on to the review (leave).
    if (!handled && event.key === 'Escape' && pointer.selected.length > 0) { pointer.clear(); handled = true; }
    if (handled) { this.changed(); }
    return handled;
  }

  /** The pointer went up: a short drag from `start` is a click on a word (or, soon again, a line), a longer one a rectangle. */
  up(event: PointerEvent, start: { x: number; y: number }, box: PixelBox): void {
    const pointer = this.pointer;
    if (!pointer) { return; }
    if (box.x1 - box.x0 < this.minDragPixels && box.y1 - box.y0 < this.minDragPixels) {
      // Counted here, since pointerdown's preventDefault (no text selection, no image drag) keeps the browser from
      // sending dblclick.
      const last = this.lastClick;
      const double = last !== undefined && event.timeStamp - last.at < doubleClickMs && Math.hypot(start.x - last.x, start.y - last.y) < this.minDragPixels;
      this.lastClick = double ? undefined : { at: event.timeStamp, x: start.x, y: start.y };
      if (!(double ? pointer.lineAt(start.x, start.y) : pointer.clickAt(start.x, start.y, event.shiftKey))) { return; }
    } else {
      pointer.selectRect(box, event.shiftKey);
    }
    this.changed();
  }

  private changed(): void {
    this.render();
    this.onChange?.(this.selected);
  }

  private render(): void {
    const pointer = this.pointer;
    this.selectionLayer.replaceChildren(...(pointer?.selected ?? []).map(i => {
      const rect = svg('rect', { class: 'word-selected', 'data-word': i });
      setBox(rect, this.words[i].box);
      return rect;
    }));
    const cursor = pointer && pointer.cursor >= 0 ? this.words[pointer.cursor] : undefined;
    this.cursorRect.setAttribute('visibility', cursor ? 'visible' : 'hidden');
    if (cursor) { setBox(this.cursorRect, cursor.box); this.cursorRect.dataset.word = String(pointer!.cursor); }
  }
}
