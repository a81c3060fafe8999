// `replace`: a template's known misreadings put right after `select`, before the normalisers.
import * as assert from 'node:assert/strict';
import { applyReplacements, finishField } from '../../../../src/engine/fields/finish-field';
import type { FieldSpec } from '../../../../src/protocol';

describe('field replacements', () => {
  const cases: Array<{ text: string; rules: Array<{ pattern: string; with: string; flags?: string }>; expected: string }> = [
    { text: 'B.51.322.6B.638', rules: [{ pattern: '(?<=322\\.)[0-9A-Z]{2}(?=\\.\\d)', with: 'GB' }], expected: 'B.51.322.GB.638' },
    { text: 'B,51,,322.GB.1', rules: [{ pattern: '[.,]+', with: '.' }], expected: 'B.51.322.GB.1' },
    { text: 'l9O4', rules: [{ pattern: 'O', with: '0' }, { pattern: '^l', with: '1' }], expected: '1904' },
    { text: 'Nov. 1942', rules: [{ pattern: '(?<m>\\p{L}+)\\. (?<y>\\d+)', with: '$<y>-$<m>' }], expected: '1942-Nov' },
    { text: 'abc ABC', rules: [{ pattern: 'abc', with: 'x', flags: 'i' }], expected: 'x x' },
    { text: 'unchanged', rules: [], expected: 'unchanged' },
  ];
  for (const { text, rules, expected } of cases) {
    it(`${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () => assert.equal(applyReplacements(text, rules), expected));
  }

  it('runs after select and before validation, so the corrected value is what gets validated', () => {
    const spec: FieldSpec = {
      name: 'id', find: { by: 'lines', from: 1 },
      select: { pattern: '\\S*322\\S*' },
      replace: [{ pattern: '(?<=322\\.)6B', with: 'GB' }],
      validate: { pattern: '^B\\.51\\.322\\.GB\\.\\d+$' },
    };
    const value = finishField({ text: 'Zürich B.51.322.6B.759', words: [{ text: 'B.51.322.6B.759', confidence: 90, box: { x0: 0, y0: 0, x1: 10, y1: 10 } }] }, spec);
    assert.equal(value.value, 'B.51.322.GB.759');
    assert.deepEqual(value.flags, []);
  });
});
