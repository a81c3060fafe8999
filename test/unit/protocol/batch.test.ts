// Card results on disk: results written before zones were kept still parse, and a learned field's zone
// (region and reading, no retry) is a template setting, checked like any other.
import * as assert from 'node:assert/strict';
import { CardResult, checkTemplate, describeTemplateFault, FieldSpec } from '../../../src/protocol';

const old = {
  card: 'card-1.jpg', text: 'Mootz Wilhelm\nBasel', confidence: 91.5, fields: { company: { value: 'Mootz Wilhelm', confidence: 90, flags: [] } },
  kind: 'data', words: [
    { text: 'Mootz', confidence: 90, box: { x0: 10, y0: 10, x1: 60, y1: 30 } },
    { text: 'Wilhelm', confidence: 93, box: { x0: 70, y0: 10, x1: 140, y1: 30 } },
    { text: 'Basel', confidence: 91, box: { x0: 10, y0: 40, x1: 60, y1: 60 } },
  ], needsReview: false, width: 1000, height: 600, durationMs: 812, processedAt: '2026-11-30T10:00:00.000Z',
};
const zone = { key: '{"ocr":{},"region":{"height":0.2,"left":0,"top":0,"width":0.6}}', box: { x0: 0, y0: 0, x1: 600, y1: 120 },
  text: 'Mootz Wilhelm', words: old.words.slice(0, 2) };

describe('card result schema', () => {
  it('parses a result written before zones were kept, without adding any', () => {
    const parsed = CardResult.parse(old);
    assert.equal(parsed.zones, undefined);
    assert.deepEqual(parsed, old);
  });

  it('keeps the zones learned fields read, with their box and words', () => {
    assert.deepEqual(CardResult.parse({ ...old, zones: [zone] }).zones, [zone]);
  });

  it('refuses a zone without its key or box', () => {
    assert.equal(CardResult.safeParse({ ...old, zones: [{ ...zone, key: undefined }] }).success, false);
    assert.equal(CardResult.safeParse({ ...old, zones: [{ ...zone, box: undefined }] }).success, false);
  });
});

describe('learned finder with a zone', () => {
  const base = { id: 'cards', name: 'Cards', version: 1 };
  const region = { left: 0.03, top: 0.03, width: 0.65, height: 0.16 };

  it('takes a region and the zone reading settings', () => {
    const spec = FieldSpec.parse({ name: 'company', find: { by: 'learned', region, ocr: { pageSegmentation: 'single-block', preprocess: { suppressRules: true }, minLineConfidence: 25 } } });
    assert.deepEqual(spec.find, { by: 'learned', region, ocr: { pageSegmentation: 'single-block', preprocess: { suppressRules: true }, minLineConfidence: 25 } });
    assert.equal(checkTemplate({ ...base, fields: [spec] }), undefined);
  });

  it('takes retry readings of the zone, and names an unknown key inside one', () => {
    const retry = [{ pageSegmentation: 'sparse' }];
    assert.equal(checkTemplate({ ...base, fields: [{ name: 'b_id', find: { by: 'learned', region, ocr: { retry } } }] }), undefined);
    const found = checkTemplate({ ...base, fields: [{ name: 'b_id', find: { by: 'learned', region, ocr: { retry: [{ pageSegment: 'sparse' }] } } }] });
    assert.equal(found && describeTemplateFault(found), 'fields.0.find.ocr.retry.0.pageSegment (field "b_id", key find.ocr.retry.0.pageSegment): unknown key (misspelt, or not a template setting)');
  });

  it('refuses a region outside the card', () => {
    assert.equal(FieldSpec.safeParse({ name: 'company', find: { by: 'learned', region: { ...region, left: 0.5, width: 0.6 } } }).success, false);
  });
});
