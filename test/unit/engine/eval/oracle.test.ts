// The OCR oracle: a truth value is in the page text when at most 8 % of its characters differ from some part of it.
import * as assert from 'node:assert/strict';
import { formatOracleReport, isInText, oracleCard, substringEditDistance, summariseOracle } from '../../../../src/engine/eval';

describe('OCR oracle', () => {
  it('measures the edit distance to the closest part of the text', () => {
    const cases: Array<[string, string, number]> = [
      ['Kleve', 'Diss. Kleve 1937', 0], ['Kleve', 'Diss. K1eve 1937', 1], ['Kleve', 'Diss. Klve 1937', 1],
      ['1937', 'no year', 4], ['', 'anything', 0], ['Wolters', '', 7],
    ];
    for (const [needle, text, distance] of cases) { assert.equal(substringEditDistance(needle, text), distance, `${needle} in ${text}`); }
  });

  it('allows 8 % of a value changed, white space compared as one space', () => {
    assert.equal(isInText('1937', 'Kleve 1938'), false);
    assert.equal(isInText('Die Entwicklung der Landwirtschaft', 'Die Entwick1ung der\nLandwirtschaft.'), true);
    assert.equal(isInText('Die Entwicklung der Landwirtschaft', 'Die Entwicklg der Landwrtschft'), false);
    assert.equal(isInText('Wolters', 'W o l t e r s'), false);
  });

  it('counts every non-empty leaf but skipped paths, and cards with empty page text', () => {
    const truth = { type: { type: 'Reference' }, author: { last_name: 'Wolters', first_name: 'Maria' }, publication: { year: 1937, editor: '', place: null } };
    const found = oracleCard('a', truth, 'Wolters, Maria\nKleve 1937', new Set(['type.type']));
    assert.deepEqual(found.keys.map(key => [key.path, key.found]), [['author.last_name', true], ['author.first_name', true], ['publication.year', true]]);
    const empty = oracleCard('b', truth, ' \n ', new Set(['type.type']));
    const missing = oracleCard('c', truth, undefined, new Set(['type.type']));
    const report = summariseOracle([found, empty, missing], ['c']);
    assert.deepEqual([report.values, report.found, report.emptyText], [9, 3, ['b']]);
    assert.equal(formatOracleReport(report).split('\n').at(-1), 'cards=3 oracle_recall=0.3333 values=9 found=3 empty_text=1');
  });
});
