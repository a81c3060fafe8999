// Edge cases of the text normalisers beyond the common ones in normalise.test.ts: empty text, umlauts and
// ß, decomposed letters, several breaks in one value, and what each normaliser must leave alone.
import { strict as assert } from 'node:assert';
import {
  applyNormaliser, collapseLetterSpacing, joinHyphenation, normalise, titleCaseCaps, trimLineMarks, trimPunctuation,
} from '../../../../src/engine/fields/normalise';

describe('normaliser edge cases', () => {
  const cases: Array<[string, (text: string) => string, string, string]> = [
    ['title-case-caps', titleCaseCaps, '', ''],
    ['title-case-caps', titleCaseCaps, 'GROßMANN, KARL', 'Großmann, Karl'],
    ['title-case-caps', titleCaseCaps, 'STRAßBURG', 'Straßburg'],
    ['title-case-caps', titleCaseCaps, 'ZU\u0308RICH', 'Zu\u0308rich'],
    ['title-case-caps', titleCaseCaps, 'ÉCOLE DES CHARTES', 'École des Chartes'],
    ['title-case-caps', titleCaseCaps, 'MÜLLER-LÜDENSCHEIDT, ÄNNE', 'Müller-Lüdenscheidt, Änne'],
    ['title-case-caps', titleCaseCaps, "O'BRIEN, SEAN", "O'Brien, Sean"],
    ['title-case-caps', titleCaseCaps, 'A. MEIER', 'A. Meier'],
    ['title-case-caps', titleCaseCaps, 'ST. GALLEN', 'St. Gallen'],
    ['title-case-caps', titleCaseCaps, 'MOOTZ,\nWILHELM', 'Mootz,\nWilhelm'],
    ['title-case-caps', titleCaseCaps, 'DAS BOOT', 'Das Boot'],
    ['title-case-caps', titleCaseCaps, 'DE GAULLE, CHARLES', 'de Gaulle, Charles'],
    ['title-case-caps', titleCaseCaps, 'HEINRICH VIII., KÖNIG', 'Heinrich VIII., König'],
    ['title-case-caps', titleCaseCaps, 'Mootz, Wilhelm', 'Mootz, Wilhelm'],
    ['title-case-caps', titleCaseCaps, 'straße', 'straße'],
    ['title-case-caps', titleCaseCaps, '1952', '1952'],
    ['trim-line-marks', trimLineMarks, '', ''],
    ['trim-line-marks', trimLineMarks, '| Amendment 7, 18.6.1945. {', 'Amendment 7, 18.6.1945.'],
    ['trim-line-marks', trimLineMarks, 'Liste, ;\nAmendment 4, März 1943. = _', 'Liste,\nAmendment 4, März 1943.'],
    ['trim-line-marks', trimLineMarks, 'gestrichen:\n|\nAmendment 13', 'gestrichen:\nAmendment 13'],
    ['trim-line-marks', trimLineMarks, 'Liste\n\ngestrichen:\n\\\n|', 'Liste\n\ngestrichen:'],
    ['trim-line-marks', trimLineMarks, 'A & B - C', 'A & B - C'],
    ['trim-line-marks', trimLineMarks, '(Venezuela) 1944.', '(Venezuela) 1944.'],
    ['trim-line-marks', trimLineMarks, '\u2014 ok', 'ok'],
    ['trim-punctuation', trimPunctuation, '', ''],
    ['trim-punctuation', trimPunctuation, '·Zürich•', 'Zürich'],
    ['trim-punctuation', trimPunctuation, '\\ B.51.322.GB.266 /', 'B.51.322.GB.266'],
    ['trim-punctuation', trimPunctuation, '~ * Basel _', 'Basel'],
    ['trim-punctuation', trimPunctuation, 'Meier (Hg.).', 'Meier (Hg.)'],
    ['trim-punctuation', trimPunctuation, '"Zürich"', '"Zürich"'],
    ['trim-punctuation', trimPunctuation, 'Zürich?', 'Zürich?'],
    ['trim-punctuation', trimPunctuation, 'Mainz - Kastel', 'Mainz - Kastel'],
    ['trim-punctuation', trimPunctuation, 'A.G.', 'A.G.'],
    ['trim-punctuation', trimPunctuation, 'Abegg & Cie., ', 'Abegg & Cie.'],
    ['trim-punctuation', trimPunctuation, 'Wehrli-Bleuler E., Dr.', 'Wehrli-Bleuler E., Dr.'],
    ['trim-punctuation', trimPunctuation, 'Kolter G.m.b.H.,', 'Kolter G.m.b.H.'],
    ['trim-punctuation', trimPunctuation, 'Mootz, Wilhelm.', 'Mootz, Wilhelm'],
    ['trim-punctuation', trimPunctuation, 'ZUERICH. ', 'ZUERICH'],
    ['trim-punctuation', trimPunctuation, 'Zürich 1.', 'Zürich 1'],
    ['trim-punctuation', trimPunctuation, 'Abegg & Cie', 'Abegg & Cie'],
    ['join-hyphenation', joinHyphenation, '', ''],
    ['join-hyphenation', joinHyphenation, 'Über-\nsetzung', 'Übersetzung'],
    ['join-hyphenation', joinHyphenation, 'Buch¬\ndruck', 'Buchdruck'],
    ['join-hyphenation', joinHyphenation, 'Buch\u2010\ndruck', 'Buchdruck'],
    ['join-hyphenation', joinHyphenation, 'Buch-\ndruck und Kunst-\ngeschichte', 'Buchdruck und Kunstgeschichte'],
    ['join-hyphenation', joinHyphenation, '1939-\n1945', '1939-\n1945'],
    ['join-hyphenation', joinHyphenation, 'Nord–\nsüd', 'Nord–\nsüd'],
    ['join-hyphenation', joinHyphenation, 'Buch-', 'Buch-'],
    ['join-hyphenation', joinHyphenation, 'Buch-\n\ndruck', 'Buch-\n\ndruck'],
    ['collapse-letter-spacing', collapseLetterSpacing, '', ''],
    ['collapse-letter-spacing', collapseLetterSpacing, 'A', 'A'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'A G', 'A G'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'M ü l l e r', 'Müller'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'Ä r z t e', 'Ärzte'],
    ['collapse-letter-spacing', collapseLetterSpacing, '  M o o t z  ', 'Mootz'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'M o o t z   W i l h e l m', 'Mootz Wilhelm'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'Firma M o o t z, Basel', 'Firma Mootz, Basel'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'B.51.322.GB.123', 'B.51.322.GB.123'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'N r . 5', 'N r . 5'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'M O O T Z', 'MOOTZ'],
  ];
  for (const [name, fn, input, expected] of cases) {
    it(`${name}: ${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(fn(input), expected);
    });
  }

  const nfc: Array<[string, string]> = [
    ['e\u0301cole', '\u00e9cole'],
    ['Franc\u0327ois', 'Fran\u00e7ois'],
    ['Z\u00fcrich', 'Z\u00fcrich'],
    ['A\u030a', '\u00c5'],
    ['', ''],
  ];
  for (const [input, expected] of nfc) {
    it(`nfc: ${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(applyNormaliser(input, 'nfc'), expected);
    });
  }

  it('title-cases decomposed capitals whole, before or after nfc', () => {
    assert.equal(normalise('ZU\u0308RICH', ['nfc', 'title-case-caps']), 'Z\u00fcrich');
    assert.equal(normalise('ZU\u0308RICH', ['title-case-caps', 'nfc']), 'Z\u00fcrich');
  });

  it('leaves keep-paragraphs and mark-columns to the word layout (no change to text)', () => {
    assert.equal(applyNormaliser('a  b\n\nc', 'keep-paragraphs'), 'a  b\n\nc');
    assert.equal(applyNormaliser('a\tb', 'mark-columns'), 'a\tb');
  });

  it('tidies the result whatever the normalisers, even none', () => {
    assert.equal(normalise('\n  Buch-\n  druck  \n\n', ['join-hyphenation']), 'Buchdruck');
    assert.equal(normalise('   ', ['trim-punctuation', 'collapse-letter-spacing']), '');
  });

  it('chains a letter-spaced capitalised name with ß into a name', () => {
    assert.equal(normalise('G R O ß M A N N', ['collapse-letter-spacing', 'title-case-caps']), 'Großmann');
  });
});
