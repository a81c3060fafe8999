// Training labels from pointed words: the words a reviewer pointed at are the field's exactly, even where the fuzzy
// search would have labelled other copies of the value too, and no other value may take them.
import * as assert from 'node:assert/strict';
import { alignCard } from '../../../../src/engine/learned/align';
import { pageTokens } from '../../../../src/engine/learned/features';
import { LearnedLabeller } from '../../../../src/engine/learned/learned-finder';
import { alignPointed } from '../../../../src/engine/learned/pointed-labels';
import { trainModel } from '../../../../src/engine/learned/train';
import { buildPage } from '../../../support/ocr-page-builder';

// Words: 0 Weber, 1 Anna. 2 Basel 3 1933. | 4 Diss. 5 Basel 6 1937.
const page = buildPage(['Weber, Anna. Basel 1933.', 'Diss. Basel 1937.']);
const tokens = pageTokens(page);
const labelled = (labels: string[], field: string) => tokens.flatMap((token, i) => (labels[i] === field ? [token.word.text] : []));

describe('training labels from pointed words', () => {
  it('labels exactly the pointed words, where fuzzy alignment takes every copy of the value', () => {
    const truth = [{ field: 'place', value: 'Basel' }, { field: 'last_name', value: 'Weber' }];
    const fuzzy = alignCard(tokens, truth);
    assert.deepEqual(tokens.flatMap((t, i) => (fuzzy.labels[i] === 'place' ? [t.line] : [])), [0, 1]);
    const pointed = alignPointed(page, tokens, truth, [{ field: 'place', words: [5] }]);
    assert.deepEqual(tokens.flatMap((t, i) => (pointed.labels[i] === 'place' ? [t.line] : [])), [1]);
    assert.deepEqual(labelled(pointed.labels, 'last_name'), ['Weber']);
    assert.deepEqual(pointed.found.find(f => f.field === 'place')?.similarity, 1);
    assert.deepEqual(pointed.notFound, []);
  });

  it('labels every piece of a pointed word, and keeps pointed words from the other values', () => {
    // The year is pointed at on the second line; the fuzzy value 1937 must not be found again elsewhere.
    const pointed = alignPointed(page, tokens, [{ field: 'year', value: '1937' }, { field: 'note', value: 'Diss. Basel 1937' }], [{ field: 'year', words: [6] }]);
    assert.deepEqual(labelled(pointed.labels, 'year'), ['1937', '.']);
    assert.ok(!labelled(pointed.labels, 'note').includes('1937'));
  });

  it('is alignCard when nothing was pointed at', () => {
    const truth = [{ field: 'year', value: '1933' }];
    assert.deepEqual(alignPointed(page, tokens, truth, []), alignCard(tokens, truth));
    assert.deepEqual(alignPointed(page, tokens, truth, [{ field: 'year', words: [] }]), alignCard(tokens, truth));
  });
});

describe('training from pointed words', () => {
  // The place is typed twice on every card: in the imprint line (the real one) and in a note above it. Fuzzy
  // alignment labels both copies; the reviewer pointed at the imprint's.
  const cities = ['Basel', 'Bern', 'Zürich', 'Genf', 'Luzern', 'Chur'];
  const card = (i: number) => buildPage([`Note: ${cities[i]}`, `Weber, Anna ${i}.`, `${cities[i]}: Druck, 19${30 + i}.`]);
  const placeWordIndex = 5;   // Note: City | Weber, Anna i. | City: …
  const training = [0, 1, 2, 3].map(i => ({ card: `c${i}`, page: card(i), truth: [{ field: 'place', value: cities[i] }] }));
  const placeLine = (model: ReturnType<typeof trainModel>['model'], page: ReturnType<typeof card>) =>
    new LearnedLabeller(model).label(page).get('place')?.words.map(w => w.box.y0);

  it('learns the place the reviewer pointed at, not the first match of its text', () => {
    const pointed = trainModel(training.map(c => ({ ...c, pointed: [{ field: 'place', words: [placeWordIndex] }] })), [{ name: 'place' }]);
    const fuzzy = trainModel(training, [{ name: 'place' }]);
    const unseen = card(4);
    const imprintTop = unseen.lines[2].words[0].box.y0;
    assert.deepEqual(placeLine(pointed.model, unseen), [imprintTop]);
    assert.notDeepEqual(placeLine(fuzzy.model, unseen), [imprintTop]);
    assert.deepEqual(pointed.report.fields.map(f => [f.field, f.found, f.notFound]), [['place', 4, 0]]);
  });
});
