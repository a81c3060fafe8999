// One card from file to result: read, preprocess, OCR, fields. Failures are problems; it writes nothing.
import { join } from 'node:path';
import type { BatchConfig, CardResult, CardWord, Outcome, PreprocessOptions } from '../protocol';
import { classifyCard } from './card-kind';
import { extractFields } from './fields';
import type { OcrPage, RegionReader } from './ocr-page';
import type { OcrPool, OcrSession } from './ocr-pool';
import { preprocessImage, readCardFile, type PreparedImage } from './preprocess';

/** @default values of BatchOptions, in one place. */
export const defaultCardTimeoutMs = 120_000;
export const defaultMaxInputPixels = 100_000_000;

/** What reading a card needs of a batch's config; a preview passes only these. */
export type RecognizeSettings = Pick<BatchConfig, 'fields' | 'language' | 'options'>;

export async function recognizeCard(dir: string, card: string, config: RecognizeSettings, pool: OcrPool): Promise<Outcome<CardResult>> {
  const startedAt = Date.now();
  const file = await readCardFile(join(dir, card));
  if (!file.ok) { return file; }
  // The form the card's OCR backend reads fastest: raw pixels for native tesseract, PNG for tesseract.js.
  const output = await pool.imageOutputFor(config.language);
  const prepared = await preprocessImage(card, file.value, {
    preprocess: config.options.preprocess ?? {},
    maxInputPixels: config.options.maxInputPixels ?? defaultMaxInputPixels,
    output,
  });
  if (!prepared.ok) { return prepared; }
  const zoneImages = await prepareZoneImages(card, file.value, config, output);
  const read = await pool.withWorker(config.language, config.options.cardTimeoutMs ?? defaultCardTimeoutMs, async session => {
    const page = await session.readPage(prepared.value);
    const pageKind = classifyCard(page);
    // A photographed card whose page layout defeats tesseract can read as blank while its zones hold text:
    // with region fields, a "blank" card is read zone by zone and is data if any zone has a value.
    const hasRegions = config.fields.some(field => field.find.by === 'region');
    const found = pageKind === 'data' || (pageKind === 'blank' && hasRegions) ? await extractFields(page, config.fields, sharedReadings(session, zoneImages)) : undefined;
    const kind = pageKind === 'blank' && found && Object.values(found).some(field => field.value !== '') ? 'data' : pageKind;
    // Blank and reference cards have no values to find: empty fields, never flagged missing.
    const fields = kind === 'data' && found ? found
      : Object.fromEntries(config.fields.map(field => [field.name, { value: '', confidence: null, flags: [] }]));
    return { page, fields, kind };
  });
  if (!read.ok) { return read; }
  const { page, fields, kind } = read.value;
  const flagged = Object.values(fields).some(field => field.flags.length > 0);
  return { ok: true, value: {
    card,
    text: page.text,
    confidence: page.confidence === null ? null : Math.round(page.confidence * 10) / 10,
    fields,
    kind,
    words: cardWords(page),
    needsReview: kind === 'data' && (flagged || page.confidence === null),
    width: page.width,
    height: page.height,
    durationMs: Date.now() - startedAt,
    processedAt: new Date().toISOString(),
  } };
}

/** The same preprocessing however its keys are ordered. */
function preprocessKey(options: PreprocessOptions): string {
  return JSON.stringify(Object.entries(options).sort(([a], [b]) => a.localeCompare(b)));
}

/** Reads zones from their own preparation; fields that share a zone and its settings (company and place read
 *  from one header) share one reading. */
function sharedReadings(session: OcrSession, zoneImages: ZoneImages): RegionReader {
  const readings = new Map<string, Promise<OcrPage>>();
  return (box, ocr) => {
    const key = JSON.stringify([box, ocr.pageSegmentation, ocr.whitelist, ocr.language, ocr.preprocess && preprocessKey(ocr.preprocess)]);
    let reading = readings.get(key);
    if (!reading) {
      reading = (async () => {
        const own = ocr.preprocess && await zoneImages.get(ocr.preprocess);
        return own ? session.readRegionOf(own, box, ocr) : session.readRegion(box, ocr);
      })();
      readings.set(key, reading);
    }
    return reading;
  };
}

/** The card prepared once per distinct zone preprocessing; a zone whose own preparation fails is read from the
 *  card's (it decoded once, so this is rare). */
class ZoneImages {
  private readonly images = new Map<string, Promise<PreparedImage | undefined>>();

  constructor(private readonly card: string, private readonly bytes: Buffer, private readonly maxInputPixels: number,
    private readonly output: 'png' | 'raw') {}

  get(options: PreprocessOptions): Promise<PreparedImage | undefined> {
    const key = preprocessKey(options);
    let image = this.images.get(key);
    if (!image) {
      image = preprocessImage(this.card, this.bytes, { preprocess: options, maxInputPixels: this.maxInputPixels, output: this.output })
        .then(prepared => (prepared.ok ? prepared.value : undefined));
      this.images.set(key, image);
    }
    return image;
  }
}

/**
 * The zones' own preparations, made before a worker is taken so OCR workers never wait on sharp. A zone's
 * `retry` readings are prepared only when one is needed: most cards never need them.
 */
async function prepareZoneImages(card: string, bytes: Buffer, config: RecognizeSettings, output: 'png' | 'raw'): Promise<ZoneImages> {
  const images = new ZoneImages(card, bytes, config.options.maxInputPixels ?? defaultMaxInputPixels, output);
  for (const field of config.fields) {
    if (field.find.by === 'region' && field.find.ocr?.preprocess) { await images.get(field.find.ocr.preprocess); }
  }
  return images;
}

/** The page's words for review overlays, rounded: sub-pixel boxes only make the JSON longer. */
function cardWords(page: OcrPage): CardWord[] {
  const round = (n: number): number => Math.round(n);
  return page.lines.flatMap(line => line.words).map(word => ({
    text: word.text, confidence: Math.min(100, Math.max(0, Math.round(word.confidence * 10) / 10)),
    box: { x0: round(word.box.x0), y0: round(word.box.y0), x1: round(word.box.x1), y1: round(word.box.y1) },
  }));
}
