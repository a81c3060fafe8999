// The parent side of the engine child: forks it, sends typed requests, relays batch messages, and restarts it
// (resuming its batches) when it dies unexpectedly. Knows nothing of what runs inside the child.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { errorMessage } from '../common/assert';
import { Emitter, type Disposable, type EventListen } from '../common/lifecycle';
import {
  EngineOutput, failure, isActiveStatus, parseEngineReply, type BatchId, type BatchMessage, type BatchSummary, type CardResult, type EngineReply, type EngineRequest,
  type EngineRequestBody, type EngineRequestType, type EngineSettings, type Outcome, type LearnParams, type PreviewParams, type ReviewParams, type StartBatchParams, type TemplateListing,
} from '../protocol';
import { childOutputLevel } from './child-output-level';

type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface EngineClientOptions {
  settings: EngineSettings;
  /** @default dist/engine.js beside the running bundle, or src/engine/main.ts (through tsx) when running from source */
  enginePath?: string;
  onLog?: (level: LogLevel, message: string) => void;
  /** Extra environment variables for the child, added to this process's (crash tests set their hook here). */
  env?: Record<string, string>;
}

type WireOutcome = Extract<EngineOutput, { type: 'reply' }>['outcome'];

/** Restarts allowed in a row without a single card finishing; past it the engine is considered broken. */
const maxRestartsWithoutProgress = 3;
/** How long a graceful close may take before the child is killed. */
const closeTimeoutMs = 60_000;

function defaultEnginePath(): string {
  // Bundled, this code sits in dist/ beside engine.js; under tsx (tests, development) it is src/engine/*.ts.
  return __filename.endsWith('.ts') ? join(__dirname, 'main.ts') : join(__dirname, 'engine.js');
}

/**
 * The engine child's environment: the caller's, with glibc's malloc held to two arenas and a fixed mmap threshold,
 * each unless the caller set it. tesseract.js workers are threads the pool retires every few hundred cards; every new
 * thread took a fresh arena, and glibc's sliding mmap threshold kept their large buffers inside the arenas, so freed
 * memory stayed fragmented and the engine's RSS climbed at each recycle (340 → 385 MB over 2,000 cards). With both,
 * large buffers are mapped and given back: flat at 235–243 MB (bench/RESULTS.md). Only glibc reads these variables.
 */
export function engineEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2', MALLOC_MMAP_THRESHOLD_: env.MALLOC_MMAP_THRESHOLD_ ?? '131072' };
}

/**
 * Invariants: 1. every request gets exactly one answer, a failure `engine/unavailable` if the child died first;
 * 2. a batch the child was running or had queued when it died is resumed in the new child;
 * 3. after `close()` resolves no child is left and nothing restarts.
 */
export class EngineClient implements Disposable {
  private child: ChildProcess | undefined;
  private nextRequestId = 1;
  private readonly pending = new Map<number, (outcome: WireOutcome) => void>();
  /** Batches queued or running in the child, by id, with their folder: what a restart resumes. */
  private readonly active = new Map<BatchId, string>();
  private ready: Promise<void> = Promise.resolve();
  private closing = false;
  private restartsWithoutProgress = 0;
  private readonly messageEmitter = new Emitter<BatchMessage>();
  private readonly restartEmitter = new Emitter<{ reason: string }>();

  /** Every BatchMessage from the child, in order. */
  readonly onDidReceiveMessage: EventListen<BatchMessage> = this.messageEmitter.event;
  /** The child died unexpectedly and was restarted; its batches are being resumed. */
  readonly onDidRestart: EventListen<{ reason: string }> = this.restartEmitter.event;

  private constructor(private readonly options: EngineClientOptions) {}

  /** Forks the engine and configures it; rejects if the child cannot start (a broken install). */
  static async start(options: EngineClientOptions): Promise<EngineClient> {
    const client = new EngineClient(options);
    client.ready = client.spawn();
    await client.ready;
    return client;
  }

  get childPid(): number | undefined { return this.child?.pid; }

