// The batches the server knows, each a button that opens it; the current one is marked.
import type { BatchSummary } from '../../../src/protocol/index';
import { percentOf, statusText } from '../format';
import { button, h } from './dom';
import { t } from '../l10n/index';

export class BatchListView {
  readonly element: HTMLElement;
  private readonly list = h('ul', { class: 'batch-list', 'data-testid': 'batch-list' });

  constructor(private readonly onOpen: (id: string) => void, onRefresh: () => void) {
    this.element = h('section', { class: 'batches', 'aria-labelledby': 'batches-heading' },
      h('div', { class: 'title-row' }, h('h3', { id: 'batches-heading' }, t('batches.heading')),
        button(t('batches.refresh'), onRefresh, { secondary: true, 'data-testid': 'refresh-batches' })),
      this.list);
  }

  show(batches: BatchSummary[], currentId: string | undefined): void {
    this.list.replaceChildren(...batches.map(batch => {
      const open = h('button', { type: 'button', class: 'link', 'aria-current': batch.id === currentId ? 'true' : undefined }, batch.name);
      open.addEventListener('click', () => this.onOpen(batch.id));
      return h('li', { 'data-batch': batch.id }, open,
        h('span', { class: 'muted' }, ` ${t('batches.line', { status: statusText(batch.status), processed: batch.progress.processed, total: batch.progress.total, percent: percentOf(batch.progress) })}`));
    }));
    if (batches.length === 0) { this.list.append(h('li', { class: 'empty' }, t('batches.none'))); }
  }
}
