// One card's fields found again from its stored OCR (json/<card>.json), without OCR-ing it again. Region fields
// keep their stored values (they need the image); reviewed fields keep the reviewer's value. Pure but for models.
import type { CardResult, FieldSpec, FieldValue } from '../../protocol';
import { extractFields } from '../fields';
import type { RegionReader } from '../ocr-page';
import type { ModelSource } from './model-source';
import { pageFromResult } from './stored-page';
import { zoneKey, zonesFromResult } from './learned-zones';

const noRegions: RegionReader = async () => { throw new Error('re-extraction reads no regions'); };

/** The card's fields found again; region fields, learned fields of zones it has no reading of (and fields derived
 *  from either) and reviewed fields kept. */
export async function reextractCard(result: CardResult, fields: readonly FieldSpec[], models: ModelSource): Promise<CardResult | undefined> {
  const page = pageFromResult(result);
  if (!page) { return undefined; }
  const zones = zonesFromResult(result);
  // A learned field whose zone this card's result does not hold (the batch ran before the template read that zone)
  // keeps its stored value, as a region field does: labelling nothing would empty it.
  const unread = (f: FieldSpec) => f.find.by === 'learned' && f.find.region !== undefined && !zones.has(zoneKey(f.find.region, f.find.ocr));
  const kept = new Set(fields.filter(f => f.find.by === 'region' || unread(f)).map(f => f.name));
  const again = fields.filter(f => !kept.has(f.name) && !(f.find.by === 'derived' && kept.has(f.find.from)));
  // Learned fields with a region label the zones the card's result kept.
  const found = await extractFields(page, again, noRegions, undefined, models, zones);
  const blank: FieldValue = { value: '', confidence: null, flags: [] };
  const values: Record<string, FieldValue> = Object.fromEntries(fields.map(field => {
    const stored = result.fields[field.name];
    if (stored?.review) { return [field.name, stored]; }
    return [field.name, found[field.name] ?? stored ?? blank];
  }));
  const flagged = Object.values(values).some(field => field.flags.length > 0);
  return { ...result, fields: values, needsReview: (result.kind ?? 'data') === 'data' && (flagged || result.confidence === null) };
}
