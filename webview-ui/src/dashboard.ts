// Wires the page together: host messages → server address; one BatchModel + BatchConnection for the batch
// on screen; views render the model; actions go out as REST calls. Owns everything it creates.
import { assertNever } from '../../src/common/assert';
import { DisposableStore, toDisposable, type Disposable } from '../../src/common/lifecycle';
import { isActiveStatus, type CardResult, type HostToPage, type Outcome, type Problem, type Template } from '../../src/protocol/index';
import { ApiClient } from './api-client';
import { BatchModel } from './batch-model';
import { BatchConnection, type ConnectionState } from './connection';
import type { PageHost } from './page-host';
import { BatchListView } from './views/batch-list-view';
import { CardsView } from './views/cards-view';
import { h } from './views/dom';
import { ErrorsView } from './views/errors-view';
import { FieldEditor, type FieldEditorRequest } from './views/field-editor';
import { ProgressView } from './views/progress-view';
import { ReportView } from './views/report-view';
import { LearnView } from './views/learn-view';
import { ReviewView } from './views/review-view';
import { TemplatePreviewView, type SampleCard } from './views/template-preview-view';
import { t } from './l10n/index';

export class Dashboard implements Disposable {
  private readonly store = new DisposableStore();
  private batchStore = new DisposableStore();
  private api: ApiClient | undefined;
  private server: { serverUrl: string; token: string } | undefined;
  private currentId: string | undefined;
  private connection: BatchConnection | undefined;
  private readonly connectionLine = h('p', { class: 'connection', role: 'status', 'data-testid': 'connection' }, t('connection.waitingForAddress'));
  private readonly notice = h('p', { class: 'notice', role: 'alert', 'data-testid': 'notice' });
  private readonly batchArea = h('div', { class: 'batch-area' });
  /** Review mode takes the batch area's place while it is open. */
  private readonly reviewArea = h('div', { class: 'review-area' });
  private review: ReviewView | undefined;
  private cards: CardsView | undefined;
  private progress: ProgressView | undefined;
  private errors: ErrorsView | undefined;
  private report: ReportView | undefined;
  private reviewCountTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set once the host asked to define fields for a folder: the page then stays on the editor. */
  private definingFields = false;
  private readonly batchList = new BatchListView(id => this.openBatch(id), () => void this.refreshBatches());
  private readonly editor: FieldEditor;

  constructor(private readonly root: HTMLElement, private readonly host: PageHost) {
    const preview = this.store.add(new TemplatePreviewView({ api: () => this.api, sample: () => this.sampleCard() }));
    const saveTemplate = host.kind === 'vscode' ? (template: Template) => host.post({ type: 'saveTemplate', template }) : undefined;
    this.editor = new FieldEditor(host.kind === 'browser', request => void this.startBatch(request), preview, saveTemplate);
    root.replaceChildren(
      h('header', undefined, h('h1', undefined, t('app.title')), this.connectionLine),
      this.notice, this.batchArea, this.reviewArea, this.batchList.element, this.editor.element);
    this.editor.addRow();
    this.store.add(host.onDidReceiveMessage(message => this.onHostMessage(message)));
    const online = (): void => this.onOnline();
    window.addEventListener('online', online);
    this.store.add(toDisposable(() => window.removeEventListener('online', online)));
    host.start();
  }

  private onHostMessage(message: HostToPage): void {
    switch (message.type) {
      case 'connect': {
        const changed = this.server?.serverUrl !== message.serverUrl || this.server?.token !== message.token;
        this.server = { serverUrl: message.serverUrl, token: message.token };
        this.api = new ApiClient(message.serverUrl, message.token);
        void this.refreshBatches();
        const saved = this.host.getState();
        const id = message.batchId ?? this.currentId ?? saved.batchId;
        if (id && (changed || id !== this.currentId)) {
          this.openBatch(id);
          // Back to the card under review after a reload of the panel or tab, or a new server address.
          if (saved.reviewCard && saved.batchId === id) { void this.enterReview(this.api, id, saved.reviewCard); }
        }
        if (!id) { this.connectionLine.textContent = t('connection.connecting'); }
        break;
      }
      case 'showBatch':
        if (message.batchId !== this.currentId || !this.connection) { this.openBatch(message.batchId); }
        if (message.focus) { this.focus(message.batchId, message.focus); }
        break;
      case 'templateSaved': this.editor.showProblem(message.message); break;
      case 'defineFields': this.definingFields = true; this.editor.setFolder(message.folder, message.language); break;
      default: assertNever(message);
    }
  }

