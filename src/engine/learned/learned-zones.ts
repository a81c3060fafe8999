// The zones a template's learned fields read (`find: { by: "learned", region }`): which ones, read once per card
// (and once more per `retry` reading), kept in the card's result and rebuilt from it, so training and re-extraction
// never OCR the card again.
import type { CardResult, FieldSpec, PixelBox, RegionOcrOptions, RegionReading, RelativeRect, StoredZone } from '../../protocol';
import type { OcrPage, RegionReader } from '../ocr-page';
import { canonicalJson } from '../../common/canonical-json';
import { cardWords } from '../card-words';
import { regionBox } from '../fields/find-region';
import { pageFromWords } from './stored-page';

/** Another reading of a zone (its `retry` settings over the zone's own), by the key it is stored under. */
export interface ZoneRetry { key: string; ocr: RegionReading }

/** One zone of the template's learned fields; `key` names it in stored results. */
export interface LearnedZone { key: string; region: RelativeRect; ocr: RegionReading; retries: ZoneRetry[] }

/** A zone as read on one card: its words (card pixels) and where it lies. */
export interface ZonePage { page: OcrPage; box: PixelBox }

/** A zone's name in stored results: its region and reading settings (its retries are stored under their own). */
export function zoneKey(region: RelativeRect, ocr: RegionOcrOptions = {}): string {
  const { retry: _retry, ...reading } = ocr;
  return canonicalJson({ region, ocr: reading });
}

/** The zone's retry readings, each over the zone's own settings, as the region finder reads them. */
function zoneRetries(region: RelativeRect, ocr: RegionOcrOptions): ZoneRetry[] {
  const { retry, ...own } = ocr;
  return (retry ?? []).map(reading => ({ ...own, ...reading })).map(reading => ({ key: zoneKey(region, reading), ocr: reading }));
}

/** The distinct zones of the learned fields, in field order (a zone's index is a model feature, so the order is the template's). */
export function learnedZones(fields: readonly FieldSpec[]): LearnedZone[] {
  const zones = new Map<string, LearnedZone>();
  for (const field of fields) {
    if (field.find.by !== 'learned' || !field.find.region) { continue; }
    const key = zoneKey(field.find.region, field.find.ocr);
    if (zones.has(key)) { continue; }
    const { retry: _retry, ...ocr } = field.find.ocr ?? {};
    zones.set(key, { key, region: field.find.region, ocr, retries: zoneRetries(field.find.region, field.find.ocr ?? {}) });
  }
  return [...zones.values()];
}

/** Whether reading the fields takes zones of the card: region fields, or learned fields with a region. */
export function readsZones(fields: readonly FieldSpec[]): boolean {
  return fields.some(field => field.find.by === 'region' || (field.find.by === 'learned' && field.find.region !== undefined));
}

/** Reads each learned zone once, and once per retry reading, as it will be stored: words rounded, lines spelled by
 *  their words. Every retry is read, not only after a failure: which reading the model's value is taken from is
 *  decided when labelling (see LearnedLabeller), so a retrained model can decide again without OCR. */
export async function readLearnedZones(page: OcrPage, fields: readonly FieldSpec[], readRegion: RegionReader): Promise<StoredZone[]> {
  const stored: StoredZone[] = [];
  for (const zone of learnedZones(fields)) {
    const box = regionBox(page, zone.region);
    for (const { key, ocr } of [zone, ...zone.retries]) {
      const reading = await readRegion(box, ocr);
      const lines = reading.lines.map(line => ({ ...line, words: line.words.filter(word => word.text.trim() !== '' && !/\s/.test(word.text)) }))
        .filter(line => line.words.length > 0);
      stored.push({ key, box, text: lines.map(line => line.words.map(word => word.text).join(' ')).join('\n'), words: cardWords(lines) });
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
