// Trains a learned model from checked cards: aligns each card's values to its OCR tokens, fits the token CRF,
// learns each field's edge trimming, and fits a card-level CRF step for class fields. Pure (no files).
import { asReading, readingKeys } from './page-readings';
import type { FieldType, LearnedFieldRule, LearnedModel } from '../../protocol';
import type { OcrPage } from '../ocr-page';
import { alignThreshold, type AlignScope, type CardAlignment, type TruthValue } from './align';
import { alignPointed, type PointedField } from './pointed-labels';
import { cardAttributes } from './card-attributes';
import { Crf, type CrfSequence } from './crf';
import { sequenceFeatures, sequenceTokens, type TokenSegment } from './zone-tokens';
import { NamedCrf } from './stored-crf';
import { indelSimilarity } from '../eval/indel';
import { titleCaseCaps } from '../fields/normalise';
import { learnFixedPrefix } from './fixed-prefix';
import { learnKnownValues } from './known-values';
import { gluedMarksAfter, learnMarkMap, runEnds, trailingMarks } from './edge-marks';
import { noneAfter } from './none-labels';
import { learnRequired, learnValueShapes } from './value-shapes';
import type { Token } from './features';
import { closerVote, learnRewrites, type ValuePiece } from './value-rewrites';

/** One checked card: its OCR and the values a person settled on (a list field may hold several). */
export interface TrainingCard {
  card: string; page: OcrPage; truth: TruthValue[];
  /** Words a reviewer pointed at per field: exact token labels for those fields instead of fuzzy alignment. */
  pointed?: readonly PointedField[];
  /** The readings the model labels (see learnedSegments). @default the page alone */
  segments?: readonly TokenSegment[];
}
/** A field to learn; `zone` is the index of the learned zone it is read from (see learnedTargets), absent: the page. */
export interface FieldTarget { name: string; type?: FieldType; zone?: number }

/** A field read from a zone is looked for in that zone alone, where little else is typed: a span this close is its
 *  value, though OCR slipped more than `alignThreshold` allows on the whole page (`B.51.322.CB.2&` for `…GB.266`). */
export const zoneAlignThreshold = 0.6;

/** The fields' zones as an alignment scope; none when no field reads a zone, so page-only training is as it was. */
function zoneScope(fields: readonly FieldTarget[]): AlignScope | undefined {
  if (fields.every(field => field.zone === undefined)) { return undefined; }
  const zones = new Map(fields.map(field => [field.name, field.zone]));
  return {
    allows: (field, token) => token.zone === zones.get(field),
    threshold: field => (zones.get(field) === undefined ? alignThreshold : zoneAlignThreshold),
  };
}

export interface FieldTrainingReport {
  field: string;
  /** Cards whose checked value is not empty. */
  withValue: number;
  /** Of those, cards where the value was found among the OCR tokens (and so taught the model). */
  found: number;
  /** Cards whose value is not in the OCR text: reported, not guessed. */
  notFound: number;
  /** Learned as a card class rather than from tokens. */
  asClass: boolean;
}

export interface TrainingReport {
  cards: number;
  tokens: number;
  attributes: number;
  trainingMs: number;
  fields: FieldTrainingReport[];
}

export interface TrainOptions {
  /** @default 0.1 */
  l2?: number;
  /** @default 150 */
  maxIterations?: number;
  /** Attributes seen fewer times than this in training are left out. @default 2 from 40 cards, else 1 */
  minAttributeCount?: number;
  /** A checked value not found leaves the tokens of its closest span (a near miss) open: field or none. @default true */
  partialLabels?: boolean;
  /** Values checked on several cards snap found values close to them. @default true */
  knownValues?: boolean;
  /** A token model for each other reading of the whole card the cards hold (see page-readings). @default true */
  readings?: boolean;
}

/** `alsoAllowed`: per token, labels it may carry besides its own (partial labels, see CrfSequence.allowed). */
interface Encoded { names: string[][]; labels: string[]; alsoAllowed?: string[][] }

/**
 * Labels where a token of no field says which field came last (see noneAfter). A token left open (field or none,
 * see unsureLabels) may have been its field, so the tokens of no field after it may follow either.
 */
