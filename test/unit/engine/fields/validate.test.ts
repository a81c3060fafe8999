// Table-driven tests of field validation: pattern, year range and required, as flags.
import { strict as assert } from 'node:assert';
import type { FieldFlag, FieldValidation } from '../../../../src/protocol';
import { validateValue } from '../../../../src/engine/fields/validate';

describe('validateValue', () => {
  const bId = { pattern: '^B\\.51\\.322\\.GB\\.\\d+\\.?$' };
  const cases: Array<[string, string, FieldValidation | undefined, boolean, FieldFlag[]]> = [
    ['a matching id', 'B.51.322.GB.266', bId, true, []],
    ['an id OCR broke', 'B.5l.322.GB.266', bId, true, ['invalid']],
    ['an empty optional value', '', bId, true, []],
    ['an empty required value', '', { required: true }, true, ['missing']],
    ['a present required value', 'x', { required: true }, true, []],
    ['a year in range', 'Mainz, 1952', { minYear: 1450, maxYear: 2000 }, true, []],
    ['a year after the range', '2024', { minYear: 1450, maxYear: 2000 }, true, ['invalid']],
    ['a year before the range', '1200', { minYear: 1450 }, true, ['invalid']],
    ['no year at all with a range', 'n.d.', { maxYear: 2000 }, true, ['invalid']],
    ['an ISO date in range', '1942-08-06', { minYear: 1939, maxYear: 1946 }, true, []],
    ['a value not of its type', 'xii', undefined, false, ['invalid']],
    ['no validation', 'anything', undefined, true, []],
    ['a unicode pattern', 'Zürich', { pattern: '^\\p{Lu}\\p{Ll}+$' }, true, []],
  ];
  for (const [name, value, validation, typeOk, flags] of cases) {
    it(`${name}: ${JSON.stringify(value)} → [${flags.join(', ')}]`, () => {
      assert.deepEqual(validateValue(value, validation, typeOk), flags);
    });
  }
});
