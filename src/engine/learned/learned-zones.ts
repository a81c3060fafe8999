// The zones a template's learned fields read (`find: { by: "learned", region }`): which ones, read once per card
// (and once more per `retry` reading), and other readings of the whole card for the page's learned fields; kept in
// the card's result and rebuilt from it, so training and re-extraction never OCR the card again.
import type { CardResult, FieldSpec, PixelBox, RegionOcrOptions, RegionReading, RelativeRect, StoredZone } from '../../protocol';
import type { OcrPage, RegionReader } from '../ocr-page';
import { canonicalJson } from '../../common/canonical-json';
import { cardWords } from '../card-words';
import { regionBox, zoneReadings } from '../fields/find-region';
import { pageFromWords } from './stored-page';

/** Another reading of a zone (its `retry` settings over the zone's own), by the key it is stored under. */
export interface ZoneRetry { key: string; ocr: RegionReading }

/** One zone of the template's learned fields; `key` names it in stored results. */
export interface LearnedZone { key: string; region: RelativeRect; ocr: RegionReading; retries: ZoneRetry[] }

/** A zone as read on one card: its words (card pixels) and where it lies. */
export interface ZonePage { page: OcrPage; box: PixelBox }

/** A zone's name in stored results: its region and reading settings (its retries are stored under their own). */
export function zoneKey(region: RelativeRect, ocr: RegionOcrOptions = {}): string {
  return canonicalJson({ region, ocr: zoneReadings(ocr).first });
}

/** The distinct zones of the learned fields, in field order (a zone's index is a model feature, so the order is the template's). */
export function learnedZones(fields: readonly FieldSpec[]): LearnedZone[] {
  const zones = new Map<string, LearnedZone>();
  for (const field of fields) {
    if (field.find.by !== 'learned' || !field.find.region) { continue; }
    const { region } = field.find;
    const key = zoneKey(region, field.find.ocr);
    const { first, retries: readings } = zoneReadings(field.find.ocr);
    const retries = readings.map(ocr => ({ key: zoneKey(region, ocr), ocr }));
    const known = zones.get(key);
    // Fields sharing a zone share its retries: the first field that names some gives them.
    if (known) { if (known.retries.length === 0) { known.retries = retries; } continue; }
    zones.set(key, { key, region, ocr: first, retries });
  }
  return [...zones.values()];
}

/** The whole card as a zone: another reading of the page is stored as this zone read another way. */
const wholeCard: RelativeRect = { left: 0, top: 0, width: 1, height: 1 };

/** Other readings of the whole card for the learned page fields (their `ocr.retry`, fields without a region), by the
 *  key each is stored under; fields naming the same reading share it. In the order the fields name them. */
export function pageReadings(fields: readonly FieldSpec[]): ZoneRetry[] {
  const readings = new Map<string, ZoneRetry>();
  for (const field of fields) {
    if (field.find.by !== 'learned' || field.find.region) { continue; }
    for (const ocr of zoneReadings(field.find.ocr).retries) {
      const key = zoneKey(wholeCard, ocr);
      if (!readings.has(key)) { readings.set(key, { key, ocr }); }
    }
  }
  return [...readings.values()];
}

/** Whether reading the fields takes zones of the card: region fields, learned fields with a region, or other
 *  readings of the whole card for learned fields. */
export function readsZones(fields: readonly FieldSpec[]): boolean {
  return fields.some(field => field.find.by === 'region' || (field.find.by === 'learned' && field.find.region !== undefined))
    || pageReadings(fields).length > 0;
}

/** Whether to read the zone (by key) once more, given the readings stored so far: @default always. */
export type RetryWanted = (zoneKey: string, stored: readonly StoredZone[]) => Promise<boolean>;

/** Reads each learned zone once, then each zone's retry readings in turn while `wanted` says its values still fail,
 *  as they will be stored: words rounded, lines spelled by their words. Which reading a zone's values are taken
 *  from is decided when labelling (see LearnedLabeller), so a retrained model can decide again without OCR. */
export async function readLearnedZones(page: OcrPage, fields: readonly FieldSpec[], readRegion: RegionReader,
  wanted: RetryWanted = async () => true): Promise<StoredZone[]> {
  const stored: StoredZone[] = [];
  const read = async (key: string, box: PixelBox, ocr: RegionReading) => {
    const reading = await readRegion(box, ocr);
    const lines = reading.lines.map(line => ({ ...line, words: line.words.filter(word => word.text.trim() !== '' && !/\s/.test(word.text)) }))
      .filter(line => line.words.length > 0);
    stored.push({ key, box, text: lines.map(line => line.words.map(word => word.text).join(' ')).join('\n'), words: cardWords(lines) });
  };
  const zones = learnedZones(fields).map(zone => ({ zone, box: regionBox(page, zone.region) }));
  // Every first reading before any retry: whether a zone failed is judged on the card's whole token sequence.
  for (const { zone, box } of zones) { await read(zone.key, box, zone.ocr); }
  // Other readings of the whole card are all read: which one a field comes from is the model's choice, per field.
  const card = { x0: 0, y0: 0, x1: page.width, y1: page.height };
  for (const reading of pageReadings(fields)) { await read(reading.key, card, reading.ocr); }
  for (const { zone, box } of zones) {
    for (const retry of zone.retries) {
      if (!(await wanted(zone.key, stored))) { break; }
      await read(retry.key, box, retry.ocr);
    }
  }
  return stored;
}

/** Stored zones by key, rebuilt as pages; a zone whose words do not spell its text is left out. */
export function zonesFromStored(zones: readonly StoredZone[] | undefined, width: number, height: number): Map<string, ZonePage> {
  const pages = new Map<string, ZonePage>();
  for (const zone of zones ?? []) {
    const page = pageFromWords(zone.text, zone.words, width, height);
    if (page) { pages.set(zone.key, { page, box: zone.box }); }
  }
  return pages;
}

/** The zones a stored card result kept (none for results written before zones were kept). */
export function zonesFromResult(result: CardResult): Map<string, ZonePage> {
  return zonesFromStored(result.zones, result.width, result.height);
}
