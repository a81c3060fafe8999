// Review mode: one batch's needs-review queue, a card at a time: its image with the OCR word boxes and the fields'
// source boxes, beside its values as inputs with confidence and flags. Saving marks the changed values reviewed;
// accepting the card vouches for every value shown. A value can also be given by pointing at its words on the card;
// the words pointed at are saved with it, so training labels exactly them.
import { DisposableStore, toDisposable, type Disposable } from '../../../src/common/lifecycle';
import { assertNever } from '../../../src/common/assert';
import type { CardResult, FieldValue } from '../../../src/protocol/index';
import type { ApiClient } from '../api-client';
import { flagText, formatConfidence } from '../format';
import { fieldDigit, reviewKeyAction, type KeyPress } from '../review-keys';
import { CardImageView } from './card-image-view';
import { button, h } from './dom';
import { ReviewPointing } from './review-pointing';
import { t } from '../l10n/index';

export interface ReviewDeps {
  api: ApiClient;
  batchId: string;
  /** A card was saved: the batch's other views show the new values. */
  onSaved(result: CardResult): void;
  /** Escape or "Leave review": the dashboard goes back to the batch. */
  onLeave(): void;
  /** The card to start on (after a reload), if it is still in the queue; else the first. */
  startAt?: string;
  /** A card is shown: the dashboard remembers it, so a reload comes back to it. */
  onShow?(card: string): void;
}

type ValueInput = HTMLElement & { value: string };
interface FieldRow { name: string; input: ValueInput; multiline: boolean }

/** The queue is read once on entry; past this many cards, review the rest after saving these. */
const maxQueue = 2000;
const pageSize = 500;

export function isReviewed(result: CardResult): boolean {
  return !result.needsReview && Object.values(result.fields).some(field => field.review !== undefined);
}

/**
 * Invariants: 1. the queue is fixed on entry (saved cards stay in it, shown reviewed, so `p` goes back to them);
 * 2. only the latest card's image is shown, however fast the user moves; 3. keys are handled only while open.
 */
export class ReviewView implements Disposable {
  readonly element: HTMLElement;
  private readonly store = new DisposableStore();
  private readonly image = this.store.add(new CardImageView(t('review.imageLabel')));
  private readonly cardName = h('h2', { 'data-testid': 'review-card' }, t('review.loading'));
  private readonly state = h('span', { class: 'status', 'data-testid': 'review-state' });
  private readonly position = h('span', { class: 'muted', 'data-testid': 'review-position' });
  private readonly fieldList = h('div', { class: 'review-fields', 'data-testid': 'review-fields' });
  private readonly message = h('p', { class: 'review-message', role: 'status', 'data-testid': 'review-message' });
  private cards: CardResult[] = [];
  private index = 0;
  private rows: FieldRow[] = [];
  private imageTicket = 0;
  private saving = false;
  /** The field being looked at: pointed words go to it. */
  private selectedField: string | undefined;
  private readonly pointing = new ReviewPointing({
    image: this.image, rows: () => this.rows, selectedField: () => this.selectedField,
    select: name => this.select(name), showMessage: text => this.showMessage(text),
  });

  constructor(private readonly deps: ReviewDeps) {
    this.element = h('section', { class: 'review', tabindex: '-1', 'aria-label': t('review.label'), 'data-testid': 'review' },
      h('div', { class: 'title-row' }, this.cardName, this.state, this.position),
      h('div', { class: 'actions' },
        button(t('review.previous'), () => this.move(-1), { secondary: true, 'data-testid': 'review-previous' }),
        button(t('review.next'), () => this.move(1), { secondary: true, 'data-testid': 'review-next' }),
        button(t('review.save'), () => void this.save(false), { 'data-testid': 'review-save' }),
        button(t('review.accept'), () => void this.save(true), { secondary: true, 'data-testid': 'review-accept' }),
        button(t('review.leave'), () => deps.onLeave(), { secondary: true, 'data-testid': 'review-leave' })),
      h('p', { class: 'muted keys' }, t('review.keys')),
      this.pointing.element,
      h('div', { class: 'review-body' }, this.image.element, this.fieldList),
      this.message);
    const onKey = (event: KeyboardEvent): void => this.onKey(event);
    document.addEventListener('keydown', onKey);
    this.store.add(toDisposable(() => document.removeEventListener('keydown', onKey)));
  }

