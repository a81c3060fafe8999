// How often each field of a template was found on the first cards of a batch: a template that finds `author`
// on 3 of 20 cards is probably the wrong one, and saying so after 20 cards saves reading the other 2,000.
import type { CardResult } from '../protocol';

/** The first cards looked at, and the share below which a field counts as rarely found. */
export const coverageSample = 20;
export const coverageWarnBelow = 0.5;

export interface FieldCoverage { field: string; found: number; of: number }

/**
 * Fields found (a non-empty value) on fewer than `warnBelow` of the data cards among `results`; blank and
 * reference cards carry no values and are left out. Sorted by how rarely they were found.
 */
export function rarelyFoundFields(results: readonly CardResult[], fields: readonly string[], warnBelow = coverageWarnBelow): FieldCoverage[] {
  const data = results.filter(result => (result.kind ?? 'data') === 'data');
  if (data.length === 0) { return []; }
  return fields.map(field => ({ field, found: data.filter(result => (result.fields[field]?.value ?? '') !== '').length, of: data.length }))
    .filter(coverage => coverage.found < coverage.of * warnBelow)
    .sort((a, b) => a.found - b.found);
}
