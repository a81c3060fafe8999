// Held-out figures for a learned model: k-fold cross-validation over checked cards and a learning curve
// (train on 10, 20, 40… cards, score on the held-out fold). Pure apart from the time it takes.
import type { FieldSpec, FieldValue } from '../../protocol';
import { scoreCard, summarise, type CardScore, type EvalReport } from '../eval/evaluate';
import { extractFields } from '../fields';
import type { RegionReader } from '../ocr-page';
import type { LabelledCard } from './labelled-cards';
import { fixedModel } from './model-source';
import { trainModel, type TrainOptions } from './train';
import { learnedTargets } from './zone-tokens';

/** Region fields need the image; held-out scoring uses what the batch stored for them (and learned zones as stored). */
const noRegions: RegionReader = async () => { throw new Error('cross-validation reads no regions'); };

/** mulberry32, so folds are the same on every run. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [out[i], out[j]] = [out[j], out[i]]; }
  return out;
}

/** The seed of the first (or only) split into folds; repeats take the next seeds. */
export const firstFoldSeed = 11;

/** The fold of each card (0..k-1), after a seeded shuffle of the name-sorted cards. */
export function assignFolds(cards: readonly LabelledCard[], folds: number, seed = firstFoldSeed): LabelledCard[][] {
  const out: LabelledCard[][] = Array.from({ length: folds }, () => []);
  shuffled([...cards].sort((a, b) => a.card.localeCompare(b.card)), seed).forEach((card, i) => out[i % folds].push(card));
  return out;
}

/** Learned fields of the template (those a model fills) and the rest (kept as the batch stored them). */
function learnedFields(fields: readonly FieldSpec[]): FieldSpec[] {
  return fields.filter(field => field.find.by === 'learned');
}

/** Trains on `training`, then finds the learned fields of each `test` card and scores it against its truth. */
export async function scoreHeldOut(training: readonly LabelledCard[], test: readonly LabelledCard[], fields: readonly FieldSpec[],
  map: Record<string, string>, options: TrainOptions = {}): Promise<CardScore[]> {
  const learned = learnedFields(fields);
  const { model } = trainModel(training, learnedTargets(learned), options);
  const source = fixedModel(model);
  const scores: CardScore[] = [];
  for (const card of test) {
    const found = await extractFields(card.page, learned, noRegions, undefined, source, card.zones);
    const values: Record<string, string> = Object.fromEntries(fields.map(field => {
      const value: FieldValue | undefined = found[field.name] ?? card.result.fields[field.name];
      return [field.name, value?.value ?? ''];
    }));
    scores.push(scoreCard(card.card, card.truthFile, card.truthDocument, values, map));
  }
  return scores;
}

export interface SplitFigures { f1Macro: number; f1: number; similarity: number }

export interface CrossValidation {
  /** Every card scored once per repeat (so f1_macro is the mean of the repeats'). */
  report: EvalReport;
  /** Each fold's f1_macro, repeat after repeat. */
  foldF1Macro: number[];
  /** Each split's figures: how far they move with the split alone. */
  splits: SplitFigures[];
}

/**
 * k-fold: every card is scored once, by a model that never saw it. With `repeats` > 1 the k-fold runs again on
 * other seeded splits: one split's figure moves by a point or more with the split alone (on 80 cards), so a
 * choice made on one split is partly fitted to it; the mean over splits is the steadier held-out figure.
 */
export async function crossValidate(cards: readonly LabelledCard[], fields: readonly FieldSpec[], map: Record<string, string>,
  folds: number, options: TrainOptions = {}, repeats = 1): Promise<CrossValidation> {
  const all: CardScore[] = [];
  const foldF1Macro: number[] = [];
  const splits: SplitFigures[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const parts = assignFolds(cards, folds, firstFoldSeed + repeat);
    const scored: CardScore[] = [];
    for (let k = 0; k < parts.length; k++) {
      const training = parts.filter((_, i) => i !== k).flat();
      const scores = await scoreHeldOut(training, parts[k], fields, map, options);
      foldF1Macro.push(summarise(scores, []).f1Macro);
      scored.push(...scores);
    }
    const { f1Macro, f1, similarity } = summarise(scored, []);
    splits.push({ f1Macro, f1, similarity });
    all.push(...scored);
  }
  return { report: summarise(all, []), foldF1Macro, splits };
}

export interface CurvePoint { trainingCards: number; f1Macro: number; f1: number; similarity: number }

/** For each size, every fold's model is trained on that many of its training cards and scored on the fold. */
export async function learningCurve(cards: readonly LabelledCard[], fields: readonly FieldSpec[], map: Record<string, string>,
  folds: number, sizes: readonly number[], options: TrainOptions = {}): Promise<CurvePoint[]> {
  const parts = assignFolds(cards, folds);
  const points: CurvePoint[] = [];
  for (const size of sizes) {
    const all: CardScore[] = [];
    let used = 0;
    for (let k = 0; k < parts.length; k++) {
      const training = parts.filter((_, i) => i !== k).flat().slice(0, size);
      used = Math.max(used, training.length);
      all.push(...await scoreHeldOut(training, parts[k], fields, map, options));
    }
    const report = summarise(all, []);
    points.push({ trainingCards: used, f1Macro: report.f1Macro, f1: report.f1, similarity: report.similarity });
  }
  return points;
}