function rememberLastField(labels: readonly string[], open: string[][] | undefined): Pick<Encoded, 'labels' | 'alsoAllowed'> {
  let last = '';
  let maybeLast: string[] = [];
  const remembered: string[] = [];
  const alsoAllowed: string[][] = [];
  labels.forEach((label, t) => {
    if (label !== '') {
      last = label;
      maybeLast = [];
      remembered.push(label);
      alsoAllowed.push([]);
      return;
    }
    const fields = open?.[t] ?? [];
    remembered.push(noneAfter(last));
    alsoAllowed.push([...fields, ...maybeLast.map(noneAfter)]);
    for (const field of fields) { if (!maybeLast.includes(field) && field !== last) { maybeLast.push(field); } }
  });
  return alsoAllowed.some(list => list.length > 0) ? { labels: remembered, alsoAllowed } : { labels: remembered };
}

/** A few distinct values, mostly not found in the text: a class of the card (its type), not a span of it. */
function isClassField(values: string[], found: number): boolean {
  const distinct = new Set(values).size;
  return values.length >= 2 && distinct <= Math.max(2, Math.floor(values.length / 10)) && found < values.length / 2;
}

/** Attribute names seen at least `minCount` times, in first-seen order. */
function frequentAttributes(sequences: readonly string[][][], minCount: number): string[] {
  const counts = new Map<string, number>();
  for (const sequence of sequences) { for (const token of sequence) { for (const name of token) { counts.set(name, (counts.get(name) ?? 0) + 1); } } }
  return [...counts.entries()].filter(([, count]) => count >= minCount).map(([name]) => name);
}

function allowedMask(s: Encoded, labelIds: ReadonlyMap<string, number>): Uint8Array {
  const L = labelIds.size;
  const mask = new Uint8Array(s.labels.length * L);
  s.labels.forEach((label, t) => {
    mask[t * L + (labelIds.get(label) ?? 0)] = 1;
    for (const other of s.alsoAllowed?.[t] ?? []) { const id = labelIds.get(other); if (id !== undefined) { mask[t * L + id] = 1; } }
  });
  return mask;
}

/** A checked value the OCR text was not found to hold may still be there, misread past alignment: the tokens of
 *  its closest span may be that field or none, rather than taught as none. */
function unsureLabels(labels: readonly string[], nearMisses: CardAlignment['nearMisses'], fields: readonly string[]): string[][] | undefined {
  const misses = nearMisses.filter(miss => fields.includes(miss.field));
  if (misses.length === 0) { return undefined; }
  const open: string[][] = labels.map(() => []);
  for (const miss of misses) { for (const t of miss.tokens) { if (labels[t] === '') { open[t].push(miss.field); } } }
  return open;
}

function fitCrf(sequences: Encoded[], labels: string[], minCount: number, options: TrainOptions): NamedCrf {
  const attributes = frequentAttributes(sequences.map(s => s.names), minCount);
  const empty = new NamedCrf(labels, attributes, new Crf(labels.length, attributes.length, new Float64Array(Crf.size(labels.length, attributes.length))));
  const labelIds = new Map(labels.map((label, i) => [label, i]));
  const data: CrfSequence[] = sequences.map(s => ({
    attributes: s.names.map(names => empty.encode(names)),
    labels: Int32Array.from(s.labels.map(label => labelIds.get(label) ?? 0)),
    ...(s.alsoAllowed ? { allowed: allowedMask(s, labelIds) } : {}),
  }));
  const crf = Crf.train(data, labels.length, attributes.length, { l2: options.l2 ?? 0.1, maxIterations: options.maxIterations ?? 150 });
  return new NamedCrf(labels, attributes, crf);
}

/** A found value's tokens as the finder assembles them: glued where one OCR word goes on, a new line where the
 *  card's does. */
function hitPieces(tokens: readonly Token[], found: readonly number[]): ValuePiece[] {
  return found.map((t, i) => ({
    text: tokens[t].word.text,
    glued: i > 0 && tokens[t].piece > 0 && found[i - 1] === t - 1,
    newLine: i > 0 && tokens[t].line !== tokens[found[i - 1]].line,
  }));
}

