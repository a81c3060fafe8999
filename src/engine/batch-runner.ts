// Runs one batch over its folder: suspects first, then the rest with bounded parallelism; writes results,
// errors and the checkpoint; emits progress. Knows nothing of IPC (it is handed an `emit`) or of other batches.
import { errorMessage } from '../common/assert';
import type { BatchConfig, BatchMessage, BatchStatus, BatchSummary, CardResult, Outcome, Problem } from '../protocol';
import { failure } from '../protocol';
import type { OcrPool } from './ocr-pool';
import { ProgressMeter } from './progress-meter';
import { recognizeCard } from './recognize-card';
import { batchPaths, CheckpointJournal, ensureCsv, exportCsv, linkOutOfFolder, listCardFiles, moveToErrors, readCardJson, readErrorEntries, restoreErrors, RunningCsv, summaryOf, withStatus, writeBatchConfig, writeCardJson, writeQualityReport } from '../batch-folder/index';

export type RunMode = 'start' | 'resume' | 'retry';

/** Why a batch stopped, said so the user knows what to do: a full disk is common on long runs. */
function stoppedBy(error: unknown, dir: string): Problem {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return { code: 'internal', message: `Batch stopped: the disk is full (${code}); free some space, then resume the batch in ${dir}`, details: { errno: code } };
  }
  return { code: 'internal', message: `Batch stopped: ${errorMessage(error)}` };
}

export interface BatchRunnerContext {
  /** The shared pool, created on first use. */
  pool(): Promise<OcrPool>;
  /** Cards processed at once by this batch (the pool may be shared later). */
  parallelism: number;
  emit(message: BatchMessage): void;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  /**
   * TEST HOOK, only for crash tests: the engine kills itself with SIGKILL when it starts the card of this name
   * (from the env variable CARD_OCR_TEST_CRASH_ON_CARD, read in main.ts). Never set in production.
   */
  crashOnCard?: string;
  /** The folder's single-writer lock, held while the batch is queued or running; released when it stops. */
  lock?: { release(): Promise<void> };
  /** Read cards that are links to files outside the batch folder (CLI); otherwise they fail as `card/unreadable`. */
  followCardLinks?: boolean;
}

/**
 * One batch, from queued to a final status.
 * Invariants: 1. a card's outputs (JSON, CSV row, or `_errors/` entry and move) are on disk before its journal
 * line, and its message is sent after both; 2. the CSV holds each done card once (rebuilt on resume/retry), in card
 * order once the run ends; a hand-edited CSV is kept aside before any rewrite;
 * 3. only `run()` changes the status away from queued, except `markStopped` for a batch that never ran.
 */
export class BatchRunner {
  private stopRequest: 'paused' | 'cancelled' | undefined;
  private meter = new ProgressMeter({ total: 0, succeeded: 0, failed: 0 });
  /** Output writes one after another: rows and journal lines stay in the same order. */
  private outputs: Promise<void> = Promise.resolve();

  constructor(readonly dir: string, private config: BatchConfig, private readonly mode: RunMode, private readonly context: BatchRunnerContext) {}

  get id(): string { return this.config.id; }
  get status(): BatchStatus { return this.config.status; }

  summary(): BatchSummary { return summaryOf(this.dir, this.config, this.meter.counts()); }

  /** Asks a running batch to stop after the cards in flight; `run()` then ends with this status. */
  requestStop(status: 'paused' | 'cancelled'): void { this.stopRequest ??= status; }

  /** For a batch stopped before it ran (still queued). */
  async markStopped(status: 'paused' | 'cancelled'): Promise<void> { await this.setStatus(status, undefined, true); }

  /** With `final`, the folder's lock is released after config.json is written and before the status is sent. */
  async setStatus(status: BatchStatus, problem?: Problem, final = false): Promise<void> {
    this.config = withStatus(this.config, status);
    try {
      await writeBatchConfig(this.dir, this.config);
    } finally {
      if (final) { await this.releaseLock(); }
    }
    this.context.emit({ type: 'status', batchId: this.id, status, ...(problem ? { problem } : {}) });
  }

