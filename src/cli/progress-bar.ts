// How a batch's progress looks in a terminal: a cli-progress bar on a TTY, one plain line per card otherwise.
// Knows nothing of the engine; it is fed counts and card outcomes.
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { Problem, ProgressCounts } from '../protocol';
import { t } from './l10n/index';

export interface ProgressView {
  update(counts: ProgressCounts): void;
  cardDone(card: string, durationMs: number): void;
  cardFailed(card: string, problem: Problem): void;
  /** Also prints anything else above the bar (notices, the engine restarting). */
  note(line: string): void;
  stop(): void;
}

function formatEta(seconds: number | null): string {
  if (seconds === null) { return '--'; }
  if (seconds < 60) { return `${seconds}s`; }
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m${String(seconds % 60).padStart(2, '0')}s` : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

class BarView implements ProgressView {
  private readonly bars = new MultiBar({
    // cli-progress fills these {tokens} itself, so the translation keeps them as they are.
    format: t('progress.bar'),
    hideCursor: true, clearOnComplete: false, stopOnComplete: false,
  }, Presets.shades_classic);
  private readonly bar: SingleBar = this.bars.create(0, 0, { failed: 0, speed: '0.0', eta: '--' });

  update(counts: ProgressCounts): void {
    this.bar.setTotal(counts.total);
    this.bar.update(counts.processed, { failed: counts.failed, speed: counts.cardsPerSecond.toFixed(1), eta: formatEta(counts.etaSeconds) });
  }
  cardDone(): void { /* the bar shows it */ }
  cardFailed(card: string, problem: Problem): void { this.bars.log(`${card}: ${problem.code} — ${problem.message}\n`); }
  note(line: string): void { this.bars.log(`${line}\n`); }
  stop(): void { this.bars.stop(); }
}

/** One line per card, for logs and pipes: `[3/12] card-3.jpg ok 0.4s`. */
class LineView implements ProgressView {
  /** Cards already processed when this run began (from the first progress message), and seen since. */
  private before: number | undefined;
  private seen = 0;
  private total = 0;
  constructor(private readonly out: NodeJS.WritableStream) {}
  update(counts: ProgressCounts): void {
    this.before ??= counts.processed;
    this.total = counts.total;
  }
  cardDone(card: string, durationMs: number): void { this.out.write(`${t('progress.cardOk', { position: this.next(), card, seconds: (durationMs / 1000).toFixed(1) })}\n`); }
  cardFailed(card: string, problem: Problem): void { this.out.write(`${t('progress.cardFailed', { position: this.next(), card, code: problem.code, message: problem.message })}\n`); }
  note(line: string): void { this.out.write(`${line}\n`); }
  stop(): void { /* nothing on screen to tidy */ }
  private next(): string {
    this.seen++;
    return `[${(this.before ?? 0) + this.seen}/${this.total}]`;
  }
}

export function createProgressView(stream: NodeJS.WriteStream): ProgressView {
  return stream.isTTY ? new BarView() : new LineView(stream);
}
