// Number and time formatting for the dashboard; pure, so unit tests cover it without a DOM.
import type { ProgressCounts } from '../../src/protocol/index';

/** `0:42`, `12:05`, `1:02:03`; `—` when unknown (no rate yet). */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) { return '—'; }
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** Whole percent of cards processed; 0 for an empty batch. */
export function percentOf(progress: Pick<ProgressCounts, 'processed' | 'total'>): number {
  return progress.total === 0 ? 0 : Math.min(100, Math.floor((progress.processed / progress.total) * 100));
}

/** The one-line summary under the bar: `42% · 21/50 cards · 3.2 cards/s · ETA 0:12`. */
export function progressLine(progress: ProgressCounts): string {
  const rate = progress.cardsPerSecond >= 10 ? progress.cardsPerSecond.toFixed(0) : progress.cardsPerSecond.toFixed(1);
  return `${percentOf(progress)}% · ${progress.processed}/${progress.total} cards · ${rate} cards/s · ETA ${formatEta(progress.etaSeconds)}`;
}

/** A confidence 0..100 as shown in the table; `—` when no words were found. */
export function formatConfidence(confidence: number | null): string {
  return confidence === null ? '—' : String(Math.round(confidence));
}
