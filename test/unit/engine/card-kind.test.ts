// Table-driven tests of card kinds: blank, reference and data cards from hand-built OCR pages.
import { strict as assert } from 'node:assert';
import { classifyCard, type CardKind } from '../../../src/engine/card-kind';
import type { OcrPage } from '../../../src/engine/ocr-page';

/** A page from lines of text; every word gets `confidence` and a box on its own line. */
function page(lines: string[], confidence = 90): OcrPage {
  const ocrLines = lines.map((text, row) => {
    const words = text.split(' ').filter(Boolean).map((word, i) => ({ text: word, confidence, box: { x0: i * 100, y0: row * 40, x1: i * 100 + 90, y1: row * 40 + 30 } }));
    return { text, words, box: { x0: 0, y0: row * 40, x1: 1000, y1: row * 40 + 30 } };
  });
  return { text: lines.join('\n'), confidence: lines.length > 0 ? confidence : null, lines: ocrLines, width: 1000, height: 600 };
}

describe('classifyCard', () => {
  const cases: Array<[string, OcrPage, CardKind]> = [
    ['no words at all', page([]), 'blank'],
    ['specks read with low confidence', page(['Il |', 'ee ~~'], 30), 'blank'],
    ['three confident characters', page(['| 1 a -', 'x']), 'blank'],
    ['a "s." pointer under the heading', page(['Mootz, Wilhelm', 's. Mootz, Willy']), 'reference'],
    ['a "siehe" pointer', page(['Abegg & Cie.', 'siehe Abegg-Arter & Co.']), 'reference'],
    ['"s." read as "5."', page(['Wolters, Maria', '5. Wolters-Kühn, Maria']), 'reference'],
    ['"s." read as "Ss."', page(['Wolters, Maria', 'Ss. Wolters-Kühn, Maria']), 'reference'],
    ['"s." read as "8." on the heading line', page(['Meier, Hans 8. Meier, Johann']), 'reference'],
    ['"5." before a lower-case word', page(['Bern', '12 5. total']), 'data'],
    ['a "siehe auch" pointer', page(['Basel', 'siehe auch Riehen']), 'reference'],
    ['an English "see" on the heading line', page(['Clemens, Samuel see Twain, Mark']), 'reference'],
    ['a "see also" pointer', page(['Printing', 'see also Typography']), 'reference'],
    ['a full catalogue entry', page(['Mootz, Wilhelm.', 'Die Geschichte der Buchdruckerkunst.', 'Mainz: Zabern, 1952.', '345 p. 24 cm.']), 'data'],
    ['a full entry with a see-also note at its foot', page(['Mootz, Wilhelm.', 'Die Geschichte der Buchdruckerkunst.', 'Mainz: Zabern, 1952.', '345 p. 24 cm.', 'see also Gutenberg']), 'data'],
    ['an index card without a pointer', page(['Abegg & Cie. Zürich B.51.322.GB.266']), 'data'],
    ['"s." that points at nothing capitalised', page(['Bern', '12 s. total']), 'data'],
    ['a word that ends in "see"', page(['Thunersee', 'Spiez']), 'data'],
  ];
  for (const [name, input, kind] of cases) {
    it(`${name} → ${kind}`, () => {
      assert.equal(classifyCard(input), kind);
    });
  }
});
