// "Learn from checked cards": asks the server to train the batch's learned fields and re-extract its cards, then
// shows completeness per field before and after. Knows the API client, nothing of the other views.
import type { LearnReport } from '../../../src/protocol/index';
import type { ApiClient } from '../api-client';
import { formatNumber } from '../format';
import { h } from './dom';
import { t } from '../l10n/index';

export interface LearnDeps {
  api: ApiClient;
  batchId: string;
  /** Learning rewrote the cards: the batch's other views load them again. */
  onLearned(report: LearnReport): void;
}

const share = (count: number, total: number): string => `${formatNumber(total === 0 ? 0 : (100 * count) / total, 0)}% (${count})`;

export class LearnView {
  readonly element = h('section', { class: 'learn', 'aria-label': t('learn.button'), 'data-testid': 'learn-view', hidden: true });
  private readonly message = h('p', { role: 'status', 'data-testid': 'learn-message' });
  private readonly table = h('table', { class: 'learn-table', 'data-testid': 'learn-table' });
  private busy = false;

  constructor(private readonly deps: LearnDeps) {
    this.element.append(this.message, this.table);
  }

  get running(): boolean { return this.busy; }

  async learn(): Promise<void> {
    if (this.busy) { return; }
    this.busy = true;
    this.element.hidden = false;
    this.table.replaceChildren();
    this.message.textContent = t('learn.running');
    delete this.element.dataset.state;
    try {
      const learned = await this.deps.api.learn(this.deps.batchId);
      if (!learned.ok) { this.message.textContent = t('learn.failed', { problem: learned.error.message }); this.element.dataset.state = 'failed'; return; }
      this.show(learned.value);
      this.deps.onLearned(learned.value);
    } finally {
      this.busy = false;
    }
  }

  private show(report: LearnReport): void {
    const total = report.cards + report.skipped;
    const seconds = formatNumber((report.trainingMs + report.reextractMs) / 1000, 1);
    this.message.textContent = `${t('learn.done', { trained: report.trainedOn, cards: report.cards, seconds, model: report.model })}${report.inBatchFolder ? ` · ${t('learn.inBatchFolder')}` : ''}`;
    this.table.replaceChildren(
      h('caption', { class: 'muted' }, t('learn.caption')),
      h('thead', undefined, h('tr', undefined, ...[t('learn.field'), t('learn.found'), t('learn.before'), t('learn.after')].map(text => h('th', { scope: 'col' }, text)))),
      h('tbody', undefined, ...report.fields.map(field => h('tr', { 'data-field': field.field },
        h('th', { scope: 'row' }, field.field),
        h('td', { class: 'num', 'data-testid': 'learn-found' }, `${field.found} / ${field.withValue}`),
        h('td', { class: 'num', 'data-testid': 'learn-before' }, share(field.before, total)),
        h('td', { class: 'num', 'data-testid': 'learn-after' }, share(field.after, total))))));
    this.element.dataset.state = 'done';
  }
}