/** Edge characters whose removal brought the span closer to the checked value more often than not. */
function learnTrimming(pairs: Array<{ span: string; truth: string }>, listField: boolean): LearnedFieldRule {
  const tally = (edge: 'start' | 'end') => {
    const votes = new Map<string, number>();
    for (const { span, truth } of pairs) {
      const chars = [...span.trim()];
      const c = edge === 'end' ? chars.at(-1) : chars[0];
      if (!c || /[\p{L}\p{N}]/u.test(c)) { continue; }
      const without = (edge === 'end' ? chars.slice(0, -1) : chars.slice(1)).join('');
      const gain = indelSimilarity(without, truth) - indelSimilarity(chars.join(''), truth);
      votes.set(c, (votes.get(c) ?? 0) + Math.sign(gain));
    }
    return [...votes.entries()].filter(([, n]) => n > 0).map(([c]) => c).join('');
  };
  // Title case is learned when it brought more spans closer to their checked value than it took away.
  const recased = closerVote(pairs, p => p.span, p => titleCaseCaps(p.span), p => p.truth);
  return { trimLeading: tally('start'), trimTrailing: tally('end'), ...(listField ? { allRuns: true } : {}), ...(recased > 0 ? { titleCaseCaps: true } : {}) };
}

/**
 * The readings to train on. A zone with retry readings whose fields are checked (learned shapes, or a value nearly
 * every card has) is taken in the first reading where those fields' checked values are all found, else in its
 * first: labelling takes the first reading whose values pass, so the model learns from readings like those it gets.
 */
function trainingSegments(segments: readonly TokenSegment[], truth: readonly TruthValue[], checkedZones: ReadonlyMap<number, string[]>,
  align: (tokens: Token[]) => CardAlignment): TokenSegment[] {
  let chosen = [...segments];
  segments.forEach((segment, i) => {
    const checked = segment.zone && segment.alternatives ? checkedZones.get(segment.zone.index) : undefined;
    const needed = (checked ?? []).filter(field => truth.some(t => t.field === field && t.value.trim() !== ''));
    if (needed.length === 0) { return; }
    for (const page of [segment.page, ...(segment.alternatives ?? [])]) {
      const candidate = chosen.map((s, j) => (j === i ? { ...s, page } : s));
      const found = align(sequenceTokens(candidate)).found;
      if (needed.every(field => found.some(f => f.field === field))) { chosen = candidate; return; }
    }
  });
  return chosen;
}

