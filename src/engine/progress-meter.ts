// Counts a batch's cards and estimates speed and time left, smoothed; decides when progress is worth sending.
// Knows nothing of OCR, files or IPC.
import type { ProgressCounts } from '../protocol';

/** Speed is sampled at most once a second and smoothed, so the ETA does not jump with every card. */
const sampleMs = 1000;
const smoothing = 0.3;
/** At most ~10 progress messages a second per batch. */
const reportEveryMs = 100;

export class ProgressMeter {
  private processedThisRun = 0;
  private readonly startedAt: number;
  private sampleAt: number;
  private sampleProcessed = 0;
  private rate: number | undefined;
  private lastReportAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly totals: { total: number; succeeded: number; failed: number }, private readonly now: () => number = Date.now) {
    this.startedAt = now();
    this.sampleAt = this.startedAt;
  }

  record(outcome: 'succeeded' | 'failed'): void {
    this.totals[outcome]++;
    this.processedThisRun++;
    const at = this.now();
    if (at - this.sampleAt >= sampleMs) {
      const sampled = (this.processedThisRun - this.sampleProcessed) / ((at - this.sampleAt) / 1000);
      this.rate = this.rate === undefined ? sampled : smoothing * sampled + (1 - smoothing) * this.rate;
      this.sampleAt = at;
      this.sampleProcessed = this.processedThisRun;
    }
  }

  /** Adds cards found after the start (e.g. a suspect that turned out missing); keeps total ≥ processed. */
  addToTotal(count: number): void { this.totals.total += count; }

  counts(): ProgressCounts {
    const processed = this.totals.succeeded + this.totals.failed;
    const elapsedSeconds = (this.now() - this.startedAt) / 1000;
    const cardsPerSecond = this.rate ?? (elapsedSeconds > 0 ? this.processedThisRun / elapsedSeconds : 0);
    const remaining = Math.max(0, this.totals.total - processed);
    return {
      processed, total: Math.max(this.totals.total, processed), succeeded: this.totals.succeeded, failed: this.totals.failed,
      cardsPerSecond: Math.round(cardsPerSecond * 100) / 100,
      etaSeconds: remaining === 0 ? 0 : cardsPerSecond > 0 ? Math.round(remaining / cardsPerSecond) : null,
    };
  }

  /** True at most every 100 ms; the runner always sends a last one when the batch stops. */
  isReportDue(): boolean {
    const at = this.now();
    if (at - this.lastReportAt < reportEveryMs) { return false; }
    this.lastReportAt = at;
    return true;
  }
}
