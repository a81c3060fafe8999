// The cards that failed, each with its problem code and reason, and the Retry action for the batch.
import type { Problem } from '../../../src/protocol/index';
import { button, h } from './dom';
import { t } from '../l10n/index';

export class ErrorsView {
  readonly element: HTMLElement;
  private readonly list = h('ul', { class: 'errors-list', 'data-testid': 'error-rows' });
  private readonly count = h('span', { class: 'count', 'data-testid': 'error-count' });
  private readonly retryButton: HTMLElement;

  /** `onOpenCard`: in VS Code, a card name opens its image; absent in a browser. */
  constructor(onRetry: () => void, private readonly onOpenCard?: (card: string) => void) {
    this.retryButton = button(t('errors.retry'), onRetry, { 'data-testid': 'retry', disabled: true });
    this.element = h('section', { class: 'errors', 'aria-labelledby': 'errors-heading' },
      h('div', { class: 'title-row' }, h('h3', { id: 'errors-heading' }, `${t('errors.heading')} `, this.count), this.retryButton),
      this.list);
    this.show([], false);
  }

  /** `canRetry`: false while the batch runs, since a retry then would race the cards still in flight. */
  show(errors: { card: string; problem: Problem }[], canRetry: boolean): void {
    this.count.textContent = `(${errors.length})`;
    this.list.replaceChildren(...errors.map(({ card, problem }) =>
      h('li', { 'data-card': card },
        this.cardName(card),
        h('code', { class: 'problem-code' }, problem.code),
        h('span', { class: 'reason' }, problem.message))));
    if (errors.length === 0) { this.list.append(h('li', { class: 'empty' }, t('errors.none'))); }
    if (canRetry && errors.length > 0) { this.retryButton.removeAttribute('disabled'); } else { this.retryButton.setAttribute('disabled', ''); }
  }

  private cardName(card: string): HTMLElement {
    if (!this.onOpenCard) { return h('span', { class: 'card-name' }, card); }
    const open = this.onOpenCard;
    const link = h('button', { type: 'button', class: 'link card-name', title: t('cards.open', { card }) }, card);
    link.addEventListener('click', () => open(card));
    return link;
  }
}
