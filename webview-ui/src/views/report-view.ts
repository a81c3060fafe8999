// The batch's quality report as pictures: completeness per field (bars), the cards' confidence (a histogram),
// and the problem cards as a list (a card to review opens review on it). Each chart has its numbers as text too.
import type { QualityReport } from '../../../src/protocol/index';
import type { ApiClient } from '../api-client';
import { flagText } from '../format';
import { t } from '../l10n/index';
import { h } from './dom';

const svgNs = 'http://www.w3.org/2000/svg';
/** Problem cards listed before "and N more". */
const maxListed = 50;
/** Histogram bins below this confidence are drawn as doubtful. */
const lowBinBelow = 6;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attrs)) { element.setAttribute(name, String(value)); }
  return element;
}

const percent = (fraction: number): number => Math.round(fraction * 100);

export interface ReportDeps {
  api: ApiClient;
  batchId: string;
  /** A card of the review queue was chosen: review opens on it. */
  onReviewCard(card: string): void;
}

/** Invariant: only the latest load's answer is shown. */
export class ReportView {
  readonly element: HTMLElement;
  private readonly summary = h('p', { class: 'report-summary', 'data-testid': 'report-summary' });
  private readonly fields = h('div', { class: 'report-fields', 'data-testid': 'report-fields' });
  private readonly histogram = h('figure', { class: 'report-histogram', 'data-testid': 'report-histogram' });
  private readonly problems = h('ul', { class: 'report-problems', 'data-testid': 'report-problems' });
  private ticket = 0;

  constructor(private readonly deps: ReportDeps) {
    this.element = h('section', { class: 'report', 'aria-labelledby': 'report-heading', hidden: true, 'data-testid': 'report' },
      h('h3', { id: 'report-heading' }, t('report.heading')), this.summary,
      h('div', { class: 'report-charts' },
        h('div', undefined, h('h4', undefined, t('report.completeness')), this.fields),
        h('div', undefined, h('h4', undefined, t('report.confidence')), this.histogram)),
      h('h4', undefined, t('report.problemCards')), this.problems);
  }

  /** Reads the report as it is now and draws it; hidden while there is nothing to show. */
  async load(): Promise<void> {
    const ticket = ++this.ticket;
    const answer = await this.deps.api.getReport(this.deps.batchId);
    if (ticket !== this.ticket) { return; }
    if (!answer.ok || answer.value.cards.total === 0) { this.element.hidden = true; return; }
    this.render(answer.value);
    this.element.hidden = false;
  }

  hide(): void { this.ticket++; this.element.hidden = true; }

  private render(report: QualityReport): void {
    const { cards } = report;
    this.summary.textContent = t('report.summary', { read: cards.succeeded, failed: cards.failed, review: cards.needsReview, blank: cards.blank, reference: cards.reference });
    this.renderFields(report);
    this.renderHistogram(report.confidenceBins ?? [], cards.succeeded);
    this.renderProblems(report);
  }

  private renderFields(report: QualityReport): void {
    const data = report.cards.data;
    if (report.fields.length === 0) { this.fields.replaceChildren(h('p', { class: 'muted' }, t('report.noFields'))); return; }
    this.fields.replaceChildren(...report.fields.map(field => {
      const fraction = field.completeness ?? 0;
      const bar = svg('svg', { class: 'bar', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true' });
      bar.append(svg('rect', { class: 'bar-track', x: 0, y: 0, width: 100, height: 10 }),
        svg('rect', { class: fraction < 0.8 ? 'bar-fill low' : 'bar-fill', x: 0, y: 0, width: percent(fraction), height: 10 }));
      const details = [
        field.invalid > 0 && t('report.invalid', { count: field.invalid }),
        field.lowConfidence > 0 && t('report.lowConfidence', { count: field.lowConfidence }),
        field.reviewed > 0 && t('report.reviewed', { count: field.reviewed }),
      ].filter((part): part is string => typeof part === 'string');
      return h('div', { class: 'report-field', 'data-field': field.name },
        h('span', { class: 'field-name' }, field.name), bar,
        h('span', { class: 'num', 'data-testid': 'field-completeness' }, t('report.filled', { filled: field.filled, data, percent: percent(fraction) })),
        details.length > 0 && h('span', { class: 'muted report-details' }, details.join(' · ')));
    }));
  }

  private renderHistogram(bins: readonly number[], read: number): void {
    const most = Math.max(1, ...bins);
    const chart = svg('svg', { class: 'histogram', viewBox: '0 0 200 110', role: 'img', 'aria-label': t('report.confidenceLabel') });
    bins.forEach((count, index) => {
      const height = Math.round((count / most) * 90);
      const column = svg('rect', { class: index < lowBinBelow ? 'column low' : 'column', x: index * 20 + 2, y: 92 - height, width: 16, height, 'data-bin': index });
      const title = svg('title');
      title.textContent = t('report.binTitle', { from: index * 10, to: index === 9 ? 100 : index * 10 + 9, count });
      column.append(title);
      chart.append(column);
      const label = svg('text', { x: index * 20 + 10, y: 106, 'text-anchor': 'middle', class: 'axis' });
      label.textContent = String(index * 10);
      chart.append(label);
    });
    const share = read === 0 ? 0 : bins.slice(0, lowBinBelow).reduce((sum, n) => sum + n, 0) / read;
    this.histogram.replaceChildren(chart, h('figcaption', { class: 'muted' }, t('report.lowShare', { percent: percent(share), below: lowBinBelow * 10 })));
  }

  private renderProblems(report: QualityReport): void {
    const review = report.needsReview.slice(0, maxListed).map(entry => {
      const open = h('button', { type: 'button', class: 'link', title: t('report.openReview', { card: entry.card }) }, entry.card);
      open.addEventListener('click', () => this.deps.onReviewCard(entry.card));
      const flags = Object.entries(entry.flags).map(([field, list]) => `${field}: ${list.map(flagText).join(', ')}`).join(' · ');
      return h('li', { 'data-card': entry.card, class: 'to-review' }, open, h('span', { class: 'muted' }, flags));
    });
    const failed = report.problemCards.slice(0, maxListed).map(entry =>
      h('li', { 'data-card': entry.card, class: 'failed' }, h('span', { class: 'card-name' }, entry.card),
        h('code', { class: 'problem-code' }, entry.code), h('span', { class: 'muted' }, entry.message)));
    const more = report.needsReview.length + report.problemCards.length - review.length - failed.length;
    this.problems.replaceChildren(...review, ...failed);
    if (more > 0) { this.problems.append(h('li', { class: 'muted' }, t('report.more', { count: more }))); }
    if (review.length + failed.length === 0) { this.problems.append(h('li', { class: 'empty' }, t('report.noProblems'))); }
  }
}