  /** Reads the queue and shows its first card, or `startAt`. */
  async load(): Promise<void> {
    const cards: CardResult[] = [];
    for (let offset = 0; offset < maxQueue; offset += pageSize) {
      const page = await this.deps.api.listCards(this.deps.batchId, offset, pageSize, true);
      if (!page.ok) { this.cardName.textContent = t('review.label'); this.showMessage(page.error.message); return; }
      cards.push(...page.value.cards);
      if (cards.length >= page.value.total || page.value.cards.length === 0) { break; }
    }
    this.cards = cards;
    if (cards.length === 0) {
      this.cardName.textContent = t('review.label');
      this.showMessage(t('review.noneNeeded'));
      this.image.showMessage(t('review.nothingToShow'));
      return;
    }
    this.show(Math.max(0, cards.findIndex(card => card.card === this.deps.startAt)));
  }

  private get current(): CardResult | undefined { return this.cards[this.index]; }

  private show(index: number): void {
    this.index = index;
    const result = this.current!;
    this.cardName.textContent = result.card;
    this.deps.onShow?.(result.card);
    this.position.textContent = `${index + 1} / ${this.cards.length}`;
    this.renderState(result);
    const first = Object.entries(result.fields).find(([, field]) => field.flags.length > 0)?.[0] ?? Object.keys(result.fields)[0];
    this.renderFields(result);
    this.image.setWords(result.words ?? []);
    this.pointing.reset(result);
    this.select(first);
    void this.loadImage(result.card);
    this.element.focus({ preventScroll: true });
  }

  private async loadImage(card: string): Promise<void> {
    // The previous image stays until this one is decoded: no flicker when moving through the queue.
    const ticket = ++this.imageTicket;
    const blob = await this.deps.api.cardImage(this.deps.batchId, card);
    if (ticket !== this.imageTicket) { return; }   // the user has moved on
    if (!blob.ok) { this.image.showMessage(blob.error.message); return; }
    await this.image.show(blob.value, card);
  }

  private renderState(result: CardResult): void {
    const reviewed = isReviewed(result);
    this.state.textContent = reviewed ? t('review.stateReviewed') : t('review.stateNeedsReview');
    this.state.dataset.status = reviewed ? 'finished' : 'paused';
  }

  private renderFields(result: CardResult): void {
    this.rows = [];
    this.fieldList.replaceChildren(...Object.entries(result.fields).map(([name, field]) => this.renderField(name, field)));
  }

  private renderField(name: string, field: FieldValue): HTMLElement {
    const multiline = field.value.includes('\n');
    const tag = multiline ? 'vscode-textarea' : 'vscode-textfield';
    const input = h(tag as keyof HTMLElementTagNameMap, { 'aria-label': name, 'data-testid': 'review-value', ...(multiline ? { rows: 3, resize: 'vertical' } : {}) }) as unknown as ValueInput;
    input.value = field.value;
    this.rows.push({ name, input, multiline });
    const label = h('label', { class: 'field-name' }, name);
    const row = h('div', { class: 'review-field', 'data-field': name },
      label, input,
      h('span', { class: 'num confidence', title: t('cards.confidence'), 'data-testid': 'review-confidence' }, formatConfidence(field.confidence)),
      h('span', { class: 'flags', 'data-testid': 'review-flags' }, ...field.flags.map(flag => h('span', { class: `flag flag-${flag}` }, flagText(flag)))),
      field.review && h('span', { class: 'reviewed', 'data-testid': 'review-reviewed' },
        field.review.originalValue === field.value ? t('review.stateReviewed') : t('review.reviewedChanged', { original: field.review.originalValue || t('review.nothing') })));
    row.addEventListener('focusin', () => this.select(name));
    row.addEventListener('click', () => this.select(name));
    return row;
  }

  /** Marks a field as the one being looked at: its row and its source box on the image. */
  private select(name: string | undefined): void {
    const result = this.current;
    if (!result) { return; }
    this.selectedField = name;
    for (const row of this.fieldList.children) { row.classList.toggle('selected', (row as HTMLElement).dataset.field === name); }
    this.pointing.fieldSelected(name);
    const boxes = Object.entries(result.fields).flatMap(([field, value]) => (value.box ? [{ name: field, box: value.box }] : []));
    this.image.setFieldBoxes(boxes, name);
  }

