// At OCR time, whether a learned zone is read once more: only while the model of a learned field read from it finds
// the zone's checked values failing in every reading so far (see LearnedLabeller.wantsRetry); before any model
// exists every retry is read, so the model trained on the batch can choose among them. Pure but for models.
import type { FieldSpec } from '../../protocol';
import type { OcrPage } from '../ocr-page';
import { learnedZones, zoneKey, zonesFromStored, type RetryWanted } from './learned-zones';
import type { ModelSource } from './model-source';
import { learnedSegments } from './zone-tokens';

export function retryWanted(page: OcrPage, fields: readonly FieldSpec[], models: ModelSource): RetryWanted {
  const learned = fields.flatMap(field => (field.find.by === 'learned' ? [{ field, find: field.find }] : []));
  return async (key, stored) => {
    const zones = zonesFromStored(stored, page.width, page.height);
    const paths = new Set(learned.filter(({ find }) => find.region && zoneKey(find.region, find.ocr) === key).map(({ find }) => find.model ?? ''));
    for (const path of paths) {
      // The zone's index among the zones of this model's fields, as the model was trained on them.
      const own = learned.filter(({ find }) => (find.model ?? '') === path).map(({ field }) => field);
      const labeller = await models(path === '' ? undefined : path);
      if (labeller.wantsRetry(learnedSegments(page, own, zones), learnedZones(own).findIndex(zone => zone.key === key))) { return true; }
    }
    return false;
  };
}
