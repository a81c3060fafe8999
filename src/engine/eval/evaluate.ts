// `card-ocr eval`: scores a batch's card results against hand-checked truth files, field by field.
// Reads json/ and the truth folder; writes nothing. Scoring follows cards-dev's README (RISE benchmark).
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { CardResult, failure, type Outcome } from '../../protocol';
import { indelSimilarity } from './indel';
import { benchmarkTruth, fieldOfPath, layOutFields, terminalPaths, valueAt, type Json } from './truth-paths';
import { batchPaths } from '../../batch-folder/index';

/** A value at least this similar to the truth counts as a match for precision, recall and F1. */
export const matchThreshold = 0.92;

export interface KeyScore { path: string; field: string; truth: string; value: string | undefined; similarity: number }
export interface CardScore { card: string; truthFile: string; similarity: number; keys: KeyScore[] }
export interface FieldScore {
  field: string; truePositives: number; falsePositives: number; falseNegatives: number;
  precision: number; recall: number; f1: number; meanSimilarity: number; keys: number;
}
export interface EvalReport {
  cards: number;
  /** Micro-averaged over every key of every card. */
  f1: number;
  /** Mean over cards of each card's F1 (rounded to 2 decimals, as the RISE benchmarks report it): their headline. */
  f1Macro: number;
  /** Mean over cards of each card's mean key similarity. */
  similarity: number;
  fields: FieldScore[];
  perCard: CardScore[];
  /** Truth files with no card result in the batch (scored 0 on every key). */
  missingResults: string[];
}

/** null and "null" are the empty string; numbers and booleans compare as their text. */
function asText(value: Json | undefined): string | undefined {
  if (value === undefined) { return undefined; }
  if (value === null || value === 'null') { return ''; }
  return typeof value === 'object' ? undefined : String(value);
}

/** 1 for equal values, 0 when exactly one side is missing (or not a plain value), else Indel similarity. */
export function scoreValue(value: Json | undefined, truth: Json | undefined): number {
  const a = asText(value);
  const b = asText(truth);
  if (a === undefined || b === undefined) { return a === b && value !== undefined ? 1 : 0; }
  return indelSimilarity(a, b);
}

/** Scores one card: every terminal key of the truth, with the card's values laid out through the map. */
export function scoreCard(card: string, truthFile: string, truth: Json, values: Record<string, string> | undefined,
  map: Record<string, string>): CardScore {
  const prediction = values ? layOutFields(values, map) : undefined;
  const fieldNames = [...new Set([...Object.keys(map), ...Object.keys(values ?? {})])];
  const keys = terminalPaths(truth).map(path => {
    const value = prediction === undefined ? undefined : valueAt(prediction, path);
    return {
      path, field: fieldOfPath(path, map, fieldNames) ?? '(unmapped)',
      truth: asText(valueAt(truth, path)) ?? '', value: asText(value), similarity: scoreValue(value, valueAt(truth, path)),
    };
  });
  const similarity = keys.length === 0 ? 1 : keys.reduce((sum, key) => sum + key.similarity, 0) / keys.length;
  return { card, truthFile, similarity, keys };
}

function ratio(part: number, whole: number): number { return whole === 0 ? 0 : part / whole; }

interface Tally { tp: number; fp: number; fn: number; similarity: number; keys: number }

function addKey(tally: Tally, key: KeyScore): void {
  const hasValue = (key.value ?? '') !== '';
  const hasTruth = key.truth !== '';
  const match = key.similarity >= matchThreshold;
  if (hasValue && hasTruth && match) { tally.tp++; }
  if (hasValue && (!hasTruth || !match)) { tally.fp++; }
  if (hasTruth && (!hasValue || !match)) { tally.fn++; }
  tally.similarity += key.similarity;
  tally.keys++;
}

