// Template authoring's sample card: the field editor draws regions on one card of the target folder (or of the
// open batch, when no folder is given) and sees the
// fields' result on that card at once (POST /preview), without running a batch. Knows no field editor rows.
import type { Disposable } from '../../../src/common/lifecycle';
import type { CardResult, FieldSpec, Outcome, RelativeRect } from '../../../src/protocol/index';
import type { ApiClient } from '../api-client';
import { flagText, formatConfidence } from '../format';
import { CardImageView } from './card-image-view';
import { h } from './dom';
import { t } from '../l10n/index';

/** A card to draw on: in a folder (no batch needed) or in a batch; `source` names either, for comparing. */
export type SampleCard = { folder: string; card: string } | { batchId: string; card: string };

function sourceOf(sample: SampleCard): string { return 'folder' in sample ? `folder:${sample.folder}` : `batch:${sample.batchId}`; }

export interface TemplatePreviewDeps {
  api(): ApiClient | undefined;
  /** The card to draw on: one of the open batch's, or a problem saying why there is none. */
  sample(): Promise<Outcome<SampleCard>>;
}

/** Invariant: only the latest preview's answer is shown, however fast the user draws. */
export class TemplatePreviewView implements Disposable {
  readonly element: HTMLElement;
  private readonly image = new CardImageView(t('preview.imageLabel'));
  private readonly cardName = h('span', { 'data-testid': 'sample-card' });
  private readonly picker = h('select', { class: 'select', 'aria-label': t('preview.pickCard'), 'data-testid': 'sample-picker' });
  /** A card the user picked, kept while the same batch is the sample's source. */
  private picked: SampleCard | undefined;
  private readonly hint = h('p', { class: 'muted', role: 'status', 'data-testid': 'preview-hint' });
  private readonly results = h('dl', { class: 'preview-results', 'data-testid': 'preview-results' });
  private sampleCard: SampleCard | undefined;
  private ticket = 0;

  constructor(private readonly deps: TemplatePreviewDeps) {
    this.picker.addEventListener('change', () => {
      const current = this.sampleCard;
      if (current) { this.picked = { ...current, card: this.picker.value }; void this.ensureSample(); }
    });
    this.element = h('section', { class: 'template-preview', 'aria-label': t('preview.label'), hidden: true },
      h('div', { class: 'title-row' }, h('h4', undefined, `${t('preview.label')} `, this.cardName), this.picker), this.hint,
      h('div', { class: 'review-body' }, this.image.element, this.results));
  }

  /** Shows the sample card and lets the user drag one rectangle on it; `onRect` gets it in relative coordinates. */
  async draw(onRect: (rect: RelativeRect) => void): Promise<void> {
    if (!(await this.ensureSample())) { return; }
    this.hint.textContent = t('preview.drag');
    this.element.scrollIntoView({ block: 'nearest' });
    this.image.setDrawing(rect => {
      this.image.setDrawing(undefined);
      this.hint.textContent = '';
      onRect(rect);
    });
  }

  /** The fields' values on the sample card, read now by the engine; nothing is written. */
  async run(fields: FieldSpec[], language: string | undefined): Promise<void> {
    const api = this.deps.api();
    if (!api || !(await this.ensureSample())) { return; }
    const sample = this.sampleCard!;
    const ticket = ++this.ticket;
    this.hint.textContent = t('preview.reading');
    const where = 'folder' in sample ? { folder: sample.folder } : { batchId: sample.batchId };
    const read = await api.preview({ ...where, card: sample.card, fields, ...(language ? { language } : {}) });
    if (ticket !== this.ticket) { return; }
    if (!read.ok) { this.hint.textContent = t('preview.failed', { problem: read.error.message }); return; }
    this.hint.textContent = '';
    this.showResult(read.value);
  }

  private showResult(result: CardResult): void {
    this.image.setWords(result.words ?? []);
    this.image.setFieldBoxes(Object.entries(result.fields).flatMap(([name, field]) => (field.box ? [{ name, box: field.box }] : [])));
    this.results.replaceChildren(...Object.entries(result.fields).flatMap(([name, field]) => [
      h('dt', { 'data-field': name }, name),
      h('dd', { 'data-field': name, 'data-testid': 'preview-value', class: field.flags.length > 0 ? 'flagged' : undefined,
        title: [t('cards.confidenceOf', { confidence: formatConfidence(field.confidence) }), ...field.flags.map(flagText)].join(' · ') }, field.value || t('preview.nothingFound')),
    ]));
  }

  /** Loads the sample card once (again when the folder or the open batch changes). */
  private async ensureSample(): Promise<boolean> {
    this.element.hidden = false;
    const api = this.deps.api();
    const offered = await this.deps.sample();
    if (!api || !offered.ok) {
      this.hint.textContent = offered.ok ? t('connection.notYet') : offered.error.message;
      return false;
    }
    // The card picked in the list wins while it belongs to the same batch as the one offered.
    const sample: { ok: true; value: SampleCard } = this.picked && sourceOf(this.picked) === sourceOf(offered.value) ? { ok: true, value: this.picked } : offered;
    const sameSource = this.sampleCard !== undefined && sourceOf(this.sampleCard) === sourceOf(sample.value);
    if (!sameSource) { void this.fillPicker(api, sample.value); }
    if (sameSource && this.sampleCard?.card === sample.value.card) { return true; }
    this.sampleCard = sample.value;
    this.cardName.textContent = sample.value.card;
    this.results.replaceChildren();
    this.image.setWords([]);
    this.image.setFieldBoxes([]);
    const blob = 'folder' in sample.value ? await api.folderCardImage(sample.value.folder, sample.value.card) : await api.cardImage(sample.value.batchId, sample.value.card);
    if (!blob.ok) { this.image.showMessage(blob.error.message); return false; }
    await this.image.show(blob.value, sample.value.card);
    return true;
  }

  /** The folder's cards, or the sample batch's (the first page), to pick another card to draw on. */
  private async fillPicker(api: ApiClient, sample: SampleCard): Promise<void> {
    let cards: string[];
    if ('folder' in sample) {
      const listed = await api.folderCards(sample.folder);
      if (!listed.ok) { return; }
      cards = listed.value.cards;
    } else {
      const page = await api.listCards(sample.batchId, 0, 100, undefined, 'card');
      if (!page.ok) { return; }
      cards = page.value.cards.map(result => result.card);
    }
    this.picker.replaceChildren(...cards.map(card => h('option', { value: card }, card)));
    this.picker.value = sample.card;
  }

  dispose(): void { this.image.dispose(); }
}
