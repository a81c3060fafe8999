// A batch's quality report from what is on disk (json/ and _errors/), so it can be computed at any time,
// one card at a time (batches of 50,000 cards never sit in memory at once). Knows nothing of OCR or IPC.
import { writeFileInside } from './no-follow';
import { readdir } from 'node:fs/promises';
import type { CardResult, ErrorEntry, FieldQuality, QualityReport } from '../protocol';
import { readBatchConfig } from './config';
import { batchPaths } from './paths';
import { readCardJson } from './outputs/card-json';
import { readErrorEntries } from './outputs/error-folder';

interface FieldCounts { filled: number; missing: number; invalid: number; lowConfidence: number; reviewed: number; confidenceSum: number; confidenceCount: number }

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** Adds cards and errors one by one; `finish()` gives the report. Field order: as given, then as first seen. */
export class QualityTally {
  private readonly counts = new Map<string, FieldCounts>();
  private readonly cards = { succeeded: 0, failed: 0, needsReview: 0, data: 0, blank: 0, reference: 0, emptyText: 0 };
  private readonly needsReview: QualityReport['needsReview'] = [];
  private readonly problemCards: QualityReport['problemCards'] = [];
  private readonly confidenceBins = new Array<number>(10).fill(0);

  constructor(fieldNames: readonly string[] = [], private readonly batchId?: string) {
    for (const name of fieldNames) { this.field(name); }
  }

  private field(name: string): FieldCounts {
    let counts = this.counts.get(name);
    if (!counts) {
      counts = { filled: 0, missing: 0, invalid: 0, lowConfidence: 0, reviewed: 0, confidenceSum: 0, confidenceCount: 0 };
      this.counts.set(name, counts);
    }
    return counts;
  }

  addResult(result: CardResult): void {
    this.cards.succeeded += 1;
    const kind = result.kind ?? 'data';
    this.cards[kind] += 1;
    if (result.needsReview) { this.cards.needsReview += 1; }
    if (result.confidence !== null) { this.confidenceBins[Math.min(9, Math.floor(result.confidence / 10))] += 1; }
    if (!/[\p{L}\p{N}]/u.test(result.text)) { this.cards.emptyText += 1; }
    const flagged: Record<string, CardResult['fields'][string]['flags']> = {};
    for (const [name, value] of Object.entries(result.fields)) {
      const counts = this.field(name);
      // Blank and reference cards are not expected to carry values: they count toward no field.
      if (kind !== 'data') { continue; }
      if (value.value !== '') { counts.filled += 1; }
      if (value.flags.includes('missing')) { counts.missing += 1; }
      if (value.flags.includes('invalid')) { counts.invalid += 1; }
      if (value.flags.includes('low-confidence')) { counts.lowConfidence += 1; }
      if (value.review) { counts.reviewed += 1; }
      if (value.value !== '' && value.confidence !== null) { counts.confidenceSum += value.confidence; counts.confidenceCount += 1; }
      if (value.flags.length > 0) { flagged[name] = value.flags; }
    }
    if (result.needsReview) { this.needsReview.push({ card: result.card, flags: flagged }); }
  }

  addError(entry: ErrorEntry): void {
    this.cards.failed += 1;
    this.problemCards.push({ card: entry.card, code: entry.problem.code, message: entry.problem.message });
  }

  finish(generatedAt = new Date().toISOString()): QualityReport {
    const byCard = (a: { card: string }, b: { card: string }) => (a.card < b.card ? -1 : a.card > b.card ? 1 : 0);
    const fields: FieldQuality[] = [...this.counts].map(([name, c]) => ({
      name, filled: c.filled,
      completeness: this.cards.data === 0 ? null : round(c.filled / this.cards.data, 4),
      missing: c.missing, invalid: c.invalid, lowConfidence: c.lowConfidence, reviewed: c.reviewed,
      meanConfidence: c.confidenceCount === 0 ? null : round(c.confidenceSum / c.confidenceCount, 1),
    }));
    return {
      version: 1,
      ...(this.batchId ? { batchId: this.batchId } : {}),
      generatedAt,
      cards: { total: this.cards.succeeded + this.cards.failed, ...this.cards },
      confidenceBins: [...this.confidenceBins],
      fields,
      needsReview: [...this.needsReview].sort(byCard),
      problemCards: [...this.problemCards].sort(byCard),
    };
  }
}

/** The cards that have a `json/<card>.json`, sorted; none when json/ does not exist yet. */
async function resultCards(dir: string): Promise<string[]> {
  try {
    return (await readdir(batchPaths(dir).jsonDir)).filter(name => name.endsWith('.json')).map(name => name.slice(0, -'.json'.length)).sort();
  } catch {
    // No json/ yet: nothing succeeded so far.
    return [];
  }
}

/**
 * The report of the batch in `dir` from json/ and _errors/ as they are now. Works without config.json (fields
 * then in order of appearance); a result file that cannot be read is a problem card (`batch/invalid`).
 */
export async function computeQualityReport(dir: string): Promise<QualityReport> {
  const config = await readBatchConfig(dir);
  const tally = config.ok ? new QualityTally(config.value.fields.map(field => field.name), config.value.id) : new QualityTally();
  for (const card of await resultCards(dir)) {
    const result = await readCardJson(dir, card);
    if (result.ok) {
      tally.addResult(result.value);
    } else {
      tally.addError({ card, problem: result.error, at: '' });
    }
  }
  for (const entry of await readErrorEntries(dir)) { tally.addError(entry); }
  return tally.finish();
}

/** Computes the report and writes `report.json` whole (tmp file, then rename); returns it. */
export async function writeQualityReport(dir: string): Promise<QualityReport> {
  const report = await computeQualityReport(dir);
  const file = batchPaths(dir).report;
  await writeFileInside(dir, file, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
