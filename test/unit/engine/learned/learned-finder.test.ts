// How the learned finder tidies a value, all of it learned from checked cards: names typed in capitals become
// title case when the checked values were, a mark OCR misreads at a value's end is put right, and a mark between
// two pieces of a value stays in it. Trained and checked on small made-up pages, no OCR.
import * as assert from 'node:assert/strict';
import { LearnedLabeller } from '../../../../src/engine/learned/learned-finder';
import { trainModel, type TrainingCard } from '../../../../src/engine/learned/train';
import { buildPage } from '../../../support/ocr-page-builder';

const names = [['MÜLLER', 'Müller'], ['KELLER', 'Keller'], ['HUBER', 'Huber'], ['FREI', 'Frei'], ['MEIER', 'Meier'], ['SUTER', 'Suter'], ['BAUMANN', 'Baumann'], ['GERBER', 'Gerber']];
const publishers = [['Gebr. Jänecke', 'Gebr. Jänecke'], ['Duncker & Humblot', 'Duncker & Humblot'], ['Orell Füssli', 'Orell Füssli'], ['J. A. Barth', 'J. A. Barth']];

function card(i: number): TrainingCard {
  const [typed, checked] = names[i % names.length];
  const [publisher] = publishers[i % publishers.length];
  const format = i % 3 === 0 ? '8!' : '8°';
  return {
    card: `c${i}`,
    page: buildPage([`${typed}, Hans: Eine Studie Nummer ${i}.`, `Basel: ${publisher} ${1900 + i}. -- ${20 + i} S. ${format}`]),
    truth: [
      { field: 'last_name', value: checked }, { field: 'publisher', value: publisher },
      { field: 'year', value: String(1900 + i) }, { field: 'format', value: format === '8!' ? "8'" : '8°' },
    ],
  };
}

describe('learned values', () => {
  const training = Array.from({ length: 24 }, (_, i) => card(i));
  const { model } = trainModel(training, [{ name: 'last_name' }, { name: 'publisher' }, { name: 'year' }, { name: 'format' }]);
  const labeller = new LearnedLabeller(model);

  it('learns title case for names typed in capitals, and the misread mark of a format', () => {
    assert.equal(model.fields.last_name.titleCaseCaps, true);
    assert.equal(model.fields.publisher.titleCaseCaps, undefined);
    assert.deepEqual(model.fields.format.markMap, { '!': "'" });
  });

  it('labels an unseen card with its values tidied as the checked cards were', () => {
    const values = labeller.label(buildPage(['WEBER, Anna: Noch eine Studie.', 'Basel: Duncker & Humblot 1950. -- 99 S. 8!']));
    assert.equal(values.get('last_name')?.text, 'Weber');
    assert.equal(values.get('publisher')?.text, 'Duncker & Humblot');
    assert.equal(values.get('year')?.text, '1950');
    assert.equal(values.get('format')?.text, "8'");
  });

  it("keeps a value's words as OCR read them, its pieces joined again, for normalisers that rebuild it from its words", () => {
    const values = labeller.label(buildPage(['WEBER, Anna: Noch eine Studie.', 'Basel: J. A. Barth 1950. -- 99 S. 8°']));
    // `J.` is read as the pieces `J` and `.`; the value's words are the OCR words `J.` `A.` `Barth`, not five pieces.
    assert.equal(values.get('publisher')?.text, 'J. A. Barth');
    assert.deepEqual(values.get('publisher')?.words.map(w => w.text), ['J.', 'A.', 'Barth']);
  });
});
