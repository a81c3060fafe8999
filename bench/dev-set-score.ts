// Bench section: the bundled index-card template on ../shared/cards-dev/blacklist_cards, through the built CLI
// (`card-ocr run` on a copy of the images, then the eval scoring). Skipped when the folder is absent.
// Run alone with `npx tsx bench/dev-set-score.ts [auto|native|tesseract.js]` after `npm run build`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { evaluateBatch } from '../src/engine/index';

const repoRoot = resolve(__dirname, '..');

export interface DevSetScoreOptions {
  /** @default <repo>/../shared/cards-dev/blacklist_cards */
  devDir?: string;
  /** @default blacklist-index-card */
  templateId?: string;
  /** @default <repo>/dist/cli.js */
  cliPath?: string;
  /** @default <repo>/bench/blacklist-map.json */
  mapFile?: string;
  /** `--ocr-backend` for the run; @default auto */
  ocrBackend?: 'auto' | 'native' | 'tesseract.js';
}

export type DevSetScore =
  | { skipped: true; reason: string }
  | { skipped: false; cards: number; f1: number; similarity: number; secondsPerCard: number; fields: Array<{ field: string; f1: number; similarity: number }> };

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

/** Runs the template on a tmp copy of the dev set's images and scores the batch; the copy is removed after. */
export async function devSetScore(options: DevSetScoreOptions = {}): Promise<DevSetScore> {
  const devDir = options.devDir ?? resolve(repoRoot, '..', 'shared', 'cards-dev', 'blacklist_cards');
  const cliPath = options.cliPath ?? join(repoRoot, 'dist', 'cli.js');
  if (!(await exists(join(devDir, 'images')))) { return { skipped: true, reason: `no dev set at ${devDir}` }; }
  if (!(await exists(cliPath))) { return { skipped: true, reason: `${cliPath} is not built (npm run build)` }; }
  const map = JSON.parse(await readFile(options.mapFile ?? join(repoRoot, 'bench', 'blacklist-map.json'), 'utf8')) as Record<string, string>;
  const work = await mkdtemp(join(tmpdir(), 'card-ocr-devset-'));
  try {
    const batch = join(work, 'blacklist_cards');
    await mkdir(batch);
    const images = (await readdir(join(devDir, 'images'))).filter(name => /\.(jpe?g|png|tiff?)$/i.test(name));
    for (const image of images) { await copyFile(join(devDir, 'images', image), join(batch, image)); }
    const startedAt = process.hrtime.bigint();
    const child = spawn(process.execPath, [cliPath, 'run', batch, '--template', options.templateId ?? 'blacklist-index-card', '--data-dir', join(work, 'data'),
      '--ocr-backend', options.ocrBackend ?? 'auto'],
      { stdio: ['ignore', 'ignore', 'inherit'] });
    const [code] = await once(child, 'exit') as [number | null];
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    if (code !== 0 && code !== 1) { return { skipped: true, reason: `card-ocr run exited with ${code}` }; }
    const report = await evaluateBatch(batch, join(devDir, 'ground_truths'), map);
    if (!report.ok) { return { skipped: true, reason: report.error.message }; }
    return {
      skipped: false, cards: report.value.cards, f1: report.value.f1, similarity: report.value.similarity,
      secondsPerCard: seconds / Math.max(1, images.length),
      fields: report.value.fields.map(f => ({ field: f.field, f1: f.f1, similarity: f.meanSimilarity })),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** One line for the bench output and RESULTS.md. */
export function formatDevSetScore(score: DevSetScore, backend = 'auto'): string {
  if (score.skipped) { return `dev-set score: skipped (${score.reason})`; }
  return `dev-set score (blacklist-index-card, ${score.cards} cards, OCR backend ${backend}): similarity=${score.similarity.toFixed(4)} f1=${score.f1.toFixed(4)} `
    + `${score.secondsPerCard.toFixed(2)} s/card (target similarity >= 0.85)`;
}

if (require.main === module) {
  void devSetScore({ ocrBackend: (process.argv[2] ?? 'auto') as DevSetScoreOptions['ocrBackend'] }).then(score => {
    console.log(formatDevSetScore(score));
    if (!score.skipped) { for (const f of score.fields) { console.log(`  ${f.field.padEnd(12)} f1=${f.f1.toFixed(4)} similarity=${f.similarity.toFixed(4)}`); } }
  });
}
