// Table-driven tests of the label finder: exact labels, aliases, OCR slips in the label, a label alone on its
// line, values running to the next label, and labels that are not there.
import { strict as assert } from 'node:assert';
import { findByLabel, labelKey, matchLabelAt, type LabelFinder } from '../../../../src/engine/fields/find-label';
import { PageText } from '../../../../src/engine/fields/page-text';
import { buildPage, wordBox } from '../../../support/ocr-page-builder';

interface Row {
  name: string;
  lines: string[];
  finder: LabelFinder;
  /** The other fields' labels, which end an `until: 'next-label'` value. */
  others?: string[];
  /** The value's text and the texts of the words it was built from; undefined when the label is not found. */
  expected: { text: string; words: string[] } | undefined;
}

const card = ['Author: Mootz, Wilhelm', 'Title: Die Geschichte der Buchdruckerkunst', 'Standort: A 1234:5'];

const rows: Row[] = [
  { name: 'an exact label', lines: card, finder: { label: 'Standort' },
    expected: { text: 'A 1234:5', words: ['A', '1234:5'] } },
  { name: 'a label in other case, with the colon written in the label', lines: ['AUTHOR: Mootz, Wilhelm'], finder: { label: 'author:' },
    expected: { text: 'Mootz, Wilhelm', words: ['Mootz,', 'Wilhelm'] } },
  { name: 'an alias when the label itself is not on the card', lines: card, finder: { label: 'Shelfmark', aliases: ['Signatur', 'Standort'] },
    expected: { text: 'A 1234:5', words: ['A', '1234:5'] } },
  { name: 'a label with one wrong letter (length 4..9 allows one)', lines: ['Standart: A 1234:5'], finder: { label: 'Standort' },
    expected: { text: 'A 1234:5', words: ['A', '1234:5'] } },
  { name: 'a label with one letter lost', lines: ['Tite: Rivers of Europe'], finder: { label: 'Title' },
    expected: { text: 'Rivers of Europe', words: ['Rivers', 'of', 'Europe'] } },
  { name: 'a long label with two wrong letters (10 or more allows two)', lines: ['Ersoheinungsart: Mainz'], finder: { label: 'Erscheinungsort' },
    expected: { text: 'Mainz', words: ['Mainz'] } },
  { name: 'not a short label with two wrong letters', lines: ['Stondart: A 1234:5'], finder: { label: 'Standort' }, expected: undefined },
  { name: 'not a three-letter label with one wrong letter (must be exact)', lines: ['Ont: Basel'], finder: { label: 'Ort' }, expected: undefined },
  { name: 'a three-letter label that is exact', lines: ['Ort: Basel'], finder: { label: 'Ort' }, expected: { text: 'Basel', words: ['Basel'] } },
  { name: 'a label of two words', lines: ['Place of publication: Leipzig'], finder: { label: 'Place of publication' },
    expected: { text: 'Leipzig', words: ['Leipzig'] } },
  { name: 'a value glued to the colon', lines: ['Title:Rivers of Europe'], finder: { label: 'Title' },
    expected: { text: 'Rivers of Europe', words: ['Title:Rivers', 'of', 'Europe'] } },
  { name: 'a colon OCR set apart from the label', lines: ['Title : Rivers'], finder: { label: 'Title' },
    expected: { text: 'Rivers', words: ['Rivers'] } },
  { name: 'the next line when the label is alone on its line', lines: ['Title:', 'Rivers of Europe', 'Class: GB 1201'], finder: { label: 'Title' },
    expected: { text: 'Rivers of Europe', words: ['Rivers', 'of', 'Europe'] } },
  { name: 'an empty value when a lone label is the last line', lines: ['Author: Smith', 'Title:'], finder: { label: 'Title' },
    expected: { text: '', words: [] } },
  { name: 'only the label\'s own line by default', lines: ['Notes: first entry', 'second entry', 'Class: Z 1'], finder: { label: 'Notes' },
    others: ['Class'], expected: { text: 'first entry', words: ['first', 'entry'] } },
  { name: 'following lines up to the next label with until: next-label', lines: ['Notes: first entry', 'second entry', 'Class: Z 1'],
    finder: { label: 'Notes', until: 'next-label' }, others: ['Class'],
    expected: { text: 'first entry second entry', words: ['first', 'entry', 'second', 'entry'] } },
  { name: 'up to the next label even when OCR slipped in that label', lines: ['Notes: first', 'second', 'Clas: Z 1'],
    finder: { label: 'Notes', until: 'next-label' }, others: ['Class'], expected: { text: 'first second', words: ['first', 'second'] } },
  { name: 'every following line when no other label follows', lines: ['Notes: first', 'second', 'third'],
    finder: { label: 'Notes', until: 'next-label' }, others: ['Class'], expected: { text: 'first second third', words: ['first', 'second', 'third'] } },
  { name: 'a lone label and the lines under it up to the next label', lines: ['Notes:', 'first', 'second', 'Class: Z 1'],
    finder: { label: 'Notes', until: 'next-label' }, others: ['Class'], expected: { text: 'first second', words: ['first', 'second'] } },
  { name: 'the first line that starts with the label', lines: ['Title: First', 'Title: Second'], finder: { label: 'Title' },
    expected: { text: 'First', words: ['First'] } },
  { name: 'not a label in the middle of a line', lines: ['The Title: Rivers'], finder: { label: 'Title' }, expected: undefined },
  { name: 'nothing when the label is missing', lines: card, finder: { label: 'Verlag', aliases: ['Publisher'] }, expected: undefined },
  { name: 'nothing on an empty page', lines: [], finder: { label: 'Title' }, expected: undefined },
];

