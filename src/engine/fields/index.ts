// Field extraction's door: from one OCR'd page and a field list to finished values. Knows no tesseract.
import { assertNever } from '../../common/assert';
import type { FieldFinder, FieldSpec, FieldValue } from '../../protocol';
import type { OcrPage, RawValue, RegionReader } from '../ocr-page';
import { findByLabel } from './find-label';
import { findByLines } from './find-lines';
import { PatternCache } from './find-pattern';
import { findByRegion, zoneReadings } from './find-region';
import { finishField } from './finish-field';
import { PageText } from './page-text';
import { sharedModelFiles, type ModelSource } from '../learned/model-source';
import type { ZonePage } from '../learned/learned-zones';
import { learnedSegments } from '../learned/zone-tokens';

type RegionFinder = Extract<FieldFinder, { by: 'region' }>;

/**
 * Runs each field's finder, then `finishField` (normalising, typing, validation, flags). Derived fields run
 * last, on the finished values of the fields they name. A field whose value is not found is '' (flagged
 * `missing` when required). Regions are OCR'd through `readRegion`, one call per region field; learned fields
 * with a region label the zone readings in `zones` (read before, keyed by `zoneKey`; a missing zone gives no value).
 */
/** Runs synchronous work (user regexes) under the card's time limit; see CardDeadline.runSync. */
export type SyncGuard = <T>(what: string, work: () => T) => T;

export async function extractFields(page: OcrPage, fields: readonly FieldSpec[], readRegion: RegionReader,
  guard: SyncGuard = (_what, work) => work(), models: ModelSource = sharedModelFiles.source,
  zones: ReadonlyMap<string, ZonePage> = new Map()): Promise<Record<string, FieldValue>> {
  const text = new PageText(page);
  const learned = learnedValues(page, models, fields, zones);
  const patterns = new PatternCache(text);
  const labels = fields.flatMap(f => (f.find.by === 'label' ? [f.find.label, ...(f.find.aliases ?? [])] : []));
  // A Map, not an object: field names such as `constructor` or `toString` must never meet Object.prototype.
  const values = new Map<string, FieldValue>();
  for (const spec of fields) {
    if (spec.find.by === 'derived') { continue; }
    // Region finders read OCR (async), learned ones ask their model (once per page); the others are synchronous and
    // may run user patterns, so they are guarded.
    const raw = spec.find.by === 'region' ? await findByRegion(page, spec.find.region, spec.find.ocr ?? {}, readRegion)
      : spec.find.by === 'learned' ? (await learned(spec.find.model)).get(spec.name)
        : guard(`finding field "${spec.name}"`, () => findSync(spec, page, text, patterns, labels));
    const value = finishGuarded(spec, raw, guard);
    values.set(spec.name, spec.find.by === 'region' ? await retryRegion(spec, spec.find, value, page, readRegion, guard) : value);
  }
  for (const spec of fields) {
    if (spec.find.by !== 'derived') { continue; }
    const { from, pattern, value, otherwise } = spec.find;
    const source = values.get(from)?.value ?? '';
    const hit = guard(`deriving field "${spec.name}"`, () => new RegExp(pattern, 'iu').test(source));
    // The source field's box is where a reviewer checks a derived value.
    const box = values.get(from)?.box;
    const raw = (text: string): RawValue => (box ? { text, words: [], box } : { text, words: [] });
    const derived: RawValue | undefined = hit ? raw(value) : otherwise !== undefined ? raw(otherwise) : undefined;
    values.set(spec.name, finishGuarded(spec, derived, guard));
  }
  // Keep the template's order, which is also the CSV's column order.
  return Object.fromEntries(fields.map(f => [f.name, values.get(f.name)!]));
}

/** Whether finishing the field runs a pattern of the template's (select, replace, validate): only then can it
 *  backtrack past the card's limit. The built-in normalisers and types are ours and linear. */
function runsTemplatePatterns(spec: FieldSpec): boolean {
  return spec.select !== undefined || (spec.replace?.length ?? 0) > 0 || spec.validate?.pattern !== undefined;
}

/** finishField, under the guard only where a template pattern runs: a guarded call starts a watchdog thread
 *  (~0.05 ms CPU, far more wall time on a busy machine), and a learned template finishes 12 fields a card. */
function finishGuarded(spec: FieldSpec, raw: RawValue | undefined, guard: SyncGuard): FieldValue {
  return runsTemplatePatterns(spec) ? guard(`finishing field "${spec.name}"`, () => finishField(raw, spec)) : finishField(raw, spec);
}

/** Each model labels the page once, however many fields it fills: the page and the zones its fields read (`zones`,
 *  read before, by key), as one token sequence. */
function learnedValues(page: OcrPage, models: ModelSource, fields: readonly FieldSpec[], zones: ReadonlyMap<string, ZonePage>): (modelPath: string | undefined) => Promise<Map<string, RawValue>> {
  const labelled = new Map<string, Promise<Map<string, RawValue>>>();
  return modelPath => {
    const key = modelPath ?? '';
    let values = labelled.get(key);
    if (!values) {
      const own = fields.filter(field => field.find.by === 'learned' && (field.find.model ?? '') === key);
      const segments = learnedSegments(page, own, zones);
      values = models(modelPath).then(labeller => labeller.label(page, segments));
      labelled.set(key, values);
    }
    return values;
  };
}

/** Empty, or read but failing its validation: worth another reading of the zone. */
function failed(value: FieldValue): boolean {
  return value.value === '' || value.flags.includes('invalid');
}

/** The zone's `retry` readings in turn while the value has failed; the first that does not fail wins. When all
 *  fail, the first reading that found anything (flagged invalid, for a reviewer to put right) beats an empty one. */
async function retryRegion(spec: FieldSpec, find: RegionFinder, first: FieldValue, page: OcrPage, readRegion: RegionReader, guard: SyncGuard): Promise<FieldValue> {
  if (!failed(first)) { return first; }
  let best = first;
  for (const reading of zoneReadings(find.ocr).retries) {
    const read = await findByRegion(page, find.region, reading, readRegion);
    const value = finishGuarded(spec, read, guard);
    if (!failed(value)) { return value; }
    if (best.value === '' && value.value !== '') { best = value; }
  }
  return best;
}

/** The finders that need no OCR of their own. */
function findSync(spec: FieldSpec, page: OcrPage, text: PageText, patterns: PatternCache, labels: string[]): RawValue | undefined {
  const find = spec.find;
  switch (find.by) {
    case 'label': {
      const own = new Set([find.label, ...(find.aliases ?? [])]);
      return findByLabel(text, find, labels.filter(l => !own.has(l)));
    }
    case 'pattern': return patterns.find(find, spec.name);
    case 'lines': return findByLines(page, find.from, find.to);
    // Regions read OCR and learned fields ask their model (both async, in extractFields); derived ones come last.
    case 'region':
    case 'derived':
    case 'learned': return undefined;
    // The card's kind is known only once the page is classified: recognizeCard fills it in.
    case 'kind': return undefined;
    default: return assertNever(find);
  }
}
