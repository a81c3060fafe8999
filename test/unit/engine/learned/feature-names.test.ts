// Feature names made once are the names a token would otherwise get built afresh, and shared between tokens.
import * as assert from 'node:assert/strict';
import { binNames, core, neighbourNames, textNames, wordShape } from '../../../../src/engine/learned/feature-names';
import { tokenFeatures } from '../../../../src/engine/learned/features';
import { buildPage } from '../../../support/ocr-page-builder';

describe('learned feature names', () => {
  it('shapes ASCII and other letters alike', () => {
    assert.equal(wordShape('Müller,'), 'Xx,');
    assert.equal(wordShape('ÄÖ1937.'), 'Xd.');
    assert.equal(wordShape('é-ß'), 'x-x');
    assert.equal(core('„Basel,'), 'basel');
  });

  it('gives numbered names in range from its table and out of range as built', () => {
    assert.equal(binNames.x(3), 'x=3');
    assert.equal(binNames.numberLine(-3), 'numberLine=-3');
    assert.equal(binNames.toNumber(6), 'toNumber=6');
    assert.equal(binNames.len(42), 'len=42');
    assert.equal(binNames.lineCommas[2](1), 'line|commas=2|1');
    assert.equal(neighbourNames.get(-1)?.number(4), '-1:number4');
    assert.strictEqual(binNames.x(3), binNames.x(3));
  });

  it('builds the names of one text once and shares them', () => {
    const names = textNames('Basel,');
    assert.deepEqual(names.own, ['w=basel', 'raw=basel,', 'shape=Xx,', 'p1=b', 'p2=ba', 'p3=bas', 's1=l', 's2=el', 's3=sel',
      'len=4', 'cap', 'notallcaps', 'nodigit', 'notnumber', 'last=,', 'first=alnum']);
    assert.deepEqual(names.near.get(2), { w: '2:w=basel', shape: '2:shape=Xx,', raw: '2:raw=basel,' });
    assert.equal(textNames('1933.').near.get(-1)?.number, '-1:number4');
    assert.equal(names.shape, 'Xx,');
    assert.strictEqual(textNames('Basel,'), names);
  });

  it('gives tokens of the same text the same name objects', () => {
    const features = tokenFeatures(buildPage(['Basel 1933', 'Basel Diss.']));
    const first = features[0];
    const again = features[2];
    assert.ok(first.includes('w=basel') && again.includes('w=basel'));
    assert.strictEqual(first[first.indexOf('w=basel')], again[again.indexOf('w=basel')]);
    assert.ok(first.includes('numberAhead=true') && again.includes('numberAhead=false'));
  });
});
