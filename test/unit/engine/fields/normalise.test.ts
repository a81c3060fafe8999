// Table-driven tests of the text normalisers templates name: exact input → exact output.
import { strict as assert } from 'node:assert';
import {
  applyNormaliser, collapseLetterSpacing, collapseWhitespace, joinHyphenation, normalise, tidyLines, titleCaseCaps, trimPunctuation,
} from '../../../../src/engine/fields/normalise';

describe('normalisers', () => {
  const cases: Array<[string, (text: string) => string, string, string]> = [
    ['collapse-letter-spacing', collapseLetterSpacing, 'M o o t z', 'Mootz'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'M o o t z, Wilhelm', 'Mootz, Wilhelm'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'A b e g g & Cie.', 'Abegg & Cie.'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'F l o r e n t i n Max & Adrienne,', 'Florentin Max & Adrienne,'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'C i e.', 'Cie.'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'Vitamin A und B', 'Vitamin A und B'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'a b', 'a b'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'A. B. C. Meier', 'A. B. C. Meier'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'A. b e g g', 'A. begg'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'O t t\nM a r t i n', 'Ott\nMartin'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'M o o t z  W i l h e l m', 'Mootz Wilhelm'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'L e b e n  i m  W a l d e', 'Leben im Walde'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'M o o t z W i l h e l m', 'Mootz Wilhelm'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'It was a day in a year', 'It was a day in a year'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'Zürich  a', 'Zürich a'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'Moot z  Wilhelm', 'Mootz Wilhelm'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'Abegg & Cie.   Zürich', 'Abegg & Cie. Zürich'],
    ['collapse-letter-spacing', collapseLetterSpacing, 'Moot z Wilhelm', 'Moot z Wilhelm'],
    ['join-hyphenation', joinHyphenation, 'Buch-\ndruckerkunst', 'Buchdruckerkunst'],
    ['join-hyphenation', joinHyphenation, 'Automobil-Reifen-\nImport', 'Automobil-Reifen-Import'],
    ['join-hyphenation', joinHyphenation, 'Buch- \n druck', 'Buchdruck'],
    ['join-hyphenation', joinHyphenation, 'A -\nB', 'A -\nB'],
    ['join-hyphenation', joinHyphenation, 'no break-here', 'no break-here'],
    // Typewriters hyphenated German with a double hyphen, which OCR reads as `=`.
    ['join-hyphenation', joinHyphenation, 'unter beson=\nderer', 'unter besonderer'],
    ['join-hyphenation', joinHyphenation, 'Stiftungs⸗\nrecht', 'Stiftungsrecht'],
    ['join-hyphenation', joinHyphenation, 'x =\ny', 'x =\ny'],
    ['trim-punctuation', trimPunctuation, '| Zürich. ', 'Zürich'],
    ['trim-punctuation', trimPunctuation, '— B.51.322.GB.266 ,', 'B.51.322.GB.266'],
    ['trim-punctuation', trimPunctuation, '(Matas, Genf)', '(Matas, Genf)'],
    ['trim-punctuation', trimPunctuation, '...', ''],
    ['title-case-caps', titleCaseCaps, 'MOOTZ, WILHELM', 'Mootz, Wilhelm'],
    ['title-case-caps', titleCaseCaps, 'KÜSNACHT-ZCH', 'Küsnacht-Zch'],
    ['title-case-caps', titleCaseCaps, 'Ludwig XIV', 'Ludwig XIV'],
    ['title-case-caps', titleCaseCaps, 'Kolter G.m.b.H. A.G.', 'Kolter G.m.b.H. A.G.'],
    ['title-case-caps', titleCaseCaps, 'McDonald', 'McDonald'],
    ['title-case-caps', titleCaseCaps, 'VON DER MÜHLE, HANS', 'von der Mühle, Hans'],
    ['title-case-caps', titleCaseCaps, 'BEETHOVEN, LUDWIG VAN', 'Beethoven, Ludwig van'],
    ['title-case-caps', titleCaseCaps, 'DER KRIEG DER WELTEN', 'Der Krieg der Welten'],
    ['title-case-caps', titleCaseCaps, 'Haus der Kunst', 'Haus der Kunst'],
    ['collapse-whitespace', collapseWhitespace, '  Die  Geschichte\nder Kunst ', 'Die Geschichte der Kunst'],
    ['tidy lines', tidyLines, '\n  a   b \n\n\n\n c\n', 'a b\n\nc'],
  ];
  for (const [name, fn, input, expected] of cases) {
    it(`${name}: ${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(fn(input), expected);
    });
  }

  it('nfc composes decomposed umlauts', () => {
    assert.equal(applyNormaliser('Zu\u0308rich', 'nfc'), 'Z\u00fcrich');
    assert.equal(applyNormaliser('Zu\u0308rich', 'nfc').length, 6);
  });

  it('applies normalisers in the template order', () => {
    assert.equal(normalise('M O O T Z ,  W I L H E L M .', ['collapse-letter-spacing', 'title-case-caps', 'trim-punctuation']), 'Mootz , Wilhelm');
    assert.equal(normalise(' Buch-\ndruck. ', ['join-hyphenation', 'trim-punctuation']), 'Buchdruck');
    assert.equal(normalise(' a  b ', []), 'a b');
  });
});
