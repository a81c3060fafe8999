// The token sequence a model labels on one card: the whole page's tokens (when a learned field has no region),
// then each learned zone's, with features saying which zone a token comes from and where it sits in it. A page
// without zones gives exactly `pageTokens` and `tokenFeatures`. Pure.
import type { FieldSpec, PixelBox, RegionReading } from '../../protocol';
import type { OcrPage, OcrWord } from '../ocr-page';
import { keepConfidentLines } from '../fields/find-region';
import { pageTokens, tokenFeatures, type Token } from './features';
import { learnedZones, pageReadings, zoneKey, type ZonePage } from './learned-zones';
import type { FieldTarget } from './train';

/** One reading in the sequence: the whole page (no `zone`), or a zone, by its index among the template's zones;
 *  a zone's `alternatives` are its retry readings, in the template's order (see LearnedLabeller). */
export interface TokenSegment {
  page: OcrPage; zone?: { index: number; box: PixelBox }; alternatives?: OcrPage[];
  /** On the page: its other readings, by stored key (each labelled by its own model; see LearnedLabeller). */
  readings?: PageReading[];
}

/** Another reading of the whole card, by the key it is stored under. */
export interface PageReading { key: string; page: OcrPage }

/**
 * The readings the learned fields use, in order: the page first when some learned field has no region (or none
 * has one), with its other readings that were read, then each zone of the template that was read, its words kept by the zone's confidence floors.
 */
export function learnedSegments(page: OcrPage, fields: readonly FieldSpec[], zones: ReadonlyMap<string, ZonePage>): TokenSegment[] {
  const learned = fields.filter(field => field.find.by === 'learned');
  const layout = learnedZones(learned);
  const wholePage = layout.length === 0 || learned.some(field => field.find.by === 'learned' && !field.find.region);
  const readings = pageReadings(learned).flatMap(reading => {
    const read = zones.get(reading.key);
    return read ? [{ key: reading.key, page: confidentPage(read.page, reading.ocr) }] : [];
  });
  const segments: TokenSegment[] = wholePage ? [{ page, ...(readings.length > 0 ? { readings } : {}) }] : [];
  layout.forEach((zone, index) => {
    const read = zones.get(zone.key);
    if (!read) { return; }
    const alternatives = zone.retries.flatMap(retry => {
      const again = zones.get(retry.key);
      return again ? [confidentPage(again.page, retry.ocr)] : [];
    });
    segments.push({ page: confidentPage(read.page, zone.ocr), zone: { index, box: read.box }, ...(alternatives.length > 0 ? { alternatives } : {}) });
  });
  return segments;
}

/** The zone's reading with its words kept by the reading's confidence floors. */
function confidentPage(page: OcrPage, ocr: RegionReading): OcrPage {
  const lines = keepConfidentLines(page.lines, ocr);
  return { ...page, lines, text: lines.map(line => line.text).join('\n') };
}

/** The segments' tokens one after another; a zone's tokens carry its index, lines are numbered across segments. */
export function sequenceTokens(segments: readonly TokenSegment[]): Token[] {
  let lineOffset = 0;
  return segments.flatMap(segment => {
    const tokens = pageTokens(segment.page).map(token => ({
      ...token, line: token.line + lineOffset, ...(segment.zone ? { zone: segment.zone.index } : {}),
    }));
    lineOffset += segment.page.lines.length;
    return tokens;
  });
}

/** Position features conjoined with the zone: where a token sits means different things in different zones. */
const zonedPrefixes = ['x=', 'y=', 'line=', 'fromEnd=', 'inLine=', 'lineStart='];

/** Each token's attributes, in the order of `sequenceTokens(segments)`; a zone's are measured within the zone. */
export function sequenceFeatures(segments: readonly TokenSegment[]): string[][] {
  return segments.flatMap(segment => {
    if (!segment.zone) { return tokenFeatures(segment.page); }
    const { index, box } = segment.zone;
    return tokenFeatures(withinZone(segment.page, box)).map(names => [
      ...names, `zone=${index}`, ...names.filter(name => zonedPrefixes.some(prefix => name.startsWith(prefix))).map(name => `zone${index}|${name}`),
    ]);
  });
}

/** The zone's words in the zone's own pixels, so x/y bins run over the zone, not the card. */
function withinZone(page: OcrPage, box: PixelBox): OcrPage {
  const shift = (b: PixelBox): PixelBox => ({ x0: b.x0 - box.x0, y0: b.y0 - box.y0, x1: b.x1 - box.x0, y1: b.y1 - box.y0 });
  const word = (w: OcrWord): OcrWord => ({ ...w, box: shift(w.box) });
  return {
    ...page, width: Math.max(1, box.x1 - box.x0), height: Math.max(1, box.y1 - box.y0),
    lines: page.lines.map(line => ({ ...line, box: shift(line.box), words: line.words.map(word) })),
  };
}

/** The learned fields as training targets: name, type, and the index of the zone each is read from. */
export function learnedTargets(fields: readonly FieldSpec[]): FieldTarget[] {
  const learned = fields.filter(field => field.find.by === 'learned');
  const keys = learnedZones(learned).map(zone => zone.key);
  return learned.map(field => {
    const index = field.find.by === 'learned' && field.find.region ? keys.indexOf(zoneKey(field.find.region, field.find.ocr)) : -1;
    return { name: field.name, ...(field.type ? { type: field.type } : {}), ...(index >= 0 ? { zone: index } : {}) };
  });
}
