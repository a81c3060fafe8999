// The batch header: name, status, progress bar with percent, X/Y, cards/s and ETA, and the batch actions.
import { isActiveStatus } from '../../../src/protocol/index';
import type { BatchModel } from '../batch-model';
import { percentOf, progressLine, resultLine, statusText } from '../format';
import { button, h } from './dom';
import { t } from '../l10n/index';

/** `downloadCsv` is absent in the webview, where the batches tree opens the CSV in an editor instead. */
export interface BatchActions { resume(): void; cancel(): void; review(): void; learn(): void; downloadCsv?: () => void }

export class ProgressView {
  readonly element: HTMLElement;
  private readonly title = h('h2', { id: 'batch-title' });
  private readonly status = h('span', { class: 'status', 'data-testid': 'batch-status', role: 'status' });
  private readonly bar = h('vscode-progress-bar' as keyof HTMLElementTagNameMap, { max: 100, 'aria-labelledby': 'batch-title' }) as HTMLElement & { value?: number; max: number };
  private readonly line = h('p', { class: 'progress-line', 'data-testid': 'progress-line', 'aria-live': 'polite' });
  private readonly resumeButton: HTMLElement;
  private readonly cancelButton: HTMLElement;
  private readonly reviewButton: HTMLElement;
  private readonly learnButton: HTMLElement;
  private learning = false;
  private reviewCount: number | undefined;

  constructor(private readonly model: BatchModel, actions: BatchActions) {
    this.resumeButton = button(t('progress.resume'), () => actions.resume(), { secondary: true, 'data-testid': 'resume' });
    this.cancelButton = button(t('progress.cancel'), () => actions.cancel(), { secondary: true, 'data-testid': 'cancel' });
    this.reviewButton = button(t('progress.review'), () => actions.review(), { secondary: true, 'data-testid': 'review-button', title: t('progress.reviewTitle'), disabled: true });
    this.learnButton = button(t('learn.button'), () => actions.learn(), { secondary: true, 'data-testid': 'learn-button', title: t('learn.title'), disabled: true });
    const download = actions.downloadCsv;
    this.element = h('section', { class: 'progress', 'aria-label': t('progress.label') },
      h('div', { class: 'title-row' }, this.title, this.status),
      this.bar, this.line,
      h('div', { class: 'actions' }, this.resumeButton, this.cancelButton, this.reviewButton, this.learnButton,
        download && button(t('progress.downloadCsv'), download, { secondary: true, 'data-testid': 'download-csv' })));
    this.render();
  }

  render(): void {
    const batch = this.model.batch;
    if (!batch) { this.title.textContent = t('progress.loading'); return; }
    this.title.textContent = batch.name;
    this.status.textContent = statusText(batch.status);
    this.status.dataset.status = batch.status;
    this.bar.value = percentOf(batch.progress);
    this.bar.setAttribute('aria-valuenow', String(percentOf(batch.progress)));
    const active = isActiveStatus(batch.status);
    this.line.textContent = active ? progressLine(batch.progress) : resultLine(batch.progress, this.model.lastRun);
    toggle(this.cancelButton, active);
    toggle(this.resumeButton, !active && batch.status !== 'finished');
    // Saving a review rewrites the CSV, which a running batch is still appending to.
    toggle(this.reviewButton, !active && this.reviewCount !== 0);
    // Only a template with learned fields has anything to learn; learning rewrites the cards, as a review does.
    this.learnButton.hidden = (batch.learnedFields ?? []).length === 0;
    toggle(this.learnButton, !active && !this.learning);
  }

  /** While learning runs, its button waits. */
  setLearning(learning: boolean): void { this.learning = learning; this.render(); }

  /** The review queue's size, on the button: "Review (39)"; 0 leaves nothing to review. */
  setReviewCount(count: number): void {
    this.reviewCount = count;
    this.reviewButton.textContent = t('progress.reviewCount', { count });
    this.reviewButton.dataset.count = String(count);
    this.render();
  }
}

function toggle(element: HTMLElement, enabled: boolean): void {
  if (enabled) { element.removeAttribute('disabled'); } else { element.setAttribute('disabled', ''); }
}
