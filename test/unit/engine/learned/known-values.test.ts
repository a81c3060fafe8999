// Values a field's checked cards typed more than once, learned from them, and found values OCR slipped on snapped to them.
import * as assert from 'node:assert/strict';
import { applyKnownValues, learnKnownValues } from '../../../../src/engine/learned/known-values';

describe('learned known values', () => {
  it('are the values checked on two cards or more, most frequent first; none when too few repeat', () => {
    assert.deepEqual(learnKnownValues(['Zürich', 'GENEVE', ' Zürich', 'Genève', 'Zürich', 'GENEVE', 'Chur', '']), ['Zürich', 'GENEVE']);
    assert.equal(learnKnownValues(['Basel', 'Bern', 'Chur']), undefined);
    // Two repeats among eight names: not a closed list.
    assert.equal(learnKnownValues(['Walter', 'Walter', 'Hans', 'Karl', 'Erich', 'Otto', 'Paul', 'Emil']), undefined);
  });

  it('put right a misread value as typed, case included, and leave a known, short or unrelated one alone', () => {
    const known = ['ZUERICH', 'Zürich', 'Genève', 'VEVEY'];
    assert.equal(applyKnownValues('Zurich', known), 'Zürich');
    assert.equal(applyKnownValues('VEVER', known), 'VEVEY');
    assert.equal(applyKnownValues('Gendve', known), 'Genève');
    assert.equal(applyKnownValues('ZUERICH', known), 'ZUERICH');
    assert.equal(applyKnownValues('Wid', ['Wil']), 'Wid');
    assert.equal(applyKnownValues('Lugano', known), 'Lugano');
  });

  it('do not take a value with another word count for a misreading (`Zürich 1` stays)', () => {
    assert.equal(applyKnownValues('Zürich 1', ['Zürich']), 'Zürich 1');
  });
});
