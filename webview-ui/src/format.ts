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