  private openBatch(id: string): void {
    if (!this.server || !this.api) { return; }
    const api = this.api;
    this.batchStore.dispose();
    this.batchStore = this.store.add(new DisposableStore());
    this.batchStore.add(toDisposable(() => this.leaveReview()));
    this.currentId = id;
    this.host.setState({ batchId: id });
    this.showNotice(undefined);
    const model = this.batchStore.add(new BatchModel(id));
    const openCard = this.host.kind === 'vscode' ? (card: string) => this.host.post({ type: 'openCard', batchId: id, card }) : undefined;
    const cards = this.batchStore.add(new CardsView({ api, batchId: id, errors: () => model.errors, onOpenCard: openCard }));
    this.cards = cards;
    const errors = new ErrorsView(() => void this.act(api.retry(id)), openCard);
    const progress = new ProgressView(model, {
      resume: () => void this.act(api.resume(id)),
      cancel: () => void this.act(api.cancel(id)),
      review: () => void this.enterReview(api, id),
      learn: () => void this.learn(progress, learnView),
      downloadCsv: this.host.kind === 'browser' ? () => void this.downloadCsv(api, id) : undefined,
    });
    const report = new ReportView({ api, batchId: id, onReviewCard: card => void this.enterReview(api, id, card) });
    const learnView = new LearnView({ api, batchId: id, onLearned: () => { void cards.load(); void report.load(); void this.loadReviewCount(api, id); } });
    this.progress = progress;
    this.errors = errors;
    this.report = report;
    this.batchArea.replaceChildren(progress.element, learnView.element, report.element, cards.element, errors.element);
    const canRetry = (): boolean => model.status === undefined || !isActiveStatus(model.status);
    this.batchStore.add(model.onDidChange(change => {
      switch (change.kind) {
        case 'batch': progress.render(); cards.setFields(model.batch?.fields ?? []); errors.show(model.errors, canRetry()); break;
        case 'card': cards.upsert(change.result); if (change.result.needsReview) { this.scheduleReviewCount(api, id); } break;
        case 'errors': errors.show(model.errors, canRetry()); cards.errorsChanged(); break;
        default: assertNever(change);
      }
    }));
    const connection = this.batchStore.add(new BatchConnection({ ...this.server, batchId: id, lastSeq: () => model.lastSeq }));
    this.batchStore.add(connection.onDidReceiveFrame(frame => {
      model.apply(frame);
      // After a (re-)attach the disk is the authority on what is still in `_errors/`.
      if (frame.type === 'snapshot' || (frame.type === 'status' && frame.status === 'finished')) { void this.loadErrors(api, model); }
      if (frame.type === 'status') { void this.refreshBatches(); }
      if (frame.type === 'snapshot' || frame.type === 'status') {
        void this.loadReviewCount(api, id);
        void cards.load();
        // The report describes a run that has ended; while cards are read it would be out of date at once.
        if (canRetry()) { void report.load(); } else { report.hide(); }
      }
    }));
    this.batchStore.add(connection.onDidChangeState(state => this.showConnection(state)));
    this.batchStore.add(connection.onDidReceiveBadFrame(why => this.showNotice(t('connection.badFrame', { why }))));
    this.connection = connection;
    this.batchStore.add(toDisposable(() => { this.connection = undefined; }));
    connection.open();
  }

  /** Opens the batch's needs-review queue in place of the batch view (at `startAt` if it is in it); Escape comes back. */
  private async enterReview(api: ApiClient, id: string, startAt?: string): Promise<void> {
    this.leaveReview();
    const review = new ReviewView({
      api, batchId: id, startAt,
      onSaved: (result: CardResult) => { this.cards?.upsert(result); void this.loadReviewCount(api, id); void this.report?.load(); },
      onLeave: () => this.leaveReview(),
      onShow: card => this.host.setState({ batchId: id, reviewCard: card }),
    });
    this.review = review;
    this.batchArea.hidden = true;
    this.reviewArea.replaceChildren(review.element);
    await review.load();
  }

  private leaveReview(): void {
    if (!this.review) { return; }
    this.review.dispose();
    this.review = undefined;
    if (this.currentId) { this.host.setState({ batchId: this.currentId }); }
    this.reviewArea.replaceChildren();
    this.batchArea.hidden = false;
    this.batchArea.querySelector<HTMLElement>('[data-testid=review-button]')?.focus();
  }

  /** The card template authoring draws on: the first card of the editor's folder, else the open batch's first finished one. */
  private async sampleCard(): Promise<Outcome<SampleCard>> {
    const id = this.currentId;
    const none = (message: string): Outcome<SampleCard> => ({ ok: false, error: { code: 'request/not-found', message } });
    if (!this.api) { return none(t('connection.notYet')); }
    const folder = this.editor.folderPath;
    if (folder) {
      const listed = await this.api.folderCards(folder);
      if (!listed.ok) { return listed; }
      const card = listed.value.cards[0];
      return card ? { ok: true, value: { folder: listed.value.folder, card } } : none(t('sample.emptyFolder', { folder }));
    }
    if (!id) { return none(t('sample.openBatchFirst')); }
    const page = await this.api.listCards(id, 0, 1);
    if (!page.ok) { return page; }
    const first = page.value.cards[0];
    return first ? { ok: true, value: { batchId: id, card: first.card } } : none(t('sample.noFinishedCard'));
  }

