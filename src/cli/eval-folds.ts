// `card-ocr eval --folds k [--curve]`: held-out scores of a template's learned fields, from the batch's stored OCR.
import { crossValidate, formatEvalReport, learningCurve, readTruthCards } from '../engine/index';
import { UsageError } from './exit-codes';
import { batchOrTemplateFields } from './learn-fields';

export async function crossValidateCommand(dir: string, truthDir: string, map: Record<string, string>,
  options: { folds?: string; repeats?: string; curve?: boolean; details?: boolean; template?: string; workspace: string }): Promise<void> {
  const folds = Number(options.folds);
  if (!Number.isInteger(folds) || folds < 2 || folds > 20) { throw new UsageError(`--folds ${options.folds}: give a whole number from 2 to 20`); }
  const repeats = Number(options.repeats ?? '1');
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 20) { throw new UsageError(`--repeats ${options.repeats}: give a whole number from 1 to 20`); }
  const fields = await batchOrTemplateFields(dir, options.template, options.workspace);
  if (!fields.some(field => field.find.by === 'learned')) { throw new UsageError('--folds scores learned fields, and the template has none (a field with "find": {"by": "learned"})'); }
  const cards = await readTruthCards(dir, truthDir, fields, map);
  if (!cards.ok) { throw new UsageError(cards.error.message); }
  if (cards.value.length < folds) { throw new UsageError(`${cards.value.length} card(s) with truth files: too few for ${folds} folds`); }
  const cv = await crossValidate(cards.value, fields, map, folds, {}, repeats);
  if (options.curve) {
    const sizes = [10, 20, 40].filter(n => n < cards.value.length * (folds - 1) / folds);
    const points = await learningCurve(cards.value, fields, map, folds, [...sizes, cards.value.length]);
    console.log('learning curve (held-out, same folds):');
    for (const p of points) { console.log(`  ${String(p.trainingCards).padStart(4)} training cards  f1_macro=${p.f1Macro.toFixed(4)}  f1=${p.f1.toFixed(4)}  similarity=${p.similarity.toFixed(4)}`); }
  }
  console.log(`${folds}-fold cross-validation: fold f1_macro ${cv.foldF1Macro.map(f => f.toFixed(4)).join(' ')}`);
  if (repeats > 1) { console.log(`${repeats} splits: f1_macro ${cv.splits.map(f => f.f1Macro.toFixed(4)).join(' ')}, similarity ${cv.splits.map(f => f.similarity.toFixed(4)).join(' ')} (the figures below pool every split: each card scored ${repeats} times)`); }
  console.log(formatEvalReport(cv.report, options.details ?? false));
}
