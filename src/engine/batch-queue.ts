// Runs batches one after another so they queue rather than fight for the cores; pause, cancel, shutdown.
// Knows nothing of IPC or OCR.
import { BugError } from '../common/assert';
import type { BatchSummary } from '../protocol';
import type { BatchRunner } from './batch-runner';

/**
 * Invariants: 1. at most one batch runs; 2. a batch is in the queue at most once (by folder);
 * 3. every batch ever added stays listed until the engine exits.
 */
export class BatchQueue {
  private readonly queued: BatchRunner[] = [];
  private running: { runner: BatchRunner; done: Promise<void> } | undefined;
  private readonly known = new Map<string, BatchRunner>();
  private stopping = false;

  /** The runner already queued or running for this folder, if any. */
  activeFor(dir: string): BatchRunner | undefined {
    if (this.running?.runner.dir === dir) { return this.running.runner; }
    return this.queued.find(runner => runner.dir === dir);
  }

  get(id: string): BatchRunner | undefined { return this.known.get(id); }

  list(): BatchSummary[] { return [...this.known.values()].map(runner => runner.summary()); }

  /** Nothing runs or waits: a batch added now starts at once. */
  get idle(): boolean { return !this.running && this.queued.length === 0 && !this.stopping; }

  /** Queues a runner whose status is on disk (`queued`, or `running` when it was added to an idle queue), and starts it when nothing else runs. */
  add(runner: BatchRunner): void {
    if (this.activeFor(runner.dir)) { throw new BugError(`batch in ${runner.dir} is already queued`); }
    this.known.set(runner.id, runner);
    this.queued.push(runner);
    this.startNext();
  }

  /** Pauses or cancels: a queued batch at once, a running one after its cards in flight. */
  async stop(id: string, status: 'paused' | 'cancelled'): Promise<void> {
    const index = this.queued.findIndex(runner => runner.id === id);
    if (index >= 0) {
      const [runner] = this.queued.splice(index, 1);
      await runner.markStopped(status);
      return;
    }
    if (this.running?.runner.id === id) {
      const { runner, done } = this.running;
      runner.requestStop(status);
      await done;
    }
  }

  /** Stops everything as `paused` (so a later resume continues), waiting for the cards in flight. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    for (const runner of this.queued.splice(0)) { await runner.markStopped('paused'); }
    if (this.running) {
      this.running.runner.requestStop('paused');
      await this.running.done;
    }
  }

  private startNext(): void {
    if (this.running || this.stopping) { return; }
    const runner = this.queued.shift();
    if (!runner) { return; }
    // run() never rejects: every failure becomes the batch's `failed` status.
    const done = runner.run().finally(() => {
      this.running = undefined;
      this.startNext();
    });
    this.running = { runner, done };
  }
}