  private async releaseLock(): Promise<void> {
    await this.context.lock?.release().catch((error: unknown) => {
      // The lock file stays: the next writer finds our pid gone and takes it over.
      this.context.log('warn', `could not remove the lock of ${this.dir}: ${errorMessage(error)}`);
    });
  }

  /** Runs to a final status. A failure of the environment (disk full…) fails the batch, never the engine. */
  async run(): Promise<void> {
    let journal: CheckpointJournal | undefined;
    try {
      // A batch that started at once was written as running by the engine already: config.json once, not twice.
      if (this.config.status !== 'running') { await this.setStatus('running'); }
      journal = await CheckpointJournal.open(this.dir);
      const { suspects, todo, csv } = await this.prepare(journal);
      for (const card of suspects) {
        if (this.stopRequest) { break; }
        // One at a time: if the engine dies again, this card alone is to blame.
        await this.processCard(card, journal, csv);
      }
      await this.processAll(todo, journal, csv);
      await this.outputs;
      await this.tellAppeared(journal, new Set([...suspects, ...todo]));
      this.tellKept(await csv.finish(journal.state.done));
      await journal.close();
      await writeQualityReport(this.dir).catch(error => {
        // The report can be recomputed any time from json/ and _errors/ (`card-ocr report`); the batch stands.
        this.context.log('warn', `no report.json for ${this.dir}: ${errorMessage(error)}`);
      });
      this.context.emit({ type: 'progress', batchId: this.id, ...this.meter.counts() });
      await this.setStatus(this.stopRequest ?? 'finished', undefined, true);
    } catch (error) {
      this.context.log('error', `batch ${this.id} in ${this.dir} failed: ${error instanceof Error ? error.stack : errorMessage(error)}`);
      journal?.release();
      const problem = stoppedBy(error, this.dir);
      await this.setStatus('failed', problem, true).catch(() => {
        // The disk refused config.json too (disk full): still tell every watcher, so nobody waits for ever.
        // config.json keeps its last status; resume reads the checkpoint, not the status.
        this.context.emit({ type: 'status', batchId: this.id, status: 'failed', problem });
      });
    } finally {
      await this.releaseLock();   // a no-op when the final status released it
    }
  }

  /** Retry's move-back, the CSV rebuild, killed-engine verdicts; returns what is left to do. */
  private async prepare(journal: CheckpointJournal): Promise<{ suspects: string[]; todo: string[]; csv: RunningCsv }> {
    const paths = batchPaths(this.dir);
    if (this.mode === 'retry') {
      for (const restored of await restoreErrors(this.dir)) {
        if (restored.from === 'folder') {
          this.context.log('warn', `retry reads ${restored.card} from the batch folder (a new file there); the failed copy is kept as ${restored.kept}`);
        }
      }
    }
    const state = journal.state;
    const lost: string[] = [];
    if (this.mode === 'start') {
      await ensureCsv(paths.csvFile, this.fieldNames());
    } else {
      // A crash between a CSV append and its journal line would leave a row twice; rebuilding from the done
      // cards' JSON, once per resume, rules that out.
      const results: CardResult[] = [];
      for (const card of state.done) {
        const result = await readCardJson(this.dir, card);
        if (result.ok) { results.push(result.value); } else { lost.push(card); }
      }
      this.tellKept(await exportCsv(this.dir, paths.csvFile, results, this.fieldNames()));
    }
    const csv = await RunningCsv.open(this.dir, paths.csvFile, this.fieldNames());
    const inFolder = new Set(await listCardFiles(this.dir));
    const errorEntries = new Map((await readErrorEntries(this.dir)).map(entry => [entry.card, entry.problem]));
    const suspects: string[] = [];
    for (const [card, starts] of [...state.unfinished]) {
      if (!inFolder.has(card)) {
        // Moved to _errors/ just before a crash cut off its journal line.
        journal.failed(card, errorEntries.get(card)?.code ?? 'card/internal');
      } else if (starts >= 2) {
        const problem: Problem = { code: 'card/killed-engine', message: `The engine stopped twice while reading ${card}; it was set aside so the batch can go on` };
        await moveToErrors(this.dir, card, problem);
        journal.failed(card, problem.code);
        inFolder.delete(card);
        this.context.emit({ type: 'error', batchId: this.id, card, problem });
      } else {
        suspects.push(card);
      }
    }
    const suspectSet = new Set(suspects);
    const lostSet = new Set(lost);
    const todo = [...inFolder].filter(card => (!state.done.has(card) || lostSet.has(card)) && !suspectSet.has(card));
    const failed = [...state.failed.keys()].filter(card => !inFolder.has(card)).length;
    const succeeded = state.done.size - lost.length;
    this.meter = new ProgressMeter({ total: succeeded + failed + suspects.length + todo.length, succeeded, failed });
    this.context.emit({ type: 'progress', batchId: this.id, ...this.meter.counts() });
    return { suspects, todo, csv };
  }

