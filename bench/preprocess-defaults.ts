// Bench section: what each engine default for greyscale + normalise gives on the dev sets, side by side in one
// run (issue 10 item 4): the library oracle recall and the blacklist dev-set score, for a template that says
// nothing of either step (so the default decides) under the raw image and under greyscale + normalise, and the
// blacklist template as bundled (it states the steps it needs), under each OCR backend. Skipped per dev set
// when its folder is absent. Run alone with `npx tsx bench/preprocess-defaults.ts` after `npm run build`.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { devSetScore } from './dev-set-score';
import { engineReading } from './oracle-recall';
import { hasNativeTesseract } from './throughput';

const repoRoot = resolve(__dirname, '..');
const devRoot = resolve(repoRoot, '..', 'shared', 'cards-dev');
type Backend = 'native' | 'tesseract.js';
type Steps = { greyscale: boolean; normalise: boolean };

/** The two defaults measured: what a template that names neither step gets. */
export const defaults: ReadonlyArray<{ name: string; steps: Steps }> = [
  { name: 'raw image', steps: { greyscale: false, normalise: false } },
  { name: 'greyscale + normalise', steps: { greyscale: true, normalise: true } },
];

interface Block { preprocess?: Record<string, unknown> }
interface TemplateJson { id: string; model?: string; preprocess?: Record<string, unknown>; fields: Array<{ find: { ocr?: Block & { retry?: Block[] } } }> }

/** The template as if it said nothing of greyscale and normalise, read under `steps`: every preprocessing block
 *  (the card's, each zone's, each retry's) gets them; zones without a block read the card's image. */
export function underDefault(template: TemplateJson, steps: Steps, templateDir: string): TemplateJson {
  const set = (block: Block): void => { if (block.preprocess) { block.preprocess = { ...block.preprocess, ...steps }; } };
  const copy = structuredClone(template);
  copy.id = `${template.id}-under-${steps.greyscale ? 'grey' : 'raw'}`;
  copy.preprocess = { ...copy.preprocess, ...steps };
  for (const field of copy.fields) {
    if (field.find.ocr) { set(field.find.ocr); for (const retry of field.find.ocr.retry ?? []) { set(retry); } }
  }
  // A model is named relative to the bundled template's folder, not the variant's.
  if (copy.model) { copy.model = join(templateDir, copy.model); }
  return copy;
}

async function exists(path: string): Promise<boolean> { return stat(path).then(() => true, () => false); }

async function variantFile(work: string, templateId: string, steps: Steps): Promise<string> {
  const dir = join(repoRoot, 'templates');
  const template = JSON.parse(await readFile(join(dir, `${templateId}.json`), 'utf8')) as TemplateJson;
  const file = join(work, `${templateId}-${steps.greyscale ? 'grey' : 'raw'}.json`);
  await writeFile(file, JSON.stringify(underDefault(template, steps, dir)));
  return file;
}

export interface DefaultsRow { devSet: string; reading: string; measure: string; byBackend: Partial<Record<Backend, { value: string; secondsPerCard: number }>> }

/** One run per dev set, reading and backend; a dev set whose folder is absent gives no rows. */
export async function preprocessDefaults(): Promise<DefaultsRow[]> {
  const backends: Backend[] = hasNativeTesseract() ? ['tesseract.js', 'native'] : ['tesseract.js'];
  const rows: DefaultsRow[] = [];
  const work = await mkdtemp(join(tmpdir(), 'card-ocr-defaults-'));
  try {
    const library = join(devRoot, 'library_cards');
    if (await exists(join(library, 'images'))) {
      const images = (await readdir(join(library, 'images'))).filter(name => /\.(jpe?g|png|tiff?)$/i.test(name)).sort();
      for (const { name, steps } of defaults) {
        const row: DefaultsRow = { devSet: `library_cards (${images.length})`, reading: `library-catalogue-card, ${name}`, measure: 'oracle recall', byBackend: {} };
        const template = await variantFile(work, 'library-catalogue-card', steps);
        for (const backend of backends) {
          const reading = await engineReading(work, images, library, `${name}`, template, backend);
          row.byBackend[backend] = { value: `${(reading.report.recall * 100).toFixed(1)} % (${reading.report.found}/${reading.report.values}, ${reading.report.emptyText.length} empty)`, secondsPerCard: reading.secondsPerCard };
        }
        rows.push(row);
      }
    }
    const blacklist = join(devRoot, 'blacklist_cards');
    if (await exists(join(blacklist, 'images'))) {
      const readings = [
        { reading: 'blacklist-index-card as bundled (states its steps)', template: 'blacklist-index-card' },
        ...await Promise.all(defaults.map(async ({ name, steps }) => ({ reading: `blacklist-index-card, silent on both steps, ${name}`, template: await variantFile(work, 'blacklist-index-card', steps) }))),
      ];
      for (const { reading, template } of readings) {
        const row: DefaultsRow = { devSet: 'blacklist_cards', reading, measure: 'similarity (f1)', byBackend: {} };
        for (const backend of backends) {
          const score = await devSetScore({ templateId: template, ocrBackend: backend });
          row.byBackend[backend] = score.skipped ? { value: `skipped: ${score.reason}`, secondsPerCard: 0 }
            : { value: `${score.similarity.toFixed(4)} (${score.f1.toFixed(4)})`, secondsPerCard: score.secondsPerCard };
        }
        rows.push(row);
      }
    }
    return rows;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Markdown lines for the bench output and RESULTS.md. */
export function formatPreprocessDefaults(rows: readonly DefaultsRow[]): string[] {
  if (rows.length === 0) { return ['- preprocessing defaults: skipped (no dev sets under ../shared/cards-dev)']; }
  const backends = [...new Set(rows.flatMap(row => Object.keys(row.byBackend)))] as Backend[];
  const lines = [`| dev set | reading | measure | ${backends.map(b => `${b} | s/card`).join(' | ')} |`, `|---|---|---|${backends.map(() => '---|---|').join('')}`];
  for (const row of rows) {
    const cells = backends.map(b => { const cell = row.byBackend[b]; return cell ? `${cell.value} | ${cell.secondsPerCard.toFixed(2)}` : '- | -'; });
    lines.push(`| ${row.devSet} | ${row.reading} | ${row.measure} | ${cells.join(' | ')} |`);
  }
  return lines;
}

if (require.main === module) {
  void preprocessDefaults().then(rows => { console.log(formatPreprocessDefaults(rows).join('\n')); });
}
