// Table-driven tests of field types: text to integer, year and ISO date, or not of the type.
import { strict as assert } from 'node:assert';
import { toIsoDate, toInteger, toType, toYear, type Typed } from '../../../../src/engine/fields/field-types';

describe('field types', () => {
  const cases: Array<[string, (text: string) => Typed, string, Typed]> = [
    ['integer', toInteger, '345', { ok: true, value: '345' }],
    ['integer', toInteger, '1,234', { ok: true, value: '1234' }],
    ['integer', toInteger, '1O5', { ok: true, value: '105' }],
    ['integer', toInteger, 'l2', { ok: true, value: '12' }],
    ['integer', toInteger, '007', { ok: true, value: '7' }],
    ['integer', toInteger, 'xii', { ok: false, value: 'xii' }],
    ['integer', toInteger, '12 p', { ok: false, value: '12 p' }],
    ['year', toYear, 'Mainz: Zabern, 1952.', { ok: true, value: '1952' }],
    ['year', toYear, 'c1899', { ok: true, value: '1899' }],
    ['year', toYear, '12345', { ok: false, value: '12345' }],
    ['year', toYear, 'n.d.', { ok: false, value: 'n.d.' }],
    ['date', toIsoDate, '23.11.1945', { ok: true, value: '1945-11-23' }],
    ['date', toIsoDate, '31.8.45', { ok: true, value: '1945-08-31' }],
    ['date', toIsoDate, '23. November 1945', { ok: true, value: '1945-11-23' }],
    ['date', toIsoDate, '6 Aug 1942', { ok: true, value: '1942-08-06' }],
    ['date', toIsoDate, '6.Aug.1942', { ok: true, value: '1942-08-06' }],
    ['date', toIsoDate, '20 Dez. 1944', { ok: true, value: '1944-12-20' }],
    ['date', toIsoDate, '18. Juni 1945', { ok: true, value: '1945-06-18' }],
    ['date', toIsoDate, '2 Mär 1943', { ok: true, value: '1943-03-02' }],
    ['date', toIsoDate, 'August 6, 1942', { ok: true, value: '1942-08-06' }],
    ['date', toIsoDate, '1942-08-06', { ok: true, value: '1942-08-06' }],
    ['date', toIsoDate, 'Nov. 1942', { ok: true, value: '1942-11' }],
    ['date', toIsoDate, '12 janvier 1950', { ok: true, value: '1950-01-12' }],
    ['date', toIsoDate, '6.Auz. 1942', { ok: true, value: '1942-08-06' }],
    ['date', toIsoDate, '20 Pez 1944', { ok: true, value: '1944-12-20' }],
    ['date', toIsoDate, '2O. Dez. 194g', { ok: true, value: '1949-12-20' }],
    ['date', toIsoDate, '1O.1l.1945', { ok: true, value: '1945-11-10' }],
    ['date', toIsoDate, '19. Okt 1944', { ok: true, value: '1944-10-19' }],
    ['date', toIsoDate, '9, Dez. 1942', { ok: true, value: '1942-12-09' }],
    ['date', toIsoDate, '6. Aur. 1942', { ok: true, value: '1942-08-06' }],
    ['date', toIsoDate, '6 Mxx 1942', { ok: false, value: '6 Mxx 1942' }],
    ['date', toIsoDate, '6 Jum 1942', { ok: false, value: '6 Jum 1942' }],
    ['date', toIsoDate, 'Jahr 1943', { ok: false, value: 'Jahr 1943' }],
    ['date', toIsoDate, '31.2.1945', { ok: false, value: '31.2.1945' }],
    ['date', toIsoDate, '23.13.1945', { ok: false, value: '23.13.1945' }],
    ['date', toIsoDate, 'Amendment 13', { ok: false, value: 'Amendment 13' }],
  ];
  for (const [name, fn, input, expected] of cases) {
    it(`${name}: ${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(fn(input), expected);
    });
  }

  it('leaves text as it is and the empty string to `required`', () => {
    assert.deepEqual(toType('Zürich', 'text'), { ok: true, value: 'Zürich' });
    assert.deepEqual(toType('', 'date'), { ok: true, value: '' });
    assert.deepEqual(toType('', 'integer'), { ok: true, value: '' });
  });
});
