// Bench section: the OCR oracle (is each truth value in the page text, at most 8 % changed?) on
// ../shared/cards-dev/library_cards, side by side in one run: the bundled library template's whole-card settings,
// the same with greyscale + normalise, the old shipped settings (eng, greyscale + normalise), and native tesseract.
// Skipped when the folder is absent. Run alone with `npx tsx bench/oracle-recall.ts` after `npm run build`.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { formatOracleReport, oracleBatch, type OracleReport } from '../src/engine/index';
import { oracleCard, summariseOracle } from '../src/engine/eval';
import type { Json } from '../src/engine/eval';

const repoRoot = resolve(__dirname, '..');
/** Not printed on the cards: the benchmark's class label (`Dissertation or thesis`, `Reference`). */
export const skip = ['type.type'];
/** Asked explicitly: the engine's default is the raw image (issue 10). */
const greyscaleNormalise = { greyscale: true, normalise: true };

export interface OracleReading { label: string; report: OracleReport; secondsPerCard: number }

async function exists(path: string): Promise<boolean> { return stat(path).then(() => true, () => false); }

/** The bundled template with its whole-card settings replaced: the variant is written beside the batch. */
async function templateVariant(work: string, name: string, settings: Record<string, unknown>): Promise<string> {
  const template = JSON.parse(await readFile(join(repoRoot, 'templates', 'library-catalogue-card.json'), 'utf8')) as Record<string, unknown>;
  const variant: Record<string, unknown> = { ...template, ...settings, id: `library-${name}` };
  for (const [key, value] of Object.entries(settings)) { if (value === undefined) { delete variant[key]; } }
  // The model is named relative to the bundled template's folder, not the variant's.
  if (typeof variant.model === 'string') { variant.model = join(repoRoot, 'templates', variant.model); }
  const file = join(work, `${name}.json`);
  await writeFile(file, JSON.stringify(variant));
  return file;
}

/** `card-ocr run` on a copy of the dev images with `template` (id or file), then the oracle on its page texts. */
export async function engineReading(work: string, images: string[], devDir: string, label: string, template: string,
  backend: 'auto' | 'native' | 'tesseract.js' = 'auto'): Promise<OracleReading> {
  const batch = join(work, `${label}-${backend}`.replace(/[^a-z0-9]+/gi, '-').toLowerCase());
  await mkdir(batch);
  for (const image of images) { await copyFile(join(devDir, 'images', image), join(batch, image)); }
  const startedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'run', batch, '--template', template, '--data-dir', join(work, 'data'),
    '--ocr-backend', backend], { stdio: ['ignore', 'ignore', 'inherit'] });
  const [code] = await once(child, 'exit') as [number | null];
  if (code !== 0 && code !== 1) { throw new Error(`card-ocr run exited with ${code}`); }
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  const report = await oracleBatch(batch, join(devDir, 'ground_truths'), skip);
  if (!report.ok) { throw new Error(report.error.message); }
  return { label, report: report.value, secondsPerCard: seconds / images.length };
}

/** Native tesseract 5 (`deu+eng`, page segmentation 3, the raw image), one process per card; undefined when absent. */
async function nativeReading(images: string[], devDir: string): Promise<OracleReading | undefined> {
  const run = promisify(execFile);
  try { await run('tesseract', ['--list-langs']); } catch { return undefined; }
  const startedAt = process.hrtime.bigint();
  const perCard = [];
  for (const image of images) {
    const { stdout } = await run('tesseract', [join(devDir, 'images', image), '-', '-l', 'deu+eng', '--psm', '3'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    const name = image.replace(/\.[^.]+$/, '');
    const truth = JSON.parse(await readFile(join(devDir, 'ground_truths', `${name}.json`), 'utf8')) as Json;
    perCard.push(oracleCard(name, truth, stdout, new Set(skip)));
  }
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  return { label: 'native tesseract 5 deu+eng, psm 3, raw image (1 process per card)', report: summariseOracle(perCard, []), secondsPerCard: seconds / images.length };
}

export async function oracleRecall(devDir = resolve(repoRoot, '..', 'shared', 'cards-dev', 'library_cards')): Promise<OracleReading[] | string> {
  if (!(await exists(join(devDir, 'images')))) { return `skipped (no dev set at ${devDir})`; }
  if (!(await exists(join(repoRoot, 'dist', 'cli.js')))) { return 'skipped (dist/cli.js is not built: npm run build)'; }
  const work = await mkdtemp(join(tmpdir(), 'card-ocr-oracle-'));
  try {
    const images = (await readdir(join(devDir, 'images'))).filter(name => /\.(jpe?g|png|tiff?)$/i.test(name)).sort();
    const readings: OracleReading[] = [];
    readings.push(await engineReading(work, images, devDir, 'bundled library template (deu+eng, auto, raw image)', 'library-catalogue-card'));
    readings.push(await engineReading(work, images, devDir, 'same, greyscale + normalise (the engine default before issue 10)',
      await templateVariant(work, 'grey', { preprocess: greyscaleNormalise })));
    readings.push(await engineReading(work, images, devDir, 'as shipped before (eng, greyscale + normalise)',
      await templateVariant(work, 'shipped', { language: 'eng', preprocess: greyscaleNormalise })));
    const native = await nativeReading(images, devDir);
    if (native) { readings.push(native); }
    return readings;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Markdown lines for the bench output and RESULTS.md. */
export function formatOracleRecall(result: OracleReading[] | string): string[] {
  if (typeof result === 'string') { return [`- oracle recall: ${result}`]; }
  const native = result.find(reading => reading.label.startsWith('native'));
  const nativeRead = new Set(native ? native.report.perCard.filter(card => !card.emptyText).map(card => card.card) : []);
  const lines = ['| reading | oracle recall | values found | empty pages | empty where native reads text | s/card |', '|---|---|---|---|---|---|'];
  for (const r of result) {
    const emptyNativeReads = r.report.emptyText.filter(card => nativeRead.has(card)).length;
    lines.push(`| ${r.label} | **${(r.report.recall * 100).toFixed(1)} %** | ${r.report.found}/${r.report.values} | ${r.report.emptyText.length} | ${native ? emptyNativeReads : '-'} | ${r.secondsPerCard.toFixed(2)} |`);
  }
  lines.push('', `Target: ≥ 80 % with the bundled template's settings on the ${result[0]?.report.cards ?? 0} dev cards, and no empty page that native tesseract reads. `
    + `Values: every non-empty truth leaf but ${skip.join(', ')} (not printed on the cards). Same oracle as \`card-ocr eval --oracle --skip ${skip.join(',')}\`.`);
  return lines;
}

if (require.main === module) {
  void oracleRecall().then(result => {
    console.log(formatOracleRecall(result).join('\n'));
    if (typeof result !== 'string') { console.log(formatOracleReport(result[0].report)); }
  });
}