describe('findByLabel', () => {
  for (const row of rows) {
    it(`finds ${row.name}`, () => {
      const found = findByLabel(new PageText(buildPage(row.lines)), row.finder, row.others ?? []);
      assert.deepEqual(found && { text: found.text, words: found.words.map(w => w.text) }, row.expected);
    });
  }

  it('gives the value the box around its own words, not the label\'s', () => {
    const found = findByLabel(new PageText(buildPage(['Standort: A 1234:5'])), { label: 'Standort' }, []);
    // `Standort:` is columns 0..8; `A` starts at column 10, `1234:5` ends at column 18.
    assert.deepEqual(found?.box, { ...wordBox(0, 10, 1), x1: wordBox(0, 12, 6).x1 });
  });

  it('keeps a value over two lines inside one box spanning both', () => {
    const found = findByLabel(new PageText(buildPage(['Notes: first', 'second'])), { label: 'Notes', until: 'next-label' }, []);
    // `first` is columns 7..11 of line 1, `second` columns 0..5 of line 2.
    assert.deepEqual(found?.box, { x0: wordBox(1, 0, 6).x0, y0: wordBox(0, 7, 5).y0, x1: wordBox(0, 7, 5).x1, y1: wordBox(1, 0, 6).y1 });
  });
});

describe('labelKey and matchLabelAt', () => {
  const keys: Array<[string, string]> = [
    ['Author:', 'author'], ['  | Standort .', 'standort'], ['Place  of\tpublication', 'place of publication'], ['Verlag —', 'verlag'],
  ];
  for (const [input, key] of keys) {
    it(`keys ${JSON.stringify(input)} as ${JSON.stringify(key)}`, () => assert.equal(labelKey(input), key));
  }

  const matches: Array<[string, string[], number]> = [
    ['Author: Smith', ['Author'], 7],
    ['Author Smith', ['Author'], 6],
    ['Title:Rivers', ['Title'], 6],
    ['Smith', ['Author', 'Title'], -1],
    ['Class: Z 1', ['Author', 'Class'], 6],
    ['Place of publication: Leipzig', ['Place of publication'], 21],
    ['Place: Leipzig', ['Place of publication'], -1],
  ];
  for (const [line, labels, end] of matches) {
    it(`finds the end of a label in ${JSON.stringify(line)} at ${end}`, () => assert.equal(matchLabelAt(line, labels), end));
  }
});
