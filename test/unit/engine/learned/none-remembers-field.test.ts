// Tokens of no field remember which field came last (`none@field`), so a first-order model still knows, past the
// marks between two fields, what it has read. Made-up pages where only that memory tells the last word's field.
import * as assert from 'node:assert/strict';
import { LearnedLabeller } from '../../../../src/engine/learned/learned-finder';
import { trainModel, type TrainingCard } from '../../../../src/engine/learned/train';
import { buildPage } from '../../../support/ocr-page-builder';

const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'be', 'du', 'fe', 'go'];
let seed = 7;
/** A seeded pseudo-random index below `n` (a linear congruential step), the same on every run. */
const pick = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return Math.floor((seed / 2147483648) * n); };
/** A made-up lower-case word of three syllables: hardly any is seen twice, so its text teaches little. */
const word = () => [0, 1, 2].map(() => syllables[pick(syllables.length)]).join('');

/** The first word is a person's on even cards and a firm's on odd ones; the last word, five marks on, is then the
 *  person's town or the firm's product. The two look alike in every feature the model reads of the last word. */
function card(i: number): TrainingCard {
  const person = i % 2 === 0;
  const first = person ? `${word()}sohn` : `${word()}werk`;
  const last = word();
  return {
    card: `c${i}`,
    page: buildPage([`${first} ; ; ; ; ${last}`]),
    truth: [{ field: person ? 'person' : 'firm', value: first }, { field: person ? 'town' : 'product', value: last }],
  };
}

describe('tokens of no field remember the last field', () => {
  const fields = [{ name: 'person' }, { name: 'firm' }, { name: 'town' }, { name: 'product' }];
  const { model } = trainModel(Array.from({ length: 30 }, (_, i) => card(i)), fields);
  const labeller = new LearnedLabeller(model);

  it('tells the last word by the field before the marks', () => {
    const unseen = Array.from({ length: 10 }, (_, i) => card(100 + i));
    for (const test of unseen) {
      const values = labeller.label(test.page);
      const expected = test.truth[1];
      assert.equal(values.get(expected.field)?.text, expected.value, `card ${test.card}: ${JSON.stringify([...values])}`);
      assert.equal(values.get(expected.field === 'town' ? 'product' : 'town'), undefined);
    }
  });

  it('offers only the real fields, not the remembering labels of none', () => {
    assert.deepEqual([...labeller.fields].sort(), ['firm', 'person', 'product', 'town']);
  });
});
