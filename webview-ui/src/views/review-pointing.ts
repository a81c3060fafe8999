// Review's label by pointing, for one card at a time: which words each field was given, the values they spell,
// the bar that says what is selected, and the words still standing behind a value when it is saved.
import type { CardResult } from '../../../src/protocol/index';
import { lineOfWords, wordsText } from '../word-pointer';
import type { CardImageView } from './card-image-view';
import { button, h } from './dom';
import { t } from '../l10n/index';

/** What pointing needs of the review: its value inputs, in the order shown. */
export interface PointingRow { name: string; input: { value: string }; multiline: boolean }

export interface PointingDeps {
  image: CardImageView;
  rows(): readonly PointingRow[];
  /** The field being looked at, which the Assign button and Enter give the words to. */
  selectedField(): string | undefined;
  /** Assigned: the next field is looked at. */
  select(name: string): void;
  showMessage(text: string): void;
}

export class ReviewPointing {
  private readonly info = h('span', { class: 'muted', 'data-testid': 'review-selection' });
  readonly element: HTMLElement;
  private card: CardResult | undefined;
  /** Field → word indexes, given since the card was shown. */
  private pointed = new Map<string, number[]>();
  private lines: number[] = [];

  constructor(private readonly deps: PointingDeps) {
    this.element = h('div', { class: 'review-pointing' }, this.info,
      button(t('review.assign'), () => this.assign(deps.selectedField()), { secondary: true, 'data-testid': 'review-assign' }),
      h('span', { class: 'muted' }, t('review.pointKeys')));
  }

  /** A card is shown: nothing pointed at yet; its words can be selected when it has any. */
  reset(card: CardResult): void {
    this.card = card;
    this.pointed = new Map();
    const words = card.words ?? [];
    this.lines = lineOfWords(card.text, words.length);
    this.deps.image.setPointing(words.length > 0 ? this.lines : undefined, selected => this.describe(selected));
  }

  /** The field looked at changed: its words (pointed now, or saved before) are drawn as its. */
  fieldSelected(name: string | undefined): void {
    this.deps.image.showPointed(name === undefined ? [] : this.pointed.get(name) ?? this.card?.fields[name]?.review?.words ?? []);
    this.describe(this.deps.image.selectedWords);
  }

  private describe(selected: readonly number[]): void {
    const field = this.deps.selectedField() ?? '';
    this.info.textContent = selected.length === 0 ? t('review.noWordsSelected', { field }) : t('review.wordsSelected', { count: selected.length, field });
  }

  /** The selected words become the field's value (reading order); the next field is then the one looked at. */
  assign(name: string | undefined): void {
    const rows = this.deps.rows();
    const index = rows.findIndex(row => row.name === name);
    if (!this.card || index < 0) { this.deps.showMessage(t('review.pickField')); return; }
    const selected = this.deps.image.selectedWords;
    if (selected.length === 0) { this.deps.showMessage(t('review.selectWordsFirst', { field: name! })); return; }
    const row = rows[index];
    row.input.value = this.textOf(row, selected);
    this.pointed.set(row.name, selected);
    this.deps.image.clearSelection();
    this.deps.showMessage(t('review.assigned', { count: selected.length, field: row.name, value: row.input.value }));
    this.deps.select(rows[index + 1]?.name ?? row.name);
  }

  /** The fields whose value still is what their pointed words spell (typed over, the value is the typed one). */
  standing(): Record<string, number[]> {
    const rows = this.deps.rows();
    return Object.fromEntries([...this.pointed].filter(([name, words]) => {
      const row = rows.find(r => r.name === name);
      return row !== undefined && row.input.value === this.textOf(row, words);
    }));
  }

  private textOf(row: PointingRow, words: readonly number[]): string {
    return wordsText(this.card?.words ?? [], this.lines, words, row.multiline ? '\n' : ' ');
  }
}
