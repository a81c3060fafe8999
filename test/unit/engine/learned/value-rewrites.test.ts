// Typographic rewrites and stray marks are learned per field only where the checked values bear them out, and the
// learned finder applies them to unseen cards. Made-up pages, no OCR.
import * as assert from 'node:assert/strict';
import { isStrayPiece, joinPieces, learnRewrites, rewriteValue, withoutStrays, type ValuePiece } from '../../../../src/engine/learned/value-rewrites';
import { LearnedLabeller } from '../../../../src/engine/learned/learned-finder';
import { trainModel, type TrainingCard } from '../../../../src/engine/learned/train';
import { buildPage } from '../../../support/ocr-page-builder';

/** Words split at spaces; a word's marks are pieces glued to it, as the tokenizer splits them. */
function pieces(text: string): ValuePiece[] {
  return text.split(' ').flatMap(word => (word.match(/[\p{L}\p{N}]+|[^\p{L}\p{N}]/gu) ?? []).map((piece, i) => ({ text: piece, glued: i > 0, newLine: false })));
}

describe('learned value rewrites', () => {
  it('joins pieces as typed and rewrites in order', () => {
    assert.equal(joinPieces([...pieces('Diss. Basel'), { text: '1950', glued: false, newLine: true }]), 'Diss. Basel\n1950');
    assert.equal(rewriteValue('Diss.Basel,1950 .', ['space-after-stop', 'space-after-comma', 'no-space-before-mark']), 'Diss. Basel, 1950.');
    assert.equal(rewriteValue('B.51.322', ['space-after-stop']), 'B.51.322');
    assert.equal(rewriteValue('B.51.322', ['space-after-stop-digit']), 'B. 51. 322');
    assert.equal(rewriteValue('J. A, Barth, Basel', ['stop-after-initial']), 'J. A. Barth, Basel');
    assert.equal(rewriteValue('as is', ['no-such-rewrite']), 'as is');
  });

  it('takes a mark for stray only as a word of its own', () => {
    const value = pieces('Eine „ Studie„');
    assert.equal(isStrayPiece(value, 1, '„'), true);
    assert.equal(isStrayPiece(value, 3, '„'), false, 'glued to the word before it');
    assert.equal(isStrayPiece(value, 1, undefined), false);
    assert.deepEqual(withoutStrays(value, '„').map(p => p.text), ['Eine', 'Studie', '„']);
  });

  it('learns a rewrite that brings more values closer than it takes away, and no other', () => {
    const spaced = ['Diss.Basel', 'Verl.Huber', 'Gebr.Jänecke'].map(ocr => ({ pieces: pieces(ocr), truth: ocr.replace('.', '. ') }));
    assert.deepEqual(learnRewrites(spaced, spaced.map(p => p.truth)), { rewrites: ['space-after-stop'] });
    // Abbreviations checked as typed (`u.a.`): spacing them would take the values away from their checked form.
    const abbreviations = ['u.a.', 'z.B.', 'Diss.Basel'].map(ocr => ({ pieces: pieces(ocr), truth: ocr }));
    assert.deepEqual(learnRewrites(abbreviations, abbreviations.map(p => p.truth)), {});
  });

  it('learns a stray mark only when no checked value holds it and leaving it out helps', () => {
    const specks = ['Eine „ Studie', 'Zur „ Geschichte', 'Die Lage'].map(ocr => ({ pieces: pieces(ocr), truth: ocr.replace(' „', '') }));
    assert.deepEqual(learnRewrites(specks, specks.map(p => p.truth)), { strayMarks: '„' });
    assert.deepEqual(learnRewrites(specks, [...specks.map(p => p.truth), '„Quoted“']), {});
  });

  it('applies what it learned to unseen cards', () => {
    const titles = ['Studien.Zur Lage', 'Beiträge.Zur Frage', 'Untersuchungen.Über Recht', 'Skizzen.Aus Basel'];
    const card = (i: number): TrainingCard => {
      const title = titles[i % titles.length];
      const speck = i % 2 === 0 ? ' „' : '';
      return {
        card: `c${i}`,
        page: buildPage([`KELLER, Hans:`, `${title.replace(' ', `${speck} `)} ${i}.`, `Basel ${1900 + i}.`]),
        truth: [{ field: 'title', value: `${title.replace('.', '. ')} ${i}` }, { field: 'year', value: String(1900 + i) }],
      };
    };
    const { model } = trainModel(Array.from({ length: 24 }, (_, i) => card(i)), [{ name: 'title' }, { name: 'year' }]);
    assert.deepEqual(model.fields.title.rewrites, ['space-after-stop']);
    assert.equal(model.fields.title.strayMarks, '„');
    assert.equal(model.fields.year.rewrites, undefined);
    const values = new LearnedLabeller(model).label(buildPage(['WEBER, Anna:', 'Reisen.Durch „ Europa 99.', 'Basel 1950.']));
    assert.equal(values.get('title')?.text, 'Reisen. Durch Europa 99');
    assert.equal(values.get('year')?.text, '1950');
  });
});
