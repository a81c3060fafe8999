// One card image with an SVG overlay in card pixels: the OCR word boxes, the fields' source boxes (one of them
// highlighted), and, when asked, a rectangle the user drags to define a region, or words the user points at
// (word-selection-view.ts draws those). Knows no API and no fields' specs.
import type { Disposable } from '../../../src/common/lifecycle';
import type { CardWord, PixelBox, RelativeRect } from '../../../src/protocol/index';
import { toRelativeRect } from '../finder-text';
import { h } from './dom';
import { setBox, svg } from './svg';
import { WordSelectionView } from './word-selection-view';
import { t } from '../l10n/index';

/** Below this word confidence a word box is drawn as doubtful. */
const lowWordConfidence = 60;
/** A drag smaller than this (card pixels) is a click, not a region. */
const minDragPixels = 4;

export interface FieldBox { name: string; box: PixelBox }

/**
 * Invariants: 1. the overlay's viewBox is the card's pixel size, so every box is drawn in card pixels whatever
 * the displayed size; 2. at most one object URL is alive, revoked when replaced or disposed.
 */
export class CardImageView implements Disposable {
  readonly element: HTMLElement;
  private readonly image = h('img', { alt: '', draggable: 'false', 'data-testid': 'card-image' });
  private readonly overlay = svg('svg', { class: 'overlay', preserveAspectRatio: 'none', 'data-testid': 'card-overlay' });
  private readonly wordLayer = svg('g', { class: 'words' });
  private readonly fieldLayer = svg('g', { class: 'fields' });
  private readonly dragRect = svg('rect', { class: 'drag' });
  private readonly selection = new WordSelectionView(minDragPixels);
  private readonly placeholder = h('p', { class: 'muted image-message', 'data-testid': 'image-message' });
  private url: string | undefined;
  private size = { width: 1, height: 1 };
  private onDraw: ((rect: RelativeRect) => void) | undefined;
  private dragStart: { x: number; y: number } | undefined;
  /** The rectangle the keyboard moves while drawing, in card pixels. */
  private keyBox: PixelBox | undefined;

  constructor(label: string) {
    this.overlay.setAttribute('aria-hidden', 'true');
    this.dragRect.setAttribute('visibility', 'hidden');
    this.overlay.append(this.wordLayer, this.fieldLayer, ...this.selection.layers, this.dragRect);
    // The overlay sits on the image alone (the frame), so its box is exactly the displayed image.
    const frame = h('div', { class: 'frame' }, this.image);
    frame.append(this.overlay);
    this.element = h('figure', { class: 'card-image', 'aria-label': label }, frame, this.placeholder);
    this.overlay.addEventListener('pointerdown', event => this.onPointerDown(event));
    this.overlay.addEventListener('pointermove', event => this.onPointerMove(event));
    this.overlay.addEventListener('pointerup', event => this.onPointerUp(event));
    this.overlay.addEventListener('keydown', event => this.onKey(event));
    this.showMessage(t('image.loading'));
  }

  /** Shows an image; the overlay takes the image's own pixel size (card pixels, EXIF rotation applied). */
  async show(image: Blob, alt: string): Promise<void> {
    this.revoke();
    delete this.element.dataset.shown;
    this.url = URL.createObjectURL(image);
    this.image.alt = alt;
    this.image.src = this.url;
    try {
      await this.image.decode();
    } catch {
      this.showMessage(t('image.cannotDisplay', { card: alt, type: image.type || t('image.unknownType') }));
      return;
    }
    this.size = { width: this.image.naturalWidth, height: this.image.naturalHeight };
    this.overlay.setAttribute('viewBox', `0 0 ${this.size.width} ${this.size.height}`);
    this.showMessage(undefined);
    // Which card is on screen, decoded: what tests and assistive tools can wait for.
    this.element.dataset.shown = alt;
  }