  startBatch(params: StartBatchParams): Promise<Outcome<BatchSummary>> { return this.batchRequest({ type: 'start', params }); }
  resumeBatch(dir: string): Promise<Outcome<BatchSummary>> { return this.batchRequest({ type: 'resume', dir }); }
  retryBatch(dir: string): Promise<Outcome<BatchSummary>> { return this.batchRequest({ type: 'retry', dir }); }
  pauseBatch(batchId: BatchId): Promise<Outcome<BatchSummary>> { return this.batchRequest({ type: 'pause', batchId }); }
  cancelBatch(batchId: BatchId): Promise<Outcome<BatchSummary>> { return this.batchRequest({ type: 'cancel', batchId }); }

  /**
   * Reads one card with `params.fields` as a batch would, writing nothing: the result (words included), or the
   * card's problem (`card/*`, `language/missing`); `engine/unavailable` when no engine is running.
   */
  async previewCard(params: PreviewParams): Promise<Outcome<CardResult>> {
    const outcome = await this.request({ type: 'preview', params });
    return outcome.ok ? { ok: true, value: outcome.value.result } : outcome;
  }

  /** Saves a review through the engine, the batch folder's only writer: the updated result, and where a hand-edited
   *  CSV was kept before it was rewritten. */
  reviewCard(params: ReviewParams): Promise<Outcome<EngineReply<'review'>>> { return this.request({ type: 'review', params }); }

  /** Trains the batch's learned fields from its checked cards and re-extracts its cards (see the `learn` request). */
  learnBatch(params: LearnParams): Promise<Outcome<EngineReply<'learn'>>> { return this.request({ type: 'learn', params }); }

  /** Sets the batch's outputs aside in `_previous/<time>/` (the engine holds the folder's lock meanwhile): that folder. */
  async setAside(dir: string): Promise<Outcome<string>> {
    const outcome = await this.request({ type: 'setAside', dir });
    return outcome.ok ? { ok: true, value: outcome.value.kept } : outcome;
  }

  /** The template library as the engine sees it (bundled, then each workspace folder's saved templates). */
  listTemplates(workspaceDirs: readonly string[]): Promise<Outcome<TemplateListing>> { return this.request({ type: 'templates', workspaceDirs: [...workspaceDirs] }); }

  /** The batch's CSV file, checked by the engine (the folder's owner) before it is served. */
  async csvFile(dir: string): Promise<Outcome<string>> {
    const outcome = await this.request({ type: 'csvFile', dir });
    return outcome.ok ? { ok: true, value: outcome.value.file } : outcome;
  }

  async listBatches(): Promise<BatchSummary[]> {
    const outcome = await this.request({ type: 'list' });
    return outcome.ok ? outcome.value.batches : [];
  }