  private move(delta: number): void {
    if (this.cards.length === 0) { return; }
    const next = this.index + delta;
    if (next < 0 || next >= this.cards.length) {
      this.showMessage(next < 0 ? t('review.first') : t('review.last'));
      return;
    }
    this.showMessage(undefined);
    this.show(next);
  }

  /**
   * Saves the values the user changed (only those are marked reviewed; untouched fields keep their flags), or with
   * `acceptCard` every field as shown, vouched for; then the next card comes.
   */
  private async save(acceptCard: boolean): Promise<void> {
    const result = this.current;
    if (!result || this.saving) { return; }
    // Pointed words count while the value still is what they spell; typed over, the value is the typed one.
    const pointed = this.pointing.standing();
    const changed = this.rows.filter(row => !Object.hasOwn(result.fields, row.name) || row.input.value !== result.fields[row.name].value
      || Object.hasOwn(pointed, row.name));
    if (!acceptCard && changed.length === 0) {
      // Nothing to save: go on, and say how to vouch for the card instead.
      this.move(1);
      if (this.current === result) { return; }
      this.showMessage(t('review.nothingChanged', { card: result.card }));
      return;
    }
    this.saving = true;
    try {
      const fields = Object.fromEntries(changed.map(row => [row.name, row.input.value]));
      const words = Object.keys(pointed).length > 0 ? { words: pointed } : {};
      const body = acceptCard ? { fields, accept: this.rows.map(row => row.name), ...words } : { fields, ...words };
      const saved = await this.deps.api.reviewCard(this.deps.batchId, result.card, body);
      if (!saved.ok) { this.showMessage(t('review.notSaved', { problem: saved.error.message })); return; }
      if (this.current?.card !== result.card) { return; }
      this.cards[this.index] = saved.value;
      this.deps.onSaved(saved.value);
      const left = this.cards.filter(card => !isReviewed(card)).length;
      if (this.index + 1 < this.cards.length) {
        this.show(this.index + 1);
        this.showMessage(t('review.savedLeft', { card: result.card, left }));
      } else {
        this.show(this.index);
        this.showMessage(left === 0 ? t('review.savedAllDone', { card: result.card }) : t('review.savedLastLeft', { card: result.card, left }));
      }
    } finally {
      this.saving = false;
    }
  }

  private onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented) { return; }
    const path = event.composedPath();
    // Keys typed elsewhere (the field editor below) are not ours; the page itself (body) counts as here.
    if (!path.includes(this.element) && event.target !== document.body) { return; }
    const action = reviewKeyAction({ key: event.key, altKey: event.altKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey, shiftKey: event.shiftKey, target: this.targetOf(path) });
    const digit = fieldDigit({ key: event.key, altKey: event.altKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey, shiftKey: event.shiftKey, target: this.targetOf(path) });
    if (digit !== undefined && this.rows[digit]) { event.preventDefault(); this.select(this.rows[digit].name); this.pointing.assign(this.rows[digit].name); return; }
    if (!action) { return; }
    event.preventDefault();
    switch (action) {
      case 'next': this.move(1); break;
      case 'previous': this.move(-1); break;
      case 'save': void this.save(false); break;
      case 'accept': void this.save(true); break;
      case 'leave': this.deps.onLeave(); break;
      case 'assign': this.pointing.assign(this.selectedField); break;
      case 'words': this.image.focusWords(); break;
      default: assertNever(action);
    }
  }

  private targetOf(path: EventTarget[]): KeyPress['target'] {
    const row = this.rows.find(r => path.includes(r.input));
    if (row) { return row.multiline ? 'multiline-value' : 'value'; }
    if (this.image.isWordsTarget(path)) { return 'words'; }
    const typing = path.some(node => node instanceof HTMLElement
      && (/^(INPUT|TEXTAREA|SELECT|VSCODE-TEXTFIELD|VSCODE-TEXTAREA)$/.test(node.tagName) || node.isContentEditable));
    return typing ? 'text' : 'other';
  }

  private showMessage(text: string | undefined): void { this.message.textContent = text ?? ''; }

  dispose(): void { this.store.dispose(); this.element.remove(); }
}
