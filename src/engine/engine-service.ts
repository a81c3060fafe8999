// The engine child's request handling: one reply per request, batch messages in between.
// Knows nothing of how messages travel (main.ts wires it to IPC).
import { mkdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { errorMessage } from '../common/assert';
import { failure, type BatchConfig, type EngineOutput, type EngineReply, type EngineRequest, type EngineRequestType, type EngineSettings, type Outcome, type PreviewParams, type ReviewParams, type StartBatchParams } from '../protocol';
import { BatchQueue } from './batch-queue';
import { asksForAnotherTemplate, describeTemplate } from './batch-restart';
import { BatchRunner, type RunMode } from './batch-runner';
import { languageCodes, linkLanguages } from './language-data';
import { readingLanguages } from './fields/find-region';
import { chooseBackends } from './ocr-backends/choose-backends';
import { OcrPool } from './ocr-pool';
import { previewCard } from './preview-card';
import { learnBatch } from './learned/learn-batch';
import { reviewCard } from './review';
import { listTemplates } from './templates';
import { archiveBatch, BatchLock, hasBatch, newBatchConfig, readBatchConfig, readBatchSummary, servableCsv } from '../batch-folder/index';

/** The value of any request's reply, as declared in protocol/engine-requests.ts. */
type ReplyValue = EngineReply<EngineRequestType>;
/** A reply, and what to do once it is sent (so a batch's messages never arrive before the reply naming it). */
interface Handled { outcome: Outcome<ReplyValue>; after?: () => void }

const defaultRecycleAfterCards = 250;

export class EngineService {
  private settings: EngineSettings | undefined;
  private pool: OcrPool | undefined;
  private readonly queue = new BatchQueue();
  /** Starts replied to but not yet in the queue, each about to run at once (see enqueue). */
  private startingAtOnce = 0;

  constructor(private readonly send: (output: EngineOutput) => void, private readonly crashOnCard?: string) {}

  /** Handles one request; never throws (a bug becomes an `internal` problem in the reply and a log line). */
  async handle(request: EngineRequest): Promise<void> {
    let handled: Handled;
    try {
      handled = await this.dispatch(request);
    } catch (error) {
      this.log('error', `request ${request.type} failed: ${error instanceof Error ? error.stack : errorMessage(error)}`);
      handled = { outcome: failure('internal', `The engine could not ${request.type}: ${errorMessage(error)}`) };
    }
    this.send({ type: 'reply', requestId: request.requestId, outcome: handled.outcome });
    handled.after?.();
  }

  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void {
    this.send({ type: 'log', level, message });
  }

  private async dispatch(request: EngineRequest): Promise<Handled> {
    if (request.type === 'configure') {
      this.settings = request.settings;
      return { outcome: { ok: true, value: {} } };
    }
    if (!this.settings) { return { outcome: failure('internal', 'The engine was not configured; send configure first') }; }
    switch (request.type) {
      case 'start': return this.start(request.params);
      case 'resume': return this.reopen(resolve(request.dir), 'resume');
      case 'retry': return this.reopen(resolve(request.dir), 'retry');
      case 'pause':
      case 'cancel': {
        const runner = this.queue.get(request.batchId);
        if (!runner) { return { outcome: failure('batch/not-found', `No batch "${request.batchId}" in this engine`) }; }
        await this.queue.stop(request.batchId, request.type === 'pause' ? 'paused' : 'cancelled');
        return { outcome: { ok: true, value: { batch: runner.summary() } } };
      }
      case 'list': return { outcome: { ok: true, value: { batches: this.queue.list() } } };
      case 'preview': return this.preview(request.params);
      case 'review': return this.review(request.params);
      case 'learn': return this.learn(resolve(request.params.dir), request.params.owner);
      case 'setAside': return this.setAside(resolve(request.dir));
      case 'templates': return { outcome: { ok: true, value: await listTemplates(request.workspaceDirs.map(dir => resolve(dir))) } };
      case 'csvFile': return { outcome: await servableCsv(resolve(request.dir)) };
      case 'shutdown':
        await this.queue.shutdown();
        await this.pool?.close();
        return { outcome: { ok: true, value: {} } };
    }
  }

  private async start(params: StartBatchParams): Promise<Handled> {
    const dir = resolve(params.dir);
    const folder = await this.checkFolder(dir);
    if (!folder.ok) { return { outcome: folder }; }
    // A folder that already holds a batch is resumed, never started over silently: another template than its own
    // is refused unless the caller asks for a restart (the old outputs are kept in _previous/<time>/).
    if (await hasBatch(dir)) {
      const existing = await readBatchConfig(dir);
      if (!params.restart) {
        if (existing.ok && asksForAnotherTemplate(existing.value, params)) {
          return { outcome: failure('batch/busy', `${dir} already holds a batch made with ${describeTemplate(existing.value.templateId, existing.value.fields)}, not ${describeTemplate(params.templateId, params.fields)}; `
            + 'start over with --restart (the old outputs are kept in _previous/<time>/), or resume it with card-ocr resume', { dir, templateId: existing.value.templateId ?? null }) };
        }
        return this.reopen(dir, 'resume');
      }
      if (this.queue.activeFor(dir)) { return { outcome: failure('batch/busy', `The batch in ${dir} is running; stop it before starting over`, { dir }) }; }
    }
    // One writer per folder: taken before anything is written (the restart's move too), so a second process writes nothing.
    const lock = await BatchLock.acquire(dir, 'run', this.settings?.owner);
    if (!lock.ok) { return { outcome: lock }; }
    return this.holding(lock.value, async () => {
      if (params.restart && await hasBatch(dir)) {
        const kept = await this.archive(dir);
        if (!kept.ok) { return { outcome: kept }; }
      }
      const config = newBatchConfig({ ...params, dir });
      const languages = await this.linkLanguagesOf(config);
      if (!languages.ok) { return { outcome: languages }; }
      // config.json is written once, by the runner's first status (see enqueue), not here and again there.
      return this.enqueue(dir, config, 'start', lock.value);
    });
  }

  private async setAside(dir: string): Promise<Handled> {
    if (this.queue.activeFor(dir)) { return { outcome: failure('batch/busy', `The batch in ${dir} is running; stop it before starting over`, { dir }) }; }
    if (!await hasBatch(dir)) { return { outcome: failure('batch/not-found', `No batch in ${dir} to start over`, { dir }) }; }
    const lock = await BatchLock.acquire(dir, 'restart', this.settings?.owner);
    if (!lock.ok) { return { outcome: lock }; }
    try {
      const kept = await this.archive(dir);
      return { outcome: kept.ok ? { ok: true, value: { kept: kept.value } } : kept };
    } finally {
      await lock.value.release();
    }
  }

  private async archive(dir: string): Promise<Outcome<string>> {
    const kept = await archiveBatch(dir);
    if (kept.ok) { this.log('info', `restarting ${dir}: the old outputs are in ${kept.value}`); }
    return kept;
  }

  /** Runs `work` with the lock held; releases it unless the work handed it to a queued runner. */
  private async holding(lock: BatchLock, work: () => Promise<Handled>): Promise<Handled> {
    let handled: Handled | undefined;
    try {
      handled = await work();
      return handled;
    } finally {
      if (!handled?.outcome.ok) { await lock.release(); }
    }
  }

  private async reopen(dir: string, mode: RunMode): Promise<Handled> {
    const active = this.queue.activeFor(dir);
    if (active) {
      return mode === 'retry'
        ? { outcome: failure('batch/busy', `The batch in ${dir} is ${active.status}; retry it once it has stopped`) }
        : { outcome: { ok: true, value: { batch: active.summary() } } };
    }
    const config = await readBatchConfig(dir);
    if (!config.ok) { return { outcome: config }; }
    const lock = await BatchLock.acquire(dir, mode, this.settings?.owner);
    if (!lock.ok) { return { outcome: lock }; }
    return this.holding(lock.value, async () => {
      const languages = await this.linkLanguagesOf(config.value);
      if (!languages.ok) { return { outcome: languages }; }
      return this.enqueue(dir, config.value, mode, lock.value);
    });
  }

  /** The runner owns `lock` from here and releases it when it stops. */
  private async enqueue(dir: string, config: BatchConfig, mode: RunMode, lock: BatchLock): Promise<Handled> {
    const runner = new BatchRunner(dir, config, mode, {
      lock,
      ...(this.settings?.followCardLinks ? { followCardLinks: true } : {}),
      pool: () => this.ensurePool(),
      parallelism: Math.min(config.options.workers ?? Number.POSITIVE_INFINITY, this.poolSize()),
      emit: message => this.send({ type: 'batch', message }),
      log: (level, message) => this.log(level, message),
      ...(this.crashOnCard === undefined ? {} : { crashOnCard: this.crashOnCard }),
    });
    // A batch that starts at once is written once, as running; one that waits behind another is written as queued,
    // then as running when its turn comes. The count keeps two concurrent starts from both taking the idle queue.
    const atOnce = this.queue.idle && this.startingAtOnce === 0;
    if (atOnce) { this.startingAtOnce++; }
    try {
      await runner.setStatus(atOnce ? 'running' : 'queued');
    } catch (error) {
      if (atOnce) { this.startingAtOnce--; }
      throw error;
    }
    const summary = await readBatchSummary(dir);
    const batch = summary.ok ? summary.value : runner.summary();
    // Joins the queue synchronously right after the reply: a pause or cancel sent as soon as the caller knows
    // the id (requests are handled concurrently) must find the batch.
    return { outcome: { ok: true, value: { batch } }, after: () => {
      if (atOnce) { this.startingAtOnce--; }
      this.queue.add(runner);
    } };
  }

  /** Shares the pool with running batches: a preview waits for a free worker like any card. */
  private async preview(params: PreviewParams): Promise<Handled> {
    const languages = await this.linkLanguagesOf(params);
    if (!languages.ok) { return { outcome: languages }; }
    const read = await previewCard(params, await this.ensurePool());
    return { outcome: read.ok ? { ok: true, value: { result: read.value } } : read };
  }

  /** A review writes json/ and csv/: refused while this engine runs or queues the batch, and under the folder's lock. */
  private async review(params: ReviewParams): Promise<Handled> {
    const dir = resolve(params.dir);
    const active = this.queue.activeFor(dir);
    if (active) { return { outcome: failure('batch/busy', `The batch in ${dir} is ${active.status}; review its cards once it has stopped`, { status: active.status }) }; }
    let csvKept: string | undefined;
    const reviewed = await reviewCard(dir, params.card, params.fields, params.reviewedAt, {
      ...(params.accept ? { accept: params.accept } : {}), ...(params.words ? { words: params.words } : {}), ...(params.by === undefined ? {} : { by: params.by }),
      ...(params.owner ?? this.settings?.owner ? { owner: params.owner ?? this.settings?.owner } : {}),
      onCsvKept: kept => { csvKept = kept; },
    });
    if (!reviewed.ok) { return { outcome: reviewed }; }
    return { outcome: { ok: true, value: { result: reviewed.value, ...(csvKept ? { csvKept } : {}) } } };
  }

  /** Learning rewrites json/, csv/ and config.json: refused like a review while this engine runs the batch. */
  private async learn(dir: string, owner: string | undefined): Promise<Handled> {
    const active = this.queue.activeFor(dir);
    if (active) { return { outcome: failure('batch/busy', `The batch in ${dir} is ${active.status}; learn from its cards once it has stopped`, { status: active.status }) }; }
    return { outcome: await learnBatch(dir, owner ?? this.settings?.owner) };
  }

  private async checkFolder(dir: string): Promise<Outcome<void>> {
    try {
      if ((await stat(dir)).isDirectory()) { return { ok: true, value: undefined }; }
    } catch {
      // Missing or unreadable: both answered below.
    }
    return failure('batch/not-found', `${dir} is not a folder`, { dir });
  }

  private linkLanguagesOf(config: Pick<BatchConfig, 'language' | 'fields'>): Promise<Outcome<void>> {
    const settings = this.settings!;
    const codes = [config.language, ...config.fields.flatMap(readingLanguages)].flatMap(languageCodes);
    return linkLanguages(codes, settings.tessdataDirs ?? [], join(settings.dataDir, 'tessdata'));
  }

  private poolSize(): number { return this.settings?.workers ?? availableParallelism(); }

  /** Created when the first card needs OCR, so starting the engine (and failing fast on bad input) stays cheap. */
  private async ensurePool(): Promise<OcrPool> {
    if (!this.pool) {
      const settings = this.settings!;
      const cachePath = join(settings.dataDir, 'tesseract-cache');
      await mkdir(cachePath, { recursive: true });
      const onLog = (level: 'debug' | 'info' | 'warn' | 'error', message: string): void => this.log(level, message);
      this.pool ??= new OcrPool({
        size: this.poolSize(), recycleAfterCards: settings.recycleAfterCards ?? defaultRecycleAfterCards, onLog,
        backends: chooseBackends(settings.ocrBackend ?? 'auto', {
          langPath: join(settings.dataDir, 'tessdata'), cachePath, onLog,
          tessdataDirs: settings.tessdataDirs ?? [], linkDir: join(settings.dataDir, 'tessdata-native'),
        }),
      });
    }
    return this.pool;
  }
}
