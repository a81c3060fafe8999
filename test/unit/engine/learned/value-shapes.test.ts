// The shapes of a field's checked values: learned only where a few cover nearly all (an id, not a name), compared
// without the spaces OCR puts into ids, and never matched by an empty value.
import * as assert from 'node:assert/strict';
import { hasShape, learnValueShapes, valueShape } from '../../../../src/engine/learned/value-shapes';

describe('value shapes', () => {
  it('spells a value as capitals, small letters, digits and its marks, runs collapsed, spaces ignored', () => {
    assert.equal(valueShape('B.51.322.GB.87.'), 'X.d.d.X.d.');
    assert.equal(valueShape('B.51.322.GB. 750.'), 'X.d.d.X.d.');
    assert.equal(valueShape('Zürich 1'), 'Xxd');
  });

  it('learns the shapes of ids, most frequent first, and none for names or too few values', () => {
    const ids = ['B.51.322.GB.266.', 'B.51.322.GB.638.', 'B.51.322.GB.913.', 'B.51.322.GB.1051.', 'B.51.322.01', 'B.57.322.01', 'B.51.322.GB.7.', ''];
    assert.deepEqual(learnValueShapes(ids), ['X.d.d.X.d.', 'X.d.d.d']);
    // One id of its own shape among ten is a slip the shapes need not cover; three among ten are not.
    const tenIds = [...Array.from({ length: 9 }, (_, i) => `B.51.322.GB.${i}.`), 'B-51'];
    assert.deepEqual(learnValueShapes(tenIds), ['X.d.d.X.d.']);
    assert.equal(learnValueShapes([...tenIds.slice(0, 7), 'B-51', 'C/4', '12a']), undefined);
    assert.equal(learnValueShapes(['Abegg & Cie.', 'Beatus A.G.', 'Brocca Bruno', 'Kolter G.m.b.H.', '"Piag" A.G.', 'Ott Martin']), undefined);
    assert.equal(learnValueShapes(['B.51.322.GB.1.', 'B.51.322.GB.2.', 'B.51.322.GB.3.']), undefined);
  });

  it('says whether a found value has one of the shapes; an empty one has none', () => {
    const shapes = ['X.d.d.X.d.', 'X.d.d.X.d'];
    assert.equal(hasShape('B.51.322.GB. 750.', shapes), true);
    assert.equal(hasShape('R67 299 CR', shapes), false);
    assert.equal(hasShape('', shapes), false);
    assert.equal(hasShape(undefined, shapes), false);
  });
});