  /** After "Review N cards" or "Show failures" in a notification: review opens, or the failed cards come into view. */
  private focus(id: string, focus: 'review' | 'errors'): void {
    if (!this.api) { return; }
    if (focus === 'review') { void this.enterReview(this.api, id); return; }
    this.leaveReview();
    this.cards?.setFilter('failed');
    this.errors?.element.scrollIntoView({ block: 'start' });
  }

  /** The size of the review queue, on the Review button; asked of the server, which reads every card's flag. */
  private async loadReviewCount(api: ApiClient, id: string): Promise<void> {
    const page = await api.listCards(id, 0, 1, true);
    if (page.ok && id === this.currentId) { this.progress?.setReviewCount(page.value.total); }
  }

  /** While cards arrive, the count is asked again at most every two seconds. */
  private scheduleReviewCount(api: ApiClient, id: string): void {
    if (this.reviewCountTimer !== undefined) { return; }
    this.reviewCountTimer = setTimeout(() => { this.reviewCountTimer = undefined; void this.loadReviewCount(api, id); }, 2000);
  }

  /** Back online: try at once instead of waiting out the backoff. */
  private onOnline(): void { this.connection?.retryNow(); }

  private async loadErrors(api: ApiClient, model: BatchModel): Promise<void> {
    const answer = await api.listErrors(model.batchId);
    if (answer.ok) { model.setErrors(answer.value.errors); }
  }

  private async refreshBatches(): Promise<void> {
    const answer = await this.api?.listBatches();
    if (answer?.ok) { this.batchList.show(answer.value.batches, this.currentId); }
    if (answer?.ok && this.currentId === undefined && !this.definingFields) {
      // Opened with no batch named (a reopened panel, a bare address): attach to the running batch, else the newest.
      const batches = answer.value.batches;
      const running = batches.find(b => isActiveStatus(b.status));
      const newest = [...batches].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
      const pick = running ?? newest;
      if (pick) { this.openBatch(pick.id); return; }
    }
    if (this.currentId === undefined && answer) {
      // With no batch open, this answer is the only sign that the address and token work.
      this.connectionLine.textContent = answer.ok ? t('connection.connectedNoBatch') : t('connection.notConnected', { reason: answer.error.message });
    }
  }

  private async startBatch(request: FieldEditorRequest): Promise<void> {
    const api = this.api;
    if (!api) { this.editor.showProblem(t('connection.notYet')); return; }
    let body = request.body;
    if (request.files.length > 0) {
      const upload = await api.upload(request.files);
      if (!upload.ok) { this.editor.showProblem(upload.error.message); return; }
      body = { ...body, uploadId: upload.value.uploadId };
    }
    const answer = await api.createBatch(body);
    if (!answer.ok) { this.editor.showProblem(describe(answer.error)); return; }
    this.host.post({ type: 'batchStarted', batchId: answer.value.batch.id, dir: answer.value.batch.dir });
    this.openBatch(answer.value.batch.id);
    void this.refreshBatches();
  }

  private async learn(progress: ProgressView, view: LearnView): Promise<void> {
    progress.setLearning(true);
    try { await view.learn(); } finally { progress.setLearning(false); }
  }

  private async act(call: Promise<{ ok: true } | { ok: false; error: Problem }>): Promise<void> {
    const outcome = await call;
    this.showNotice(outcome.ok ? undefined : describe(outcome.error));
  }

  private async downloadCsv(api: ApiClient, id: string): Promise<void> {
    const response = await fetch(api.csvUrl(id), { headers: { Authorization: `Bearer ${this.server?.token ?? ''}` } }).catch(() => undefined);
    if (!response?.ok) { this.showNotice(t('csv.downloadFailed')); return; }
    const link = h('a', { href: URL.createObjectURL(await response.blob()), download: `${id}.csv` });
    link.click();
    URL.revokeObjectURL(link.href);
  }

  private showConnection(state: ConnectionState): void {
    this.connectionLine.dataset.state = state.kind;
    switch (state.kind) {
      case 'connecting': this.connectionLine.textContent = state.attempt > 1 ? t('connection.reconnecting', { attempt: state.attempt }) : t('connection.connecting'); break;
      case 'open': this.connectionLine.textContent = t('connection.live'); break;
      case 'waiting': this.connectionLine.textContent = t('connection.lost', { seconds: Math.ceil(state.retryInMs / 1000) }); break;
      case 'refused': this.connectionLine.textContent = t('connection.notConnected', { reason: state.reason }); break;
      default: assertNever(state);
    }
  }

  private showNotice(text: string | undefined): void { this.notice.textContent = text ?? ''; this.notice.hidden = !text; }

  dispose(): void {
    if (this.reviewCountTimer !== undefined) { clearTimeout(this.reviewCountTimer); }
    this.batchStore.dispose();
    this.store.dispose();
    this.root.replaceChildren();
  }
}

function describe(problem: Problem): string { return `${problem.message} (${problem.code})`; }
