// The table of card results, a page at a time from the server ("Showing 1–100 of 150"), filtered (all / needs
// review / failed) and sorted (as finished / by card name). Live results update their row in place or reload
// the page; a failed card's row shows its problem. Low-confidence values and cards to review are marked.
import type { Disposable } from '../../../src/common/lifecycle';
import type { CardResult, FieldValue, Problem } from '../../../src/protocol/index';
import type { ApiClient, CardOrder } from '../api-client';
import { flagText, formatConfidence } from '../format';
import { t } from '../l10n/index';
import { button, h } from './dom';

/** Below this a card's overall confidence is highlighted; fields carry their own `low-confidence` flag. */
const lowCardConfidence = 60;
export const cardsPageSize = 100;
/** Live results reload the page at most this often. */
const reloadDelayMs = 1500;

export type CardFilter = 'all' | 'review' | 'failed';

export interface CardsDeps {
  api: ApiClient;
  batchId: string;
  /** The failed cards, as the batch model has them (the errors list is complete; the server sends it whole). */
  errors(): { card: string; problem: Problem }[];
  /** In VS Code, a card name opens its image; absent in a browser. */
  onOpenCard?: (card: string) => void;
}

/** Invariant: only the latest page load's answer is shown, however fast the user pages or results arrive. */
export class CardsView implements Disposable {
  readonly element: HTMLElement;
  private readonly head = h('thead');
  private readonly body = h('tbody', { 'data-testid': 'card-rows' });
  private readonly count = h('span', { class: 'count', 'data-testid': 'card-count' });
  private readonly range = h('span', { class: 'muted', 'data-testid': 'card-range', 'aria-live': 'polite' });
  private readonly filterSelect = h('select', { class: 'select', 'aria-label': t('cards.filter'), 'data-testid': 'card-filter' });
  private readonly orderSelect = h('select', { class: 'select', 'aria-label': t('cards.order'), 'data-testid': 'card-order' });
  private readonly previous: HTMLElement;
  private readonly next: HTMLElement;
  private readonly rows = new Map<string, HTMLTableRowElement>();
  private fields: string[] = [];
  private offset = 0;
  private total = 0;
  private ticket = 0;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: CardsDeps) {
    for (const [value, key] of [['all', 'cards.filterAll'], ['review', 'cards.filterReview'], ['failed', 'cards.filterFailed']] as const) {
      this.filterSelect.append(h('option', { value }, t(key)));
    }
    for (const [value, key] of [['finished', 'cards.orderFinished'], ['card', 'cards.orderName']] as const) {
      this.orderSelect.append(h('option', { value }, t(key)));
    }
    this.filterSelect.addEventListener('change', () => { this.offset = 0; void this.load(); });
    this.orderSelect.addEventListener('change', () => { this.offset = 0; void this.load(); });
    this.previous = button(t('cards.previousPage'), () => this.page(-1), { secondary: true, 'data-testid': 'cards-previous', disabled: true });
    this.next = button(t('cards.nextPage'), () => this.page(1), { secondary: true, 'data-testid': 'cards-next', disabled: true });
    this.element = h('section', { class: 'cards', 'aria-labelledby': 'cards-heading' },
      h('div', { class: 'title-row' }, h('h3', { id: 'cards-heading' }, `${t('cards.heading')} `, this.count),
        h('div', { class: 'table-tools' }, this.filterSelect, this.orderSelect, this.range, this.previous, this.next)),
      h('div', { class: 'table-scroll' }, h('table', { 'aria-labelledby': 'cards-heading' }, this.head, this.body)));
    this.setFields([]);
  }

  get filter(): CardFilter { return this.filterSelect.value as CardFilter; }
  private get order(): CardOrder { return this.orderSelect.value as CardOrder; }

  /** Shows only the failed cards, needs-review cards or all (after "Show failures", say). */
  setFilter(filter: CardFilter): void { this.filterSelect.value = filter; this.offset = 0; void this.load(); }

  /** Sets the columns; existing rows are rebuilt only when the columns really change. */
  setFields(fields: string[]): void {
    if (fields.length === this.fields.length && fields.every((f, i) => f === this.fields[i]) && this.head.firstChild) { return; }
    this.fields = fields;
    this.head.replaceChildren(h('tr', undefined,
      h('th', { scope: 'col', 'aria-sort': this.order === 'card' ? 'ascending' : undefined }, t('cards.card')),
      ...fields.map(f => h('th', { scope: 'col' }, f)), h('th', { scope: 'col', class: 'num' }, t('cards.confidence'))));
    void this.load();
  }

  /** A result arrived or was saved: its row changes in place if shown; otherwise the page is read again soon. */
  upsert(result: CardResult): void {
    const old = this.rows.get(result.card);
    const belongs = this.filter === 'all' || (this.filter === 'review' && result.needsReview);
    if (old && belongs) { const row = this.renderRow(result); old.replaceWith(row); this.rows.set(result.card, row); return; }
    // In finish order a new result belongs at the end: shown at once when the last page has room for it.
    const onLastPage = this.offset + this.rows.size >= this.total && this.rows.size < cardsPageSize;
    if (!old && belongs && this.order === 'finished' && onLastPage) {
      if (this.rows.size === 0) { this.body.replaceChildren(); }
      const row = this.renderRow(result);
      this.body.append(row);
      this.rows.set(result.card, row);
      this.total += 1;
      this.showRange();
      return;
    }
    this.scheduleReload();
  }

  /** The failed cards changed (a new failure, a retry): the failed view is read again. */
  errorsChanged(): void { if (this.filter === 'failed') { this.scheduleReload(); } else { this.updateCount(); } }

  private page(delta: number): void {
    const offset = this.offset + delta * cardsPageSize;
    if (offset < 0 || offset >= this.total) { return; }
    this.offset = offset;
    void this.load();
  }

  private scheduleReload(): void {
    if (this.reloadTimer !== undefined) { return; }
    this.reloadTimer = setTimeout(() => { this.reloadTimer = undefined; void this.load(); }, reloadDelayMs);
  }

  /** Reads the page on screen from the server (or the errors list, for "failed") and shows it. */
  async load(): Promise<void> {
    const ticket = ++this.ticket;
    if (this.filter === 'failed') {
      const errors = this.deps.errors();
      const sorted = this.order === 'card' ? [...errors].sort((a, b) => a.card.localeCompare(b.card, undefined, { numeric: true })) : errors;
      this.total = sorted.length;
      this.offset = Math.min(this.offset, Math.max(0, this.total - 1) - (Math.max(0, this.total - 1) % cardsPageSize));
      this.showRows(sorted.slice(this.offset, this.offset + cardsPageSize).map(({ card, problem }) => this.renderFailedRow(card, problem)), []);
      return;
    }
    const page = await this.deps.api.listCards(this.deps.batchId, this.offset, cardsPageSize, this.filter === 'review' ? true : undefined, this.order);
    if (ticket !== this.ticket || !page.ok) { return; }
    this.total = page.value.total;
    if (page.value.cards.length === 0 && this.offset > 0 && this.total > 0) { this.offset = 0; void this.load(); return; }
    this.showRows(page.value.cards.map(result => this.renderRow(result)), page.value.cards.map(result => result.card));
  }

  private showRows(rows: HTMLTableRowElement[], cards: string[]): void {
    this.rows.clear();
    cards.forEach((card, index) => this.rows.set(card, rows[index]));
    this.body.replaceChildren(...rows);
    if (rows.length === 0) {
      this.body.append(h('tr', { class: 'empty' }, h('td', { colspan: this.fields.length + 2 }, t('cards.none'))));
    }
    this.showRange();
  }

  private showRange(): void {
    const last = Math.min(this.total, this.offset + this.body.querySelectorAll('tr[data-card]').length);
    this.range.textContent = this.total === 0 ? '' : t('cards.showing', { first: this.offset + 1, last, total: this.total });
    toggle(this.previous, this.offset > 0);
    toggle(this.next, last < this.total);
    this.updateCount();
  }

  private cardName(card: string): Node {
    if (!this.deps.onOpenCard) { return document.createTextNode(card); }
    const open = this.deps.onOpenCard;
    const link = h('button', { class: 'link', type: 'button', title: t('cards.open', { card }) }, card);
    link.addEventListener('click', () => open(card));
    return link;
  }

  private renderRow(result: CardResult): HTMLTableRowElement {
    const lowCard = result.confidence !== null && result.confidence < lowCardConfidence;
    return h('tr', { 'data-card': result.card, class: result.needsReview ? 'needs-review' : undefined },
      // The mark is drawn from data-mark (CSS ::after), so the cell's text stays the card name.
      h('th', { scope: 'row', 'data-mark': result.needsReview ? t('review.stateNeedsReview') : undefined }, this.cardName(result.card)),
      ...this.fields.map(field => fieldCell(Object.hasOwn(result.fields, field) ? result.fields[field] : undefined)),
      h('td', { class: lowCard ? 'num low' : 'num', title: lowCard ? t('cards.lowConfidence') : undefined }, formatConfidence(result.confidence)));
  }

  private renderFailedRow(card: string, problem: Problem): HTMLTableRowElement {
    return h('tr', { 'data-card': card, class: 'failed' },
      h('th', { scope: 'row' }, this.cardName(card)),
      h('td', { colspan: this.fields.length + 1 }, h('code', { class: 'problem-code' }, problem.code), ` ${problem.message}`));
  }

  private updateCount(): void { this.count.textContent = `(${this.total})`; }

  dispose(): void { if (this.reloadTimer !== undefined) { clearTimeout(this.reloadTimer); } }
}

function toggle(element: HTMLElement, enabled: boolean): void {
  if (enabled) { element.removeAttribute('disabled'); } else { element.setAttribute('disabled', ''); }
}

function fieldCell(value: FieldValue | undefined): HTMLTableCellElement {
  if (!value) { return h('td', { class: 'missing', title: t('cards.notFound') }, ''); }
  const flags = value.flags;
  const classes = flags.map(f => `flag-${f}`);
  if (flags.includes('low-confidence')) { classes.push('low'); }
  const title = [t('cards.confidenceOf', { confidence: formatConfidence(value.confidence) }), ...flags.map(flagText)].join(' · ');
  return h('td', { class: classes.join(' ') || undefined, title, 'data-confidence': value.confidence ?? undefined }, value.value);
}
