// The live table of card results: file, each field, confidence; low-confidence values highlighted.
// Rows are keyed by card name, so a result that arrives twice (re-attach) replaces its row.
import type { CardResult, FieldValue } from '../../../src/protocol/index';
import { flagText, formatConfidence } from '../format';
import { h } from './dom';
import { t } from '../l10n/index';

/** Below this a card's overall confidence is highlighted; fields carry their own `low-confidence` flag. */
const lowCardConfidence = 60;

export class CardsView {
  readonly element: HTMLElement;
  private readonly head = h('thead');
  private readonly body = h('tbody', { 'data-testid': 'card-rows' });
  private readonly count = h('span', { class: 'count', 'data-testid': 'card-count' });
  private readonly rows = new Map<string, HTMLTableRowElement>();
  private fields: string[] = [];

  constructor(private readonly onOpenCard?: (card: string) => void) {
    this.element = h('section', { class: 'cards', 'aria-labelledby': 'cards-heading' },
      h('h3', { id: 'cards-heading' }, `${t('cards.heading')} `, this.count),
      h('div', { class: 'table-scroll' }, h('table', { 'aria-labelledby': 'cards-heading' }, this.head, this.body)));
    this.setFields([]);
  }

  /** Sets the columns; existing rows are rebuilt only when the columns really change. */
  setFields(fields: string[]): void {
    if (fields.length === this.fields.length && fields.every((f, i) => f === this.fields[i]) && this.head.firstChild) { return; }
    this.fields = fields;
    this.head.replaceChildren(h('tr', undefined, h('th', { scope: 'col' }, t('cards.card')),
      ...fields.map(f => h('th', { scope: 'col' }, f)), h('th', { scope: 'col', class: 'num' }, t('cards.confidence'))));
  }

  clear(): void { this.rows.clear(); this.body.replaceChildren(); this.updateCount(); }

  upsert(result: CardResult): void {
    const row = this.renderRow(result);
    const old = this.rows.get(result.card);
    if (old) { old.replaceWith(row); } else { this.body.prepend(row); }   // newest on top
    this.rows.set(result.card, row);
    this.updateCount();
  }

  private renderRow(result: CardResult): HTMLTableRowElement {
    const name: Node = this.onOpenCard
      ? h('button', { class: 'link', type: 'button', title: t('cards.open', { card: result.card }) }, result.card)
      : document.createTextNode(result.card);
    if (this.onOpenCard) { const open = this.onOpenCard; name.addEventListener('click', () => open(result.card)); }
    const lowCard = result.confidence !== null && result.confidence < lowCardConfidence;
    return h('tr', { 'data-card': result.card, class: result.needsReview ? 'needs-review' : undefined },
      // The mark is drawn from data-mark (CSS ::after), so the cell's text stays the card name.
      h('th', { scope: 'row', 'data-mark': result.needsReview ? t('review.stateNeedsReview') : undefined }, name),
      ...this.fields.map(field => fieldCell(result.fields[field])),
      h('td', { class: lowCard ? 'num low' : 'num', title: lowCard ? t('cards.lowConfidence') : undefined }, formatConfidence(result.confidence)));
  }

  private updateCount(): void { this.count.textContent = `(${this.rows.size})`; }
}

function fieldCell(value: FieldValue | undefined): HTMLTableCellElement {
  if (!value) { return h('td', { class: 'missing', title: t('cards.notFound') }, ''); }
  const flags = value.flags;
  const classes = flags.map(f => `flag-${f}`);
  if (flags.includes('low-confidence')) { classes.push('low'); }
  const title = [t('cards.confidenceOf', { confidence: formatConfidence(value.confidence) }), ...flags.map(flagText)].join(' · ');
  return h('td', { class: classes.join(' ') || undefined, title, 'data-confidence': value.confidence ?? undefined }, value.value);
}
