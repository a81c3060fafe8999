// One card's fields found again from its stored OCR (json/<card>.json), without OCR-ing it again. Region fields
// keep their stored values (they need the image); reviewed fields keep the reviewer's value. Pure but for models.
import type { CardResult, FieldSpec, FieldValue } from '../../protocol';
import { extractFields } from '../fields';
import type { RegionReader } from '../ocr-page';
import type { ModelSource } from './model-source';
import { pageFromResult } from './stored-page';
import { zonesFromResult } from './learned-zones';

const noRegions: RegionReader = async () => { throw new Error('re-extraction reads no regions'); };

/** The card's fields found again; region fields (and fields derived from them) and reviewed fields kept. */
export async function reextractCard(result: CardResult, fields: readonly FieldSpec[], models: ModelSource): Promise<CardResult | undefined> {
  const page = pageFromResult(result);
  if (!page) { return undefined; }
  const regions = new Set(fields.filter(f => f.find.by === 'region').map(f => f.name));
  const again = fields.filter(f => !regions.has(f.name) && !(f.find.by === 'derived' && regions.has(f.find.from)));
  // Learned fields with a region label the zones the card's result kept.
  const found = await extractFields(page, again, noRegions, undefined, models, zonesFromResult(result));
  const blank: FieldValue = { value: '', confidence: null, flags: [] };
  const values: Record<string, FieldValue> = Object.fromEntries(fields.map(field => {
    const stored = result.fields[field.name];
    if (stored?.review) { return [field.name, stored]; }
    return [field.name, found[field.name] ?? stored ?? blank];
  }));
  const flagged = Object.values(values).some(field => field.flags.length > 0);
  return { ...result, fields: values, needsReview: (result.kind ?? 'data') === 'data' && (flagged || result.confidence === null) };
}
