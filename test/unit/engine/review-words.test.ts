// Review by pointing: the words a reviewer pointed at are kept with the field's review (so training can label
// them exactly), a value typed anew drops them, and words that are not the card's are refused.
import { strict as assert } from 'node:assert';
import { applyCorrections } from '../../../src/engine/review';
import type { CardResult } from '../../../src/protocol';

const at = '2026-12-02T01:00:00.000Z';
const words = ['Weber,', 'Anna.', 'Basel', '1933.'].map((text, i) => ({ text, confidence: 90, box: { x0: i * 50, y0: 0, x1: i * 50 + 40, y1: 20 } }));
const result: CardResult = {
  card: 'a.jpg', text: 'Weber, Anna. Basel 1933.', confidence: 90, words, needsReview: true, width: 300, height: 100, durationMs: 5, processedAt: at,
  fields: { name: { value: '', confidence: null, flags: ['missing'] }, place: { value: 'Basel', confidence: 40, flags: ['low-confidence'] } },
};

describe('review by pointing', () => {
  it('keeps the pointed words, sorted and once each, with the value they spell', () => {
    const saved = applyCorrections(result, { name: 'Weber, Anna.' }, at, { words: { name: [1, 0, 1] } });
    assert.ok(saved.ok);
    assert.deepEqual(saved.value.fields.name.review, { originalValue: '', reviewedAt: at, action: 'corrected', words: [0, 1] });
    assert.deepEqual(saved.value.fields.name.flags, []);
    assert.equal(saved.value.needsReview, true);   // place is still flagged
  });

  it('marks a field reviewed (accepted) when its words are pointed at and its value was already right', () => {
    const saved = applyCorrections(result, {}, at, { words: { place: [2] } });
    assert.ok(saved.ok);
    assert.deepEqual(saved.value.fields.place, { value: 'Basel', confidence: 40, flags: [], review: { originalValue: 'Basel', reviewedAt: at, action: 'accepted', words: [2] } });
  });

  it('drops the words once the value is typed anew, and keeps them when the card is only accepted', () => {
    const pointed = applyCorrections(result, {}, at, { words: { place: [2] } });
    assert.ok(pointed.ok);
    const accepted = applyCorrections(pointed.value, {}, at, { accept: ['place'] });
    assert.ok(accepted.ok);
    assert.deepEqual(accepted.value.fields.place.review?.words, [2]);
    const typed = applyCorrections(pointed.value, { place: 'Basle' }, at);
    assert.ok(typed.ok);
    assert.equal(typed.value.fields.place.review?.words, undefined);
  });

  it('refuses words the card does not have and fields it does not have', () => {
    const outside = applyCorrections(result, {}, at, { words: { place: [4] } });
    assert.deepEqual(outside.ok ? undefined : [outside.error.code, outside.error.details], ['request/invalid', { field: 'place' }]);
    const unknown = applyCorrections(result, {}, at, { words: { year: [3] } });
    assert.deepEqual(unknown.ok ? undefined : unknown.error.details, { fields: ['year'] });
  });
});
