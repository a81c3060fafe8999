// One card from file to result: read, preprocess, OCR, fields. Failures are problems; it writes nothing.
import { join } from 'node:path';
import { failure, type BatchConfig, type CardResult, type FieldSpec, type FieldValue, type Outcome, type PreprocessOptions, type StoredZone } from '../protocol';
import { classifyCard, type CardKind } from './card-kind';
import { extractFields } from './fields';
import type { OcrPage, RegionReader } from './ocr-page';
import type { OcrPool, OcrSession } from './ocr-pool';
import { CardDeadline, CardTimeoutError } from './card-deadline';
import { maxPixelsCap, preprocessImage, readCardFile, type PreparedImage } from './preprocess';
import { readWholeCard } from './whole-card-reading';
import { cardWords } from './card-words';
import { canonicalJson } from '../common/canonical-json';
import { readLearnedZones, readsZones, zonesFromStored, type ZonePage } from './learned/learned-zones';
import { retryWanted } from './learned/retry-wanted';
import { sharedModelFiles } from './learned/model-source';

/** @default values of BatchOptions, in one place. */
export const defaultCardTimeoutMs = 120_000;
export const defaultMaxInputPixels = 100_000_000;

/** What reading a card needs of a batch's config; a preview passes only these. */
export type RecognizeSettings = Pick<BatchConfig, 'fields' | 'language' | 'options'>;

export async function recognizeCard(dir: string, card: string, config: RecognizeSettings, pool: OcrPool): Promise<Outcome<CardResult>> {
  const startedAt = Date.now();
  // Every step runs under the card's limit: preprocessing and user patterns too, not only the OCR worker.
  const deadline = new CardDeadline(config.options.cardTimeoutMs ?? defaultCardTimeoutMs, startedAt);
  try {
    return await recognizeWithin(dir, card, config, pool, deadline, startedAt);
  } catch (error) {
    if (!(error instanceof CardTimeoutError)) { throw error; }
    return failure('card/timeout', `${card}: ${error.message}; the card was set aside so the batch can go on`, { timeoutMs: error.timeoutMs, step: error.what });
  }
}

async function recognizeWithin(dir: string, card: string, config: RecognizeSettings, pool: OcrPool, deadline: CardDeadline, startedAt: number): Promise<Outcome<CardResult>> {
  const file = await readCardFile(join(dir, card));
  if (!file.ok) { return file; }
  // The form the card's OCR backend reads fastest: raw pixels for native tesseract, PNG for tesseract.js.
  const output = await pool.imageOutputFor(config.language);
  const maxInputPixels = Math.min(config.options.maxInputPixels ?? defaultMaxInputPixels, maxPixelsCap);
  const prepared = await deadline.race('preprocessing', preprocessImage(card, file.value, {
    preprocess: config.options.preprocess ?? {}, maxInputPixels, deadline, output,
  }));
  if (!prepared.ok) { return prepared; }
  const zoneImages = await deadline.race('preparing the zones', prepareZoneImages(card, file.value, config, deadline, output));
  const raw = isRawPreparation(config.options.preprocess ?? {}) ? undefined : lazyRawImage(card, file.value, maxInputPixels, output);
  const timeoutMs = config.options.cardTimeoutMs ?? defaultCardTimeoutMs;
  const hasRegions = readsZones(config.fields);
  // The worker's read has the card's limit from when it got a worker (waiting for one is not the card's fault), as
  // the pool's own timer does; the field patterns share that limit.
  const read = await pool.withWorker(config.language, timeoutMs, async (session): Promise<{ page: OcrPage; reading: CardDeadline; fields?: ReadFields; zones?: StoredZone[] }> => {
    const reading = new CardDeadline(timeoutMs);
    const whole = await readWholeCard(session, prepared.value, config.options.pageSegmentation ?? 'auto', raw);
    // Fields that read no zone need no worker: it goes back to the pool now and reads the next card meanwhile.
    if (!hasRegions) { return { page: whole.page, reading }; }
    const readRegion = sharedReadings(session, zoneImages, whole.image);
    // Learned zones are read first and labelled as they will be stored, so re-extraction finds what the run found.
    const zones = await readLearnedZones(whole.page, config.fields, readRegion, retryWanted(whole.page, config.fields, sharedModelFiles.source));
    const fields = await readFields(whole.page, config, reading, readRegion, zonesFromStored(zones, whole.page.width, whole.page.height));
    return { page: whole.page, reading, fields, zones };
  });
  if (!read.ok) { return read; }
  const page = read.value.page;
  const zones = read.value.zones ?? [];
  const found = read.value.fields ?? await readFields(page, config, read.value.reading, noZones, new Map());
  if (found instanceof CardTimeoutError) { throw found; }
  const { fields, kind } = found;
  const flagged = Object.values(fields).some(field => field.flags.length > 0);
  return { ok: true, value: {
    card,
    text: page.text,
    confidence: page.confidence === null ? null : Math.round(page.confidence * 10) / 10,
    fields,
    kind,
    words: cardWords(page.lines),
    ...(zones.length > 0 ? { zones } : {}),
    needsReview: kind === 'data' && (flagged || page.confidence === null),
    width: page.width,
    height: page.height,
    durationMs: Date.now() - startedAt,
    processedAt: new Date().toISOString(),
  } };
}

