// Table-driven tests of the pattern finder: a named group (by field name or chosen), the whole match,
// one pattern filling several fields, flags, values across lines, and no match.
import { strict as assert } from 'node:assert';
import { PatternCache, type PatternFinder } from '../../../../src/engine/fields/find-pattern';
import { PageText } from '../../../../src/engine/fields/page-text';
import { buildPage, wordBox } from '../../../support/ocr-page-builder';

interface Row {
  name: string;
  lines: string[];
  finder: PatternFinder;
  field: string;
  /** The value's text and the texts of its words; undefined for no value. */
  expected: { text: string; words: string[] } | undefined;
}

const catalogue = ['Mootz, Wilhelm.', 'Die Geschichte der Buchdruckerkunst. -- Mainz 1952.', 'xii, 345 p. ; 23 cm.'];
const imprint = '(?<place>\\p{Lu}\\p{Ll}+) (?<year>\\d{4})\\.';

const rows: Row[] = [
  { name: 'the group named like the field', lines: catalogue, finder: { pattern: imprint, flags: 'u' }, field: 'year',
    expected: { text: '1952', words: ['1952.'] } },
  { name: 'the group the finder names, whatever the field is called', lines: catalogue, finder: { pattern: imprint, group: 'place', flags: 'u' },
    field: 'imprint_place', expected: { text: 'Mainz', words: ['Mainz'] } },
  { name: 'the whole match when the pattern has no groups', lines: catalogue, finder: { pattern: '\\d+ cm' }, field: 'format',
    expected: { text: '23 cm', words: ['23', 'cm.'] } },
  { name: 'the whole match when the field is not one of the groups', lines: catalogue, finder: { pattern: imprint, flags: 'u' }, field: 'imprint',
    expected: { text: 'Mainz 1952.', words: ['Mainz', '1952.'] } },
  { name: 'a named group in the branch of an alternation that matched', lines: ['Mainz 1952.'], finder: { pattern: '(?:s\\.l\\.|(?<place>\\w+)) (?<year>\\d{4})' },
    field: 'place', expected: { text: 'Mainz', words: ['Mainz'] } },
  { name: 'nothing for an optional group that is absent', lines: ['s.l. 1952'], finder: { pattern: '(?:s\\.l\\.|(?<place>\\w+)) (?<year>\\d{4})' },
    field: 'place', expected: undefined },
  { name: 'a case-insensitive match with the i flag', lines: ['STANDORT a 1234:5'], finder: { pattern: 'standort (?<shelf>.+)$', flags: 'i' },
    field: 'shelf', expected: { text: 'a 1234:5', words: ['a', '1234:5'] } },
  { name: 'nothing without the i flag', lines: ['STANDORT a 1234:5'], finder: { pattern: 'standort (?<shelf>.+)$' }, field: 'shelf', expected: undefined },
  { name: 'a line anchor with the m flag', lines: catalogue, finder: { pattern: '^(?<pages>[xvi]+, \\d+ p)', flags: 'm' }, field: 'pages',
    expected: { text: 'xii, 345 p', words: ['xii,', '345', 'p.'] } },
  { name: 'nothing at a line anchor without the m flag', lines: catalogue, finder: { pattern: '^(?<pages>[xvi]+, \\d+ p)' }, field: 'pages', expected: undefined },
  { name: 'a value over two lines, the line break read as a space (s flag)', lines: catalogue,
    finder: { pattern: 'Wilhelm\\.\\s(?<title>.+?)\\. --', flags: 's' }, field: 'title',
    expected: { text: 'Die Geschichte der Buchdruckerkunst', words: ['Die', 'Geschichte', 'der', 'Buchdruckerkunst.'] } },
  { name: 'a group that spans a line break, joined by one space', lines: ['Notes: first', 'second. End'], finder: { pattern: 'Notes: (?<notes>[^.]+)' },
    field: 'notes', expected: { text: 'first second', words: ['first', 'second.'] } },
  { name: 'a unicode class with the u flag', lines: ['Ort: Zürich'], finder: { pattern: 'Ort: (?<place>\\p{L}+)', flags: 'u' }, field: 'place',
    expected: { text: 'Zürich', words: ['Zürich'] } },
  // Templates' select and validate patterns are unicode-aware without flags; a finder's pattern reads the same way.
  { name: 'a unicode class without flags, as select and validate read it', lines: ['Ort: Zürich'], finder: { pattern: 'Ort: (?<place>\\p{L}+)' },
    field: 'place', expected: { text: 'Zürich', words: ['Zürich'] } },
  { name: 'a pattern only valid outside unicode mode', lines: ['Mainz-Kastel 1952'], finder: { pattern: '(?<place>\\w+\\-\\w+) \\d' },
    field: 'place', expected: { text: 'Mainz-Kastel', words: ['Mainz-Kastel'] } },
  { name: 'nothing when the pattern does not match', lines: catalogue, finder: { pattern: '(?<isbn>ISBN [\\d-]+)' }, field: 'isbn', expected: undefined },
];

describe('PatternCache.find', () => {
  for (const row of rows) {
    it(`finds ${row.name}`, () => {
      const found = new PatternCache(new PageText(buildPage(row.lines))).find(row.finder, row.field);
      assert.deepEqual(found && { text: found.text, words: found.words.map(w => w.text) }, row.expected);
    });
  }

  it('fills several fields from one pattern, each from its own group', () => {
    const page = buildPage(['Mootz, Wilhelm. Die Geschichte der Buchdruckerkunst. -- Mainz 1952.']);
    const patterns = new PatternCache(new PageText(page));
    const finder = { pattern: '^(?<author>[^.]+)\\. (?<title>[^.]+)\\. -- (?<place>\\w+) (?<year>\\d{4})' };
    const values = Object.fromEntries(['author', 'title', 'place', 'year'].map(field => [field, patterns.find(finder, field)?.text]));
    assert.deepEqual(values, { author: 'Mootz, Wilhelm', title: 'Die Geschichte der Buchdruckerkunst', place: 'Mainz', year: '1952' });
  });

  it('gives a group the box of its own words', () => {
    const found = new PatternCache(new PageText(buildPage(['Mainz 1952.']))).find({ pattern: '(?<year>\\d{4})' }, 'year');
    // `1952.` is columns 6..10; the value is part of that word, so it carries the whole word's box.
    assert.deepEqual(found?.box, wordBox(0, 6, 5));
  });
});