export function trainModel(cards: readonly TrainingCard[], fields: readonly FieldTarget[], options: TrainOptions = {}): { model: LearnedModel; report: TrainingReport } {
  const startedAt = Date.now();
  const types = new Map(fields.map(f => [f.name, f.type]));
  const scope = zoneScope(fields);
  // Typed fields (a date) are checked in their typed form, which is not how the card spells them: no shapes.
  const shapes = new Map(fields.filter(field => (field.type ?? 'text') === 'text').flatMap(field => {
    const learned = learnValueShapes(cards.flatMap(card => card.truth.filter(t => t.field === field.name).map(t => t.value)));
    return learned ? [[field.name, learned] as const] : [];
  }));
  // A field nearly every checked card has a value for is missing where a reading gives it none.
  const required = new Set(fields.filter(field => learnRequired(
    cards.filter(card => card.truth.some(t => t.field === field.name && t.value.trim() !== '')).length, cards.length)).map(field => field.name));
  const checkedZones = new Map<number, string[]>();
  for (const field of fields) {
    if (field.zone !== undefined && (shapes.has(field.name) || required.has(field.name))) { checkedZones.set(field.zone, [...(checkedZones.get(field.zone) ?? []), field.name]); }
  }
  const prepared = cards.map(card => {
    const truth = card.truth.filter(t => types.has(t.field)).map(t => ({ ...t, ...(types.get(t.field) ? { type: types.get(t.field) } : {}) }));
    const given = card.segments ?? [{ page: card.page }];
    // Pointed words are the page's: without the page in the sequence, the checked values are searched for instead.
    const pointed = given[0]?.zone === undefined ? card.pointed : undefined;
    const align = (tokens: Token[]) => alignPointed(card.page, tokens, truth, pointed, scope);
    const segments = trainingSegments(given, truth, checkedZones, align);
    const tokens = sequenceTokens(segments);
    return { card, tokens, names: sequenceFeatures(segments), alignment: align(tokens), truth };
  });
  const reports: FieldTrainingReport[] = fields.map(field => {
    const values = prepared.flatMap(p => p.truth.filter(t => t.field === field.name && t.value.trim() !== '').slice(0, 1).map(t => t.value.trim()));
    const found = prepared.filter(p => p.alignment.found.some(f => f.field === field.name)).length;
    return { field: field.name, withValue: values.length, found, notFound: values.length - found, asClass: isClassField(values, found) };
  });
  const classFields = reports.filter(r => r.asClass).map(r => r.field);
  const tokenFields = reports.filter(r => !r.asClass && r.found > 0).map(r => r.field);
  const minCount = options.minAttributeCount ?? (cards.length >= 40 ? 2 : 1);
  const tokenLabels = ['', ...tokenFields, ...tokenFields.map(noneAfter)];
  const tokenModel = fitCrf(prepared.map(p => {
    const plain = p.alignment.labels.map(label => (tokenFields.includes(label) ? label : ''));
    const unsure = options.partialLabels === false ? undefined : unsureLabels(plain, p.alignment.nearMisses, tokenFields);
    return { names: p.names, ...rememberLastField(plain, unsure) };
  }), tokenLabels, minCount, options);
  const rules: Record<string, LearnedFieldRule> = {};
  for (const field of tokenFields) {
    // Each card where the field's value was found: its tokens and the value as checked.
    const hits = prepared.flatMap(p => {
      const hit = p.alignment.found.find(f => f.field === field);
      return hit ? [{ p, hit, truth: p.truth.find(t => t.field === field)?.value ?? '' }] : [];
    });
    rules[field] = learnTrimming(hits.map(({ p, hit, truth }) => ({ span: hit.tokens.map(i => p.tokens[i].word.text).join(' '), truth })),
      prepared.some(p => p.truth.filter(t => t.field === field && t.value.trim() !== '').length > 1));
    const markMap = learnMarkMap(hits.flatMap(({ p, hit, truth }) => runEnds(hit.tokens).map(end => ({ ocr: gluedMarksAfter(p.tokens, end), truth: trailingMarks(truth) }))));
    if (Object.keys(markMap).length > 0) { rules[field] = { ...rules[field], markMap }; }
    const checked = prepared.flatMap(p => p.truth.filter(t => t.field === field).map(t => t.value));
    const recase = rules[field].titleCaseCaps ? titleCaseCaps : undefined;
    rules[field] = { ...rules[field], ...learnRewrites(hits.map(({ p, hit, truth }) => ({ pieces: hitPieces(p.tokens, hit.tokens), truth })), checked, recase) };
    const fixedPrefix = learnFixedPrefix(checked);
    if (fixedPrefix) { rules[field] = { ...rules[field], fixedPrefix }; }
    const knownValues = options.knownValues === false ? undefined : learnKnownValues(checked);
    if (knownValues) { rules[field] = { ...rules[field], knownValues }; }
    const zone = fields.find(f => f.name === field)?.zone;
    if (zone !== undefined) { rules[field] = { ...rules[field], zone, ...(shapes.has(field) ? { shapes: shapes.get(field) } : {}), ...(required.has(field) ? { required: true } : {}) }; }
  }
  const classes: LearnedModel['classes'] = {};
  for (const field of classFields) {
    const valueOf = (p: typeof prepared[number]) => p.truth.find(t => t.field === field)?.value.trim() ?? '';
    const labels = [...new Set(prepared.map(valueOf))].sort();
    classes[field] = fitCrf(prepared.map(p => ({ names: [cardAttributes(p.card.page)], labels: [valueOf(p)] })), labels, minCount, { ...options, l2: Math.max(options.l2 ?? 0.1, 1) }).toStored();
  }
  const readings = options.readings === false ? [] : readingKeys(cards).map(key => ({
    key, tokens: trainModel(cards.flatMap(card => asReading(card, key) ?? []), fields, { ...options, readings: false }).model.tokens,
  }));
  const model: LearnedModel = {
    format: 'card-ocr-learned-model', version: 1, trainedAt: new Date().toISOString(), cards: cards.length,
    tokens: tokenModel.toStored(), fields: rules, classes, ...(readings.length > 0 ? { readings } : {}),
  };
  return { model, report: {
    cards: cards.length, tokens: prepared.reduce((sum, p) => sum + p.tokens.length, 0), attributes: tokenModel.attributes.length,
    trainingMs: Date.now() - startedAt, fields: reports,
  } };
}