  showMessage(text: string | undefined): void {
    this.placeholder.textContent = text ?? '';
    this.placeholder.hidden = text === undefined;
    this.element.classList.toggle('empty', text !== undefined);
  }

  get cardSize(): { width: number; height: number } { return { ...this.size }; }

  setWords(words: readonly CardWord[]): void {
    this.selection.setWords(words);
    this.wordLayer.replaceChildren(...words.map(word => {
      const rect = svg('rect', { class: word.confidence < lowWordConfidence ? 'word low' : 'word' });
      setBox(rect, word.box);
      const title = svg('title');
      title.textContent = `${word.text} (${Math.round(word.confidence)})`;
      rect.append(title);
      return rect;
    }));
  }

  /** Every field's source box; `selected` is drawn highlighted. */
  setFieldBoxes(boxes: readonly FieldBox[], selected?: string): void {
    this.fieldLayer.replaceChildren(...boxes.map(({ name, box }) => {
      const rect = svg('rect', { class: name === selected ? 'field-box selected' : 'field-box', 'data-field': name });
      setBox(rect, box);
      const title = svg('title');
      title.textContent = name;
      rect.append(title);
      return rect;
    }));
  }

  /**
   * Lets the user select words (`lines`: each word's line): click a word, Shift+click to extend, drag a rectangle
   * (Shift adds), double-click a line; on the focused card the arrow keys move a word cursor and Shift+arrows
   * extend. `onChange` gets the selection (word indexes, sorted) after each change. `undefined` stops it.
   */
  setPointing(lines: readonly number[] | undefined, onChange?: (selected: number[]) => void): void {
    this.selection.start(lines, onChange);
    this.element.classList.toggle('pointing', this.selection.active);
    if (this.selection.active) {
      this.overlay.setAttribute('tabindex', '0');
      this.overlay.setAttribute('role', 'application');
      this.overlay.setAttribute('aria-label', t('image.pointKeys'));
      this.overlay.removeAttribute('aria-hidden');
    } else if (!this.onDraw) {
      this.overlay.removeAttribute('tabindex');
      this.overlay.setAttribute('aria-hidden', 'true');
    }
  }

  /** Whether a key went to the card's words (the overlay, while pointing). */
  isWordsTarget(path: readonly EventTarget[]): boolean { return this.selection.active && path.includes(this.overlay); }

  get selectedWords(): number[] { return this.selection.selected; }

  clearSelection(): void { this.selection.clear(); }

  /** Puts the keyboard on the card's words. */
  focusWords(): void { if (this.selection.active) { this.overlay.focus({ preventScroll: true }); } }

  /** The words a field was given by pointing, drawn as such. */
  showPointed(indexes: readonly number[]): void { this.selection.showPointed(indexes); }

  /** Lets the user drag one rectangle; `onDraw` gets it in relative coordinates. `undefined` stops drawing. */
  setDrawing(onDraw: ((rect: RelativeRect) => void) | undefined): void {
    this.onDraw = onDraw;
    this.element.classList.toggle('drawing', onDraw !== undefined);
    if (!onDraw) {
      this.dragStart = undefined;
      this.keyBox = undefined;
      this.dragRect.setAttribute('visibility', 'hidden');
      this.overlay.removeAttribute('tabindex');
      this.overlay.setAttribute('aria-hidden', 'true');
      return;
    }
    // The keyboard draws too: a rectangle in the middle, moved by the arrow keys, sized with Shift, Enter takes it.
    const { width, height } = this.size;
    this.keyBox = { x0: width * 0.35, y0: height * 0.4, x1: width * 0.65, y1: height * 0.55 };
    setBox(this.dragRect, this.keyBox);
    this.dragRect.setAttribute('visibility', 'visible');
    this.overlay.setAttribute('tabindex', '0');
    this.overlay.setAttribute('role', 'application');
    this.overlay.setAttribute('aria-label', t('image.drawKeys'));
    this.overlay.removeAttribute('aria-hidden');
    this.overlay.focus({ preventScroll: true });
  }