function fieldScore(field: string, t: Tally): FieldScore {
  const precision = ratio(t.tp, t.tp + t.fp);
  const recall = ratio(t.tp, t.tp + t.fn);
  return {
    field, truePositives: t.tp, falsePositives: t.fp, falseNegatives: t.fn, precision, recall,
    f1: ratio(2 * precision * recall, precision + recall), meanSimilarity: ratio(t.similarity, t.keys), keys: t.keys,
  };
}

/** One card's F1 over its keys, rounded to 2 decimals as the benchmark does; 0 when it has no value on either side. */
export function cardF1(card: CardScore): number {
  const tally: Tally = { tp: 0, fp: 0, fn: 0, similarity: 0, keys: 0 };
  for (const key of card.keys) { addKey(tally, key); }
  return Math.round(fieldScore('card', tally).f1 * 100) / 100;
}

/** Precision/recall/F1 per field and overall; empty-vs-empty keys count toward similarity only. */
export function summarise(perCard: CardScore[], missingResults: string[]): EvalReport {
  const tallies = new Map<string, Tally>();
  const all: Tally = { tp: 0, fp: 0, fn: 0, similarity: 0, keys: 0 };
  for (const key of perCard.flatMap(card => card.keys)) {
    const tally = tallies.get(key.field) ?? { tp: 0, fp: 0, fn: 0, similarity: 0, keys: 0 };
    tallies.set(key.field, tally);
    addKey(tally, key);
    addKey(all, key);
  }
  return {
    cards: perCard.length,
    f1: fieldScore('all', all).f1,
    f1Macro: ratio(perCard.reduce((sum, card) => sum + cardF1(card), 0), perCard.length),
    similarity: ratio(perCard.reduce((sum, card) => sum + card.similarity, 0), perCard.length),
    fields: [...tallies.entries()].map(([field, tally]) => fieldScore(field, tally)),
    perCard, missingResults,
  };
}

const imageName = (card: string) => card.slice(0, card.length - extname(card).length);

async function readJsonFile(file: string): Promise<Json | undefined> {
  try { return JSON.parse(await readFile(file, 'utf8')) as Json; } catch { return undefined; }
}

/**
 * Pairs each truth file `NAME.json` with the card `NAME.<image ext>` of the batch and scores them all.
 * `batch/not-found` when the batch has no results folder or the truth folder has no JSON files.
 */
export async function evaluateBatch(dir: string, truthDir: string, map: Record<string, string>): Promise<Outcome<EvalReport>> {
  const jsonDir = batchPaths(dir).jsonDir;
  const resultFiles = await readdir(jsonDir).catch(() => undefined);
  if (!resultFiles) { return failure('batch/not-found', `No card results in ${jsonDir}; run the batch first (card-ocr run)`, { dir }); }
  const truthFiles = ((await readdir(truthDir).catch(() => [])) as string[]).filter(f => f.endsWith('.json')).sort();
  if (truthFiles.length === 0) { return failure('batch/not-found', `No truth files (*.json) in ${truthDir}`, { truthDir }); }
  const results = new Map<string, Record<string, string>>();
  for (const file of resultFiles.filter(f => f.endsWith('.json'))) {
    const parsed = CardResult.safeParse(await readJsonFile(join(jsonDir, file)));
    if (parsed.success) {
      results.set(imageName(parsed.data.card), Object.fromEntries(Object.entries(parsed.data.fields).map(([name, field]) => [name, field.value])));
    }
  }
  const perCard: CardScore[] = [];
  const missing: string[] = [];
  for (const truthFile of truthFiles) {
    const truth = benchmarkTruth(await readJsonFile(join(truthDir, truthFile)));
    if (truth === undefined) { return failure('batch/invalid', `${join(truthDir, truthFile)} is not valid JSON`, { truthFile }); }
    const name = truthFile.slice(0, -'.json'.length);
    const values = results.get(name);
    if (!values) { missing.push(name); }
    perCard.push(scoreCard(name, truthFile, truth, values, map));
  }
  return { ok: true, value: summarise(perCard, missing) };
}
