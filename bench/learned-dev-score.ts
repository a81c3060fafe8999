// Bench section: the learned finder on ../shared/cards-dev, cross-validated (5 folds: every card scored by a
// model that never saw it) with a learning curve, for the library cards and the blacklist cards' learned variant.
// OCR runs once per dev set through the built CLI with the template's own OCR settings; CARD_OCR_DEV_OCR=<dir>
// reuses batches already read there (<dir>/library_cards, <dir>/blacklist_cards). Skipped without the dev set.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crossValidate, learningCurve, readTemplateFile, readTruthCards, type CurvePoint, type EvalReport, type SplitFigures } from '../src/engine/index';
import { readsZones } from '../src/engine/learned/learned-zones';

const repoRoot = resolve(__dirname, '..');
/** 5-fold cross-validation on this many seeded splits: one split's figure moves by a point or more with the split
 *  alone, and earlier choices were measured on the first; the headline is the mean over all of them. */
export const cvSplits = 5;

const exists = (path: string) => stat(path).then(() => true, () => false);

export interface LearnedScore {
  set: string; cards: number; report: EvalReport; folds: number[]; splits: SplitFigures[]; curve: CurvePoint[]; ocrSecondsPerCard: number | undefined;
}
export type LearnedDevScores = { skipped: true; reason: string } | { skipped: false; scores: LearnedScore[] };

/** The set's images read into `batch` with the template's language and preprocessing, fields left out; a template
 *  whose learned fields read zones or other readings of the page runs as it is, since only a run with those fields
 *  reads (and keeps) them. */
async function readDevSet(devDir: string, batch: string, templateFile: string, work: string): Promise<number | undefined> {
  const template = await readTemplateFile(templateFile);
  if (!template.ok) { throw new Error(template.error.message); }
  await mkdir(batch, { recursive: true });
  const images = (await readdir(join(devDir, 'images'))).filter(name => /\.(jpe?g|png|tiff?)$/i.test(name));
  for (const image of images) { await copyFile(join(devDir, 'images', image), join(batch, image)); }
  const zoned = readsZones(template.value.fields);
  const textOnly = join(work, `${template.value.id}-text.json`);
  if (!zoned) {
    await writeFile(textOnly, JSON.stringify({ id: 'text-only', name: 'text only', version: 1, fields: [],
      ...(template.value.language ? { language: template.value.language } : {}), ...(template.value.preprocess ? { preprocess: template.value.preprocess } : {}) }));
  }
  const startedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'run', batch, '--template', zoned ? templateFile : textOnly, '--data-dir', join(work, 'data')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const [code] = await once(child, 'exit') as [number | null];
  if (code !== 0 && code !== 1) { throw new Error(`card-ocr run exited with ${code}`); }
  return Number(process.hrtime.bigint() - startedAt) / 1e9 / images.length;
}

async function scoreSet(set: string, templateFile: string, mapFile: string, work: string, curve: boolean): Promise<LearnedScore> {
  const devDir = resolve(repoRoot, '..', 'shared', 'cards-dev', set);
  const cached = process.env.CARD_OCR_DEV_OCR ? join(process.env.CARD_OCR_DEV_OCR, set) : undefined;
  const batch = cached && await exists(join(cached, 'json')) ? cached : join(work, set);
  const ocrSecondsPerCard = batch === cached ? undefined : await readDevSet(devDir, batch, templateFile, work);
  const template = await readTemplateFile(templateFile);
  if (!template.ok) { throw new Error(template.error.message); }
  const map = JSON.parse(await readFile(mapFile, 'utf8')) as Record<string, string>;
  const cards = await readTruthCards(batch, join(devDir, 'ground_truths'), template.value.fields, map);
  if (!cards.ok) { throw new Error(cards.error.message); }
  const cv = await crossValidate(cards.value, template.value.fields, map, 5, {}, cvSplits);
  const points = curve ? await learningCurve(cards.value, template.value.fields, map, 5, [10, 20, 40, cards.value.length]) : [];
  return { set, cards: cards.value.length, report: cv.report, folds: cv.foldF1Macro, splits: cv.splits, curve: points, ocrSecondsPerCard };
}

export async function learnedDevScores(): Promise<LearnedDevScores> {
  const devRoot = resolve(repoRoot, '..', 'shared', 'cards-dev');
  if (!(await exists(join(devRoot, 'library_cards', 'images')))) { return { skipped: true, reason: `no dev set at ${devRoot}` }; }
  if (!(await exists(join(repoRoot, 'dist', 'cli.js')))) { return { skipped: true, reason: 'dist/cli.js is not built (npm run build)' }; }
  const work = await mkdtemp(join(tmpdir(), 'card-ocr-learned-dev-'));
  try {
    return { skipped: false, scores: [
      await scoreSet('library_cards', join(repoRoot, 'templates', 'library-catalogue-card.json'), join(repoRoot, 'bench', 'library-map.json'), work, true),
      await scoreSet('blacklist_cards', join(repoRoot, 'bench', 'blacklist-learned.json'), join(repoRoot, 'bench', 'blacklist-map.json'), work, false),
    ] };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const f4 = (n: number) => n.toFixed(4);


/** Markdown lines for RESULTS.md. */
export function formatLearnedDevScores(scores: LearnedDevScores): string[] {
  if (scores.skipped) { return [`- skipped: ${scores.reason}`]; }
  const lines: string[] = [];
  for (const s of scores.scores) {
    lines.push(`- **${s.set}** (${s.cards} cards), 5-fold cross-validated, mean of ${s.splits.length} splits: **f1_macro ${f4(s.report.f1Macro)}**, f1_micro ${f4(s.report.f1)}, similarity ${f4(s.report.similarity)}; the splits' f1_macro ${s.splits.map(f => f4(f.f1Macro)).join(' ')}, similarity ${s.splits.map(f => f4(f.similarity)).join(' ')} (the first is the split earlier figures used)${s.ocrSecondsPerCard ? `; OCR ${s.ocrSecondsPerCard.toFixed(2)} s/card` : ''}`);
    lines.push(`  - per field (precision / recall / F1): ${s.report.fields.map(f => `${f.field} ${f.precision.toFixed(2)}/${f.recall.toFixed(2)}/${f.f1.toFixed(2)}`).join(', ')}`);
    if (s.curve.length > 0) { lines.push(`  - learning curve (f1_macro, held out, first split): ${s.curve.map(p => `${p.trainingCards} cards ${f4(p.f1Macro)}`).join(' · ')}`); }
  }
  return lines;
}

if (require.main === module) {
  void learnedDevScores().then(scores => console.log(formatLearnedDevScores(scores).join('\n')));
}