  private onKey(event: KeyboardEvent): void {
    if (!this.onDraw && this.selection.active) {
      if (this.selection.key(event)) { event.preventDefault(); event.stopPropagation(); }
      return;
    }
    const box = this.keyBox;
    if (!this.onDraw || !box) { return; }
    const step = (event.altKey ? 0.002 : 0.01) * Math.max(this.size.width, this.size.height);
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      event.stopPropagation();
      const [dx, dy] = move;
      const clampX = (n: number): number => Math.min(this.size.width, Math.max(0, n));
      const clampY = (n: number): number => Math.min(this.size.height, Math.max(0, n));
      if (event.shiftKey) {   // Shift: the bottom-right corner moves, so the rectangle grows or shrinks
        box.x1 = clampX(Math.max(box.x0 + minDragPixels, box.x1 + dx));
        box.y1 = clampY(Math.max(box.y0 + minDragPixels, box.y1 + dy));
      } else {
        const w = box.x1 - box.x0;
        const hgt = box.y1 - box.y0;
        box.x0 = Math.min(this.size.width - w, Math.max(0, box.x0 + dx));
        box.y0 = Math.min(this.size.height - hgt, Math.max(0, box.y0 + dy));
        box.x1 = box.x0 + w;
        box.y1 = box.y0 + hgt;
      }
      setBox(this.dragRect, box);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      this.onDraw(toRelativeRect(box, this.size.width, this.size.height));
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.setDrawing(undefined);
    }
  }

  private toCard(event: MouseEvent): { x: number; y: number } {
    const bounds = this.overlay.getBoundingClientRect();
    const clamp = (n: number, max: number): number => Math.min(max, Math.max(0, n));
    return {
      x: clamp(((event.clientX - bounds.left) / bounds.width) * this.size.width, this.size.width),
      y: clamp(((event.clientY - bounds.top) / bounds.height) * this.size.height, this.size.height),
    };
  }

  private dragBox(event: PointerEvent): PixelBox {
    const start = this.dragStart!;
    const end = this.toCard(event);
    return { x0: Math.min(start.x, end.x), y0: Math.min(start.y, end.y), x1: Math.max(start.x, end.x), y1: Math.max(start.y, end.y) };
  }

  private onPointerDown(event: PointerEvent): void {
    if ((!this.onDraw && !this.selection.active) || event.button !== 0) { return; }
    if (!this.onDraw) { this.overlay.focus({ preventScroll: true }); }
    event.preventDefault();
    this.overlay.setPointerCapture(event.pointerId);
    this.dragStart = this.toCard(event);
    setBox(this.dragRect, { x0: this.dragStart.x, y0: this.dragStart.y, x1: this.dragStart.x, y1: this.dragStart.y });
    this.dragRect.setAttribute('visibility', 'visible');
  }

  private onPointerMove(event: PointerEvent): void {
    if (this.dragStart) { setBox(this.dragRect, this.dragBox(event)); }
  }

  private onPointerUp(event: PointerEvent): void {
    if (!this.dragStart) { return; }
    const box = this.dragBox(event);
    if (!this.onDraw) {
      // Pointing: the words clicked or dragged across are selected.
      const start = this.dragStart;
      this.dragStart = undefined;
      this.dragRect.setAttribute('visibility', 'hidden');
      this.selection.up(event, start, box);
      return;
    }
    this.dragStart = undefined;
    if (box.x1 - box.x0 < minDragPixels || box.y1 - box.y0 < minDragPixels) { this.dragRect.setAttribute('visibility', 'hidden'); return; }
    setBox(this.dragRect, box);
    this.onDraw(toRelativeRect(box, this.size.width, this.size.height));
  }

  private revoke(): void {
    if (this.url) { URL.revokeObjectURL(this.url); this.url = undefined; }
  }

  dispose(): void { this.revoke(); this.image.removeAttribute('src'); }
}