/** Zones are never read for a template without region fields. */
const noZones: RegionReader = () => { throw new Error('a template without region fields read a zone'); };

type ReadFields = { fields: Record<string, FieldValue>; kind: CardKind } | CardTimeoutError;

/** The card's fields and kind from its page. A card out of time while its patterns ran is the error itself,
 *  returned, not thrown: inside the worker's turn a throw would retire the worker, and it is not the worker's fault. */
async function readFields(page: OcrPage, config: RecognizeSettings, reading: CardDeadline, readRegion: RegionReader,
  zones: ReadonlyMap<string, ZonePage>): Promise<ReadFields> {
  const pageKind = classifyCard(page);
  // A photographed card whose page layout defeats tesseract can read as blank while its zones hold text:
  // with region fields (or learned zones), a "blank" card is read zone by zone and is data if any zone has a value.
  const hasRegions = readsZones(config.fields);
  let found: Awaited<ReturnType<typeof extractFields>> | undefined;
  try {
    found = pageKind !== 'blank' || hasRegions
      ? await extractFields(page, config.fields, readRegion, (what, work) => reading.runSync(what, work), undefined, zones) : undefined;
  } catch (error) {
    if (!(error instanceof CardTimeoutError)) { throw error; }
    return error;
  }
  const kind = pageKind === 'blank' && found && Object.values(found).some(field => field.value !== '') ? 'data' : pageKind;
  // A reference card's fields are read all the same (the catalogue wants the pointed-to author and title), but
  // nothing on it is flagged: it is not expected to carry every field. Blank cards have no values to find.
  const fields = kind === 'data' && found ? found
    : kind === 'reference' && found ? Object.fromEntries(Object.entries(found).map(([name, value]) => [name, { ...value, flags: [] }]))
      : Object.fromEntries(config.fields.map(field => [field.name, { value: '', confidence: null, flags: [] }]));
  return { fields: withKindFields(fields, config.fields, kind), kind };
}

/** Fields found `by: "kind"` get the card's kind (or the template's word for it), on every kind of card. */
function withKindFields(fields: Record<string, FieldValue>, specs: readonly FieldSpec[], kind: CardKind): Record<string, FieldValue> {
  const out = { ...fields };
  for (const spec of specs) {
    if (spec.find.by === 'kind') { out[spec.name] = { value: spec.find.values?.[kind] ?? kind, confidence: null, flags: [] }; }
  }
  return out;
}

/** The preparation that leaves the pixels alone: every step is opt-in, so nothing asked. */
export const rawPreparation: PreprocessOptions = {};

/** Nothing done to the pixels: the card goes to OCR as decoded (after EXIF rotation). */
export function isRawPreparation(options: PreprocessOptions): boolean {
  return Object.entries(options).every(([key, value]) => value === undefined || value === false || (key === 'targetWidth' && value === 0));
}

/** The card as decoded, for a whole-card fallback reading: prepared once, and only when a fallback asks for it
 *  (inside the worker's turn, but only for nearly empty readings, which are rare). */
function lazyRawImage(card: string, bytes: Buffer, maxInputPixels: number, output: 'png' | 'raw'): () => Promise<PreparedImage | undefined> {
  let image: Promise<PreparedImage | undefined> | undefined;
  return () => (image ??= preprocessImage(card, bytes, { preprocess: rawPreparation, maxInputPixels, output }).then(prepared => (prepared.ok ? prepared.value : undefined)));
}

/** Reads zones from their own preparation; fields that share a zone and its settings (company and place read
 *  from one header) share one reading. */
function sharedReadings(session: OcrSession, zoneImages: ZoneImages, pageImage: PreparedImage): RegionReader {
  const readings = new Map<string, Promise<OcrPage>>();
  return (box, ocr) => {
    const key = JSON.stringify([box, ocr.pageSegmentation, ocr.whitelist, ocr.language, ocr.preprocess && canonicalJson(ocr.preprocess)]);
    let reading = readings.get(key);
    if (!reading) {
      reading = (async () => {
        const own = ocr.preprocess && await zoneImages.get(ocr.preprocess);
        // The page's own image is the one the kept whole-card reading came from (maybe a fallback's raw image).
        return session.readRegionOf(own || pageImage, box, ocr);
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
    private readonly deadline: CardDeadline | undefined, private readonly output: 'png' | 'raw') {}

  get(options: PreprocessOptions): Promise<PreparedImage | undefined> {
    const key = canonicalJson(options);
    let image = this.images.get(key);
    if (!image) {
      image = preprocessImage(this.card, this.bytes, { preprocess: options, maxInputPixels: this.maxInputPixels, output: this.output, ...(this.deadline ? { deadline: this.deadline } : {}) })
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
async function prepareZoneImages(card: string, bytes: Buffer, config: RecognizeSettings, deadline: CardDeadline, output: 'png' | 'raw'): Promise<ZoneImages> {
  const images = new ZoneImages(card, bytes, Math.min(config.options.maxInputPixels ?? defaultMaxInputPixels, maxPixelsCap), deadline, output);
  for (const field of config.fields) {
    if ((field.find.by === 'region' || field.find.by === 'learned') && field.find.ocr?.preprocess) { await images.get(field.find.ocr.preprocess); }
  }
  return images;
}