  /** Graceful: cards in flight finish, checkpoints are flushed, running batches are left `paused`, the child exits. */
  async close(): Promise<void> {
    if (this.closing) { return; }
    this.closing = true;
    await this.ready.catch(() => undefined);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      const timer = setTimeout(() => child.kill('SIGKILL'), closeTimeoutMs);
      await this.request({ type: 'shutdown' });
      await exited;
      clearTimeout(timer);
    }
    this.messageEmitter.dispose();
    this.restartEmitter.dispose();
  }

  dispose(): void { void this.close(); }

  private async batchRequest(body: EngineRequestBody<'start' | 'resume' | 'retry' | 'pause' | 'cancel'>): Promise<Outcome<BatchSummary>> {
    const outcome = await this.request(body);
    if (!outcome.ok) { return outcome; }
    const batch = outcome.value.batch;
    if (isActiveStatus(batch.status)) { this.active.set(batch.id, batch.dir); }
    return { ok: true, value: batch };
  }

  private async request<K extends EngineRequestType>(body: EngineRequestBody<K>): Promise<Outcome<EngineReply<K>>> {
    // A failed start or restart has already been reported; send() then answers engine/unavailable.
    await this.ready.catch(() => undefined);
    return this.send(body);
  }

  /** Sends one request; its reply's value is checked against the reply schema declared for its type. */
  private async send<K extends EngineRequestType>(body: EngineRequestBody<K>): Promise<Outcome<EngineReply<K>>> {
    const child = this.child;
    if (!child?.connected) { return failure('engine/unavailable', 'The OCR engine is not running'); }
    const requestId = this.nextRequestId++;
    const outcome = await new Promise<WireOutcome>(resolve => {
      this.pending.set(requestId, resolve);
      child.send({ ...body, requestId } as EngineRequest);
    });
    if (!outcome.ok) { return outcome; }
    const value = parseEngineReply(body.type, outcome.value);
    return value.success ? { ok: true, value: value.data } : failure('internal', `The engine answered ${body.type} with an unexpected value`);
  }

  private async spawn(): Promise<void> {
    const enginePath = this.options.enginePath ?? defaultEnginePath();
    const child = fork(enginePath, [], {
      // Resolved from here, not from the caller's folder, so running from source works from any cwd.
      execArgv: enginePath.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
      env: { ...engineEnvironment(process.env), ...this.options.env },
    });
    this.child = child;
    const log = this.options.onLog ?? (() => undefined);
    // The child's own output (tesseract's notes, a crash trace) goes to the log, never to the terminal.
    createInterface({ input: child.stdout! }).on('line', line => log(childOutputLevel(line, 'stdout'), `engine: ${line}`));
    createInterface({ input: child.stderr! }).on('line', line => log(childOutputLevel(line, 'stderr'), `engine: ${line}`));
    child.on('message', raw => this.onChildMessage(raw));
    child.on('exit', (code, signal) => this.onChildExit(child, code, signal));
    const configured = await this.send({ type: 'configure', settings: this.options.settings });
    if (!configured.ok) { throw new Error(`The OCR engine refused its settings: ${configured.error.message}`); }
  }

  private onChildMessage(raw: unknown): void {
    const parsed = EngineOutput.safeParse(raw);
    if (!parsed.success) {
      this.options.onLog?.('error', `ignored a malformed message from the engine: ${parsed.error.issues[0]?.message ?? ''}`);
      return;
    }
    const output = parsed.data;
    switch (output.type) {
      case 'reply': {
        const resolve = this.pending.get(output.requestId);
        this.pending.delete(output.requestId);
        resolve?.(output.outcome);
        break;
      }
      case 'log': this.options.onLog?.(output.level, output.message); break;
      case 'batch': this.onBatchMessage(output.message); break;
    }
  }

  private onBatchMessage(message: BatchMessage): void {
    if (message.type === 'card' || message.type === 'error') { this.restartsWithoutProgress = 0; }
    if (message.type === 'status' && !isActiveStatus(message.status)) { this.active.delete(message.batchId); }
    this.messageEmitter.fire(message);
  }

  private onChildExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) { return; }
    for (const resolve of this.pending.values()) { resolve(failure('engine/unavailable', 'The OCR engine stopped before answering')); }
    this.pending.clear();
    if (this.closing) { return; }
    const reason = signal ? `the engine was killed (${signal})` : `the engine exited with code ${code}`;
    this.options.onLog?.('warn', `${reason}; restarting it`);
    this.restartsWithoutProgress++;
    if (this.restartsWithoutProgress > maxRestartsWithoutProgress) {
      this.giveUp(reason);
      return;
    }
    this.restartEmitter.fire({ reason });
    this.ready = this.spawn().then(async () => {
      for (const dir of [...new Set(this.active.values())]) {
        const resumed = await this.send({ type: 'resume', dir });
        if (!resumed.ok) { this.options.onLog?.('error', `could not resume the batch in ${dir}: ${resumed.error.message}`); }
      }
    });
    this.ready.catch(error => {
      this.giveUp(`the engine could not be restarted: ${errorMessage(error)}`);
    });
  }

  /** Tells every watcher of an active batch that it failed, since no engine is left to say so. */
  private giveUp(reason: string): void {
    this.options.onLog?.('error', `${reason}; not restarting the engine again`);
    this.child = undefined;
    for (const batchId of this.active.keys()) {
      this.messageEmitter.fire({ type: 'status', batchId, status: 'failed', problem: { code: 'engine/unavailable', message: `The OCR engine keeps stopping (${reason})` } });
    }
    this.active.clear();
  }
}