  /** Cards put in the folder while the batch ran are not read by it; say so at the end, so nobody misses them. */
  private async tellAppeared(journal: CheckpointJournal, planned: ReadonlySet<string>): Promise<void> {
    if (this.stopRequest) { return; }
    const state = journal.state;
    const appeared = (await listCardFiles(this.dir)).filter(card => !planned.has(card) && !state.done.has(card) && !state.failed.has(card));
    if (appeared.length === 0) { return; }
    const shown = appeared.slice(0, 5).join(', ') + (appeared.length > 5 ? ', …' : '');
    this.context.log('warn', `${appeared.length} ${appeared.length === 1 ? 'card' : 'cards'} appeared during the run (${shown}): resume to read them`);
  }

  /** The CSV is an export: a hand-edited one is kept aside before it is rewritten, and the user told where. */
  private tellKept(export_: { kept?: string }): void {
    if (export_.kept) {
      this.context.log('warn', `${batchPaths(this.dir).csvFile} was edited by hand; it is kept as ${export_.kept} and the CSV rewritten from json/ (correct values in review, not in the CSV)`);
    }
  }

  private async processAll(cards: string[], journal: CheckpointJournal, csv: RunningCsv): Promise<void> {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < cards.length && !this.stopRequest) {
        const card = cards[next++];
        await this.processCard(card, journal, csv);
      }
    };
    // One lane more than workers: the next card is decoded and prepared while the workers are busy.
    await Promise.all(Array.from({ length: this.context.parallelism + 1 }, lane));
  }

  private async processCard(card: string, journal: CheckpointJournal, csv: RunningCsv): Promise<void> {
    journal.started(card);
    if (this.context.crashOnCard === card) { process.kill(process.pid, 'SIGKILL'); }
    let outcome: Outcome<CardResult>;
    try {
      const escape = this.context.followCardLinks ? undefined : await linkOutOfFolder(this.dir, card);
      outcome = escape ? { ok: false, error: escape } : await recognizeCard(this.dir, card, this.config, await this.context.pool());
    } catch (error) {
      // A bug must cost one card, never the batch: keep the stack in the log and go on.
      this.context.log('error', `unexpected failure on ${card}: ${error instanceof Error ? error.stack : errorMessage(error)}`);
      outcome = failure('card/internal', `Unexpected error while reading ${card}; see the log`);
    }
    const write = this.outputs.then(() => this.record(card, outcome, journal, csv));
    this.outputs = write.catch(() => undefined);
    await write;
  }

  private async record(card: string, outcome: Outcome<CardResult>, journal: CheckpointJournal, csv: RunningCsv): Promise<void> {
    if (outcome.ok) {
      await writeCardJson(this.dir, outcome.value);
      await csv.append(outcome.value);
      journal.done(card);
      this.meter.record('succeeded');
      this.context.emit({ type: 'card', batchId: this.id, result: outcome.value });
    } else {
      await moveToErrors(this.dir, card, outcome.error);
      journal.failed(card, outcome.error.code);
      this.meter.record('failed');
      this.context.log('warn', `${card} failed: ${outcome.error.code} ${outcome.error.message}`);
      this.context.emit({ type: 'error', batchId: this.id, card, problem: outcome.error });
    }
    if (this.meter.isReportDue()) { this.context.emit({ type: 'progress', batchId: this.id, ...this.meter.counts() }); }
  }

  private fieldNames(): string[] { return this.config.fields.map(field => field.name); }
}
