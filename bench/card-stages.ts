// Bench section / profile: where the milliseconds of one card go, stage by stage, one card at a time in this
// process (no contention between stages): file read, sharp preparation, OCR through each backend, fields,
// the JSON of the result (file and IPC message), the CSV row and the journal lines.
// `npx tsx bench/card-stages.ts [dir-of-images] [language]` prints the table on its own.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointJournal } from '../src/batch-folder/checkpoint-journal';
import { classifyCard } from '../src/engine/card-kind';
import { extractFields } from '../src/engine/fields';
import { linkLanguages, languageCodes } from '../src/engine/language-data';
import { chooseBackends } from '../src/engine/ocr-backends/choose-backends';
import type { OcrBackendName } from '../src/engine/ocr-backends/backend';
import { OcrPool } from '../src/engine/ocr-pool';
import { writeCardJson } from '../src/batch-folder/outputs/card-json';
import { appendCsvRow, ensureCsv } from '../src/batch-folder/outputs/csv-table';
import { preprocessImage, readCardFile } from '../src/engine/preprocess';
import { batchPaths } from '../src/batch-folder/paths';
import type { CardResult } from '../src/protocol';
import { readTemplateFile } from '../src/engine/templates/index';

export interface StageTimes { cards: number; language: string; ms: Array<[string, number]> }

function now(): number { return Number(process.hrtime.bigint()) / 1e6; }

/** Mean ms per card of each stage over `files`. */
export async function cardStages(files: string[], language: string, templateFile: string): Promise<StageTimes> {
  const work = await mkdtemp(join(tmpdir(), 'card-ocr-stages-'));
  const total = new Map<string, number>();
  const add = (stage: string, ms: number): void => { total.set(stage, (total.get(stage) ?? 0) + ms); };
  // Read as the engine reads it: a learned field's model is named relative to the template file.
  const template = await readTemplateFile(templateFile);
  if (!template.ok) { throw new Error(template.error.message); }
  const fields = template.value.fields;
  try {
    const linked = await linkLanguages(languageCodes(language), [], join(work, 'tessdata'));
    if (!linked.ok) { throw new Error(linked.error.message); }
    const pools = new Map<OcrBackendName, OcrPool>();
    for (const name of ['tesseract.js', 'native'] as const) {
      pools.set(name, new OcrPool({ size: 1, recycleAfterCards: 1e9, onLog: () => undefined,
        backends: chooseBackends(name, { onLog: () => undefined, langPath: join(work, 'tessdata'), cachePath: work, tessdataDirs: [], linkDir: join(work, 'native') }) }));
    }
    const usable = [...pools].filter(([, pool]) => pool);
    const journal = await CheckpointJournal.open(work);
    const csv = batchPaths(work).csvFile;
    await ensureCsv(csv, fields.map(f => f.name));
    // Warm-up: worker start-up and language loading are once per worker, not per card.
    const warm = await readCardFile(files[0]);
    if (!warm.ok) { throw new Error(warm.error.message); }
    const warmImage = await preprocessImage('warm', warm.value, { preprocess: {}, maxInputPixels: 1e8 });
    if (!warmImage.ok) { throw new Error(warmImage.error.message); }
    for (const [name, pool] of usable) {
      const warmed = await pool.withWorker(language, 120_000, session => session.readPage(warmImage.value));
      if (!warmed.ok) { throw new Error(`card stages: the ${name} warm-up read failed: ${warmed.error.message}`); }
    }
    let ocrFailures = 0;
    let lastFailure = '';
    for (const file of files) {
      let t = now();
      const bytes = await readCardFile(file);
      if (!bytes.ok) { continue; }
      add('read file', now() - t);
      t = now();
      const raw = await preprocessImage(file, bytes.value, { preprocess: { greyscale: false, normalise: false }, maxInputPixels: 1e8 });
      add('sharp: decode + PNG, raw image', now() - t);
      t = now();
      const prepared = await preprocessImage(file, bytes.value, { preprocess: { greyscale: true, normalise: true }, maxInputPixels: 1e8 });
      add('sharp: decode + greyscale + normalise + PNG (the default before issue 10)', now() - t);
      if (!prepared.ok || !raw.ok) { continue; }
      let result: CardResult | undefined;
      for (const [name, pool] of usable) {
        t = now();
        const read = await pool.withWorker(language, 120_000, async session => {
          const page = await session.readPage(prepared.value);
          const pageOcr = now() - t;
          const t2 = now();
          const kind = classifyCard(page);
          const found = await extractFields(page, fields, session.readRegion);
          return { page, kind, found, pageOcr, fieldsMs: now() - t2 };
        });
        if (!read.ok) { ocrFailures++; lastFailure = read.error.message; continue; }
        add(`OCR page, ${name}`, read.value.pageOcr);
        add(`fields incl. zone OCR, ${name}`, read.value.fieldsMs);
        const { page, found, kind } = read.value;
        result = {
          card: file, text: page.text, confidence: page.confidence, fields: found, kind, needsReview: false, width: page.width, height: page.height,
          words: page.lines.flatMap(line => line.words).map(w => ({ text: w.text, confidence: Math.round(w.confidence), box: { x0: Math.round(w.box.x0), y0: Math.round(w.box.y0), x1: Math.round(w.box.x1), y1: Math.round(w.box.y1) } })),
          durationMs: 0, processedAt: new Date().toISOString(),
        };
      }
      if (!result) { continue; }
      t = now();
      JSON.parse(JSON.stringify({ type: 'batch', message: { type: 'card', batchId: 'x', result } }));
      add('result as IPC message (stringify + parse)', now() - t);
      t = now();
      journal.started(result.card);
      add('journal line (sync write)', (now() - t) * 2);
      t = now();
      await writeCardJson(work, { ...result, card: `c-${total.size}-${Math.random()}.jpg` });
      add('card JSON file (tmp + rename)', now() - t);
      t = now();
      await appendCsvRow(csv, result, fields.map(f => f.name));
      add('CSV row (append)', now() - t);
    }
    await journal.close();
    for (const [, pool] of usable) { await pool.close(); }
    if (ocrFailures > 0) { console.warn(`card stages: ${ocrFailures} OCR reads failed (the last: ${lastFailure})`); }
    return { cards: files.length, language, ms: [...total].map(([stage, ms]) => [stage, ms / files.length]) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void (async () => {
    const dir = process.argv[2] ?? join(__dirname, '..', '..', 'shared', 'cards-dev', 'library_cards', 'images');
    const files = (await readdir(dir)).filter(f => /\.(jpe?g|png|tiff?)$/i.test(f)).sort().slice(0, Number(process.env.CARDS ?? 20)).map(f => join(dir, f));
    const times = await cardStages(files, process.argv[3] ?? 'deu+eng', join(__dirname, '..', 'templates', 'library-catalogue-card.json'));
    console.log(`${times.cards} cards, ${times.language}`);
    for (const [stage, ms] of times.ms) { console.log(`${ms.toFixed(2).padStart(8)} ms  ${stage}`); }
  })();
}
