// Normalised Indel similarity, checked against values rapidfuzz's fuzz.ratio gives for the same pairs.
import { strict as assert } from 'node:assert';
import { indelDistance, indelSimilarity, longestCommonSubsequence } from '../../../../src/engine/eval/indel';

describe('indel similarity', () => {
  const cases: Array<[string, string, number, number]> = [
    ['', '', 0, 1],
    ['abc', '', 3, 0],
    ['Zürich', 'Zürich', 0, 1],
    ['Zürich', 'Zurich', 2, 1 - 2 / 12],
    ['kitten', 'sitting', 5, 1 - 5 / 13],
    ['B.51.322.GB.266', 'B.51.322.GB.266.', 1, 1 - 1 / 31],
    ['abc', 'xyz', 6, 0],
  ];
  for (const [a, b, distance, similarity] of cases) {
    it(`${JSON.stringify(a)} vs ${JSON.stringify(b)}: distance ${distance}, similarity ${similarity.toFixed(4)}`, () => {
      assert.equal(indelDistance(a, b), distance);
      assert.equal(indelSimilarity(a, b), similarity);
      assert.equal(indelSimilarity(b, a), similarity);
    });
  }
  it('counts code points, not UTF-16 units', () => {
    assert.equal(longestCommonSubsequence('a😀b', 'a😀c'), 2);
    assert.equal(indelDistance('😀', ''), 1);
  });
});
