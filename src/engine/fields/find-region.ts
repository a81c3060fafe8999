// Region finder: a rectangle of the card in relative coordinates, OCR'd on its own with the field's settings.
import type { FieldSpec, PixelBox, RegionOcrOptions, RegionReading, RelativeRect } from '../../protocol';
import { meanConfidence, type OcrLine, type OcrPage, type RawValue, type RegionReader } from '../ocr-page';

/** Relative 0..1 coordinates to card pixels, clamped to the card. */
export function toPixelBox(rect: RelativeRect, width: number, height: number): PixelBox {
  const x0 = Math.max(0, Math.round(rect.left * width));
  const y0 = Math.max(0, Math.round(rect.top * height));
  return { x0, y0, x1: Math.min(width, Math.round((rect.left + rect.width) * width)), y1: Math.min(height, Math.round((rect.top + rect.height) * height)) };
}

/** A zone's first reading and its `retry` readings, each retry over the zone's own settings. */
export function zoneReadings(ocr: RegionOcrOptions = {}): { first: RegionReading; retries: RegionReading[] } {
  const { retry, ...first } = ocr;
  return { first, retries: (retry ?? []).map(reading => ({ ...first, ...reading })) };
}

/** Every language a field's own readings name (its `ocr` and its retries), so their data is linked before a batch. */
export function readingLanguages(field: FieldSpec): string[] {
  if (field.find.by !== 'region' && field.find.by !== 'learned') { return []; }
  const { first, retries } = zoneReadings(field.find.ocr);
  return [first, ...retries].flatMap(reading => (reading.language ? [reading.language] : []));
}

/** The region in card pixels: relative to the card's frame when a border was cropped, else to the whole image. */
export function regionBox(page: OcrPage, region: RelativeRect): PixelBox {
  const frame = page.frame ?? { x0: 0, y0: 0, x1: page.width, y1: page.height };
  const inFrame = toPixelBox(region, frame.x1 - frame.x0, frame.y1 - frame.y0);
  return { x0: inFrame.x0 + frame.x0, y0: inFrame.y0 + frame.y0, x1: inFrame.x1 + frame.x0, y1: inFrame.y1 + frame.y0 };
}

/** The lines the zone's confidence floors keep (`minLineConfidence`, then `minWordConfidence`); lines left
 *  without words go; none when what is left has a mean under `minMeanConfidence`. Without floors, the lines as read. */
export function keepConfidentLines(lines: readonly OcrLine[], ocr: RegionOcrOptions): OcrLine[] {
  const kept = keepConfidentWords(lines, ocr.minLineConfidence ?? 0, ocr.minWordConfidence ?? 0);
  const mean = meanConfidence(kept.flatMap(line => line.words));
  return mean !== null && mean < (ocr.minMeanConfidence ?? 0) ? [] : kept;
}

function keepConfidentWords(lines: readonly OcrLine[], lineFloor: number, wordFloor: number): OcrLine[] {
  if (lineFloor === 0 && wordFloor === 0) { return [...lines]; }
  return lines
    .filter(line => (meanConfidence(line.words) ?? 0) >= lineFloor)
    .map(line => {
      const words = line.words.filter(word => word.confidence >= wordFloor);
      return { ...line, words, text: words.map(word => word.text).join(' ') };
    })
    .filter(line => line.words.length > 0);
}

/** The region's kept lines (see keepConfidentLines) joined by one space; their words give the confidence; its box is the region. */
export async function findByRegion(page: OcrPage, region: RelativeRect, ocr: RegionOcrOptions, readRegion: RegionReader): Promise<RawValue> {
  const box = regionBox(page, region);
  const lines = keepConfidentLines((await readRegion(box, ocr)).lines, ocr);
  return { text: lines.map(line => line.text).join(' '), words: lines.flatMap(line => line.words), box };
}
