// Training labels from pointed words: the words a reviewer pointed at are the field's exactly, even where the fuzzy
// search would have picked another place for the value, and no other value may take them.
import * as assert from 'node:assert/strict';
import { alignCard } from '../../../src/engine/learned/align';
import { pageTokens } from '../../../src/engine/learned/features';
import { alignPointed } from '../../../src/engine/learned/pointed-labels';
import { buildPage } from '../../support/ocr-page-builder';

// Words: 0 Weber, 1 Anna. 2 Basel 3 1933. | 4 Diss. 5 Basel 6 1937.
const page = buildPage(['Weber, Anna. Basel 1933.', 'Diss. Basel 1937.']);
const tokens = pageTokens(page);
const labelled = (labels: string[], field: string) => tokens.flatMap((token, i) => (labels[i] === field ? [token.word.text] : []));

describe('training labels from pointed words', () => {
  it('labels exactly the pointed words, where fuzzy alignment takes the first match', () => {
    const truth = [{ field: 'place', value: 'Basel' }, { field: 'last_name', value: 'Weber' }];
    const fuzzy = alignCard(tokens, truth);
    assert.deepEqual(tokens.flatMap((t, i) => (fuzzy.labels[i] === 'place' ? [t.line] : [])), [0]);
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
