// Number and time formatting for the dashboard; pure, so unit tests cover it without a DOM.
import type { BatchStatus, FieldFlag, ProgressCounts } from '../../src/protocol/index';
import { pageLanguage, t } from './l10n/index';

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
  const digits = progress.cardsPerSecond >= 10 ? 0 : 1;
  const rate = formatNumber(progress.cardsPerSecond, digits);
  return t('progress.line', { percent: percentOf(progress), processed: progress.processed, total: progress.total, rate, eta: formatEta(progress.etaSeconds) });
}

/** The line under the bar once a batch stopped: what it came to, and what the run watched here did (a retry of one
 *  card says "1 card read again", not a rate over a second). */
export function resultLine(progress: ProgressCounts, run: { read: number; failed: number; startedAtMs: number; endedAtMs?: number } | undefined): string {
  const whole = t('progress.result', { percent: percentOf(progress), processed: progress.processed, total: progress.total, succeeded: progress.succeeded, failed: progress.failed });
  if (!run || run.endedAtMs === undefined || run.read + run.failed === progress.processed) { return whole; }
  const seconds = formatNumber(Math.max(0, (run.endedAtMs - run.startedAtMs) / 1000), 0);
  return `${whole} · ${t('progress.lastRun', { read: run.read, failed: run.failed, seconds })}`;
}

/** A number with a fixed count of decimals, in the page's language (`1.3`, German `1,3`). */
export function formatNumber(value: number, digits: number): string {
  return value.toLocaleString(pageLanguage, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
}

/** A batch status as the page says it. */
export function statusText(status: BatchStatus): string { return t(`status.${status}`); }

/** A field flag as the page says it. */
export function flagText(flag: FieldFlag): string { return t(`flag.${flag}`); }

/** A confidence 0..100 as shown in the table; `—` when no words were found. */
export function formatConfidence(confidence: number | null): string {
  return confidence === null ? '—' : String(Math.round(confidence));
}
