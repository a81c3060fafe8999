// Alignment of checked values to OCR tokens: fuzzy matches are found, letter-spaced and typed values too, a
// longer value keeps its tokens from a shorter one, and values not in the OCR text are reported per field.
import * as assert from 'node:assert/strict';
import { alignCard } from '../../../../src/engine/learned/align';
import { pageTokens } from '../../../../src/engine/learned/features';
import type { OcrPage } from '../../../../src/engine/ocr-page';

function page(lines: string[]): OcrPage {
  return {
    text: lines.join('\n'), confidence: 90, width: 1000, height: 600,
    lines: lines.map((text, row) => {
      let x = 50;
      const words = text.split(' ').map(word => {
        const box = { x0: x, y0: 40 + row * 40, x1: x + word.length * 15, y1: 70 + row * 40 };
        x = box.x1 + 12;
        return { text: word, confidence: 90, box };
      });
      return { text, words, box: { x0: 50, y0: 40 + row * 40, x1: x, y1: 70 + row * 40 } };
    }),
  };
}

const labelled = (lines: string[], truth: Parameters<typeof alignCard>[1]) => {
  const tokens = pageTokens(page(lines));
  const result = alignCard(tokens, truth);
  const spans = new Map<string, string>();
  tokens.forEach((token, i) => { if (result.labels[i]) { spans.set(result.labels[i], `${spans.get(result.labels[i]) ?? ''}${spans.has(result.labels[i]) ? '|' : ''}${token.word.text}`); } });
  return { result, spans };
};

describe('alignment of checked values to OCR tokens', () => {
  it('finds values despite OCR slips, inside words and letter-spaced', () => {
    const { result, spans } = labelled(['W o l t e r s , Maria.', 'Die Gesch1chte der Stadt Kleve.', 'Kleve: Boss,1937.'], [
      { field: 'last_name', value: 'Wolters' }, { field: 'first_name', value: 'Maria' },
      { field: 'title', value: 'Die Geschichte der Stadt Kleve' }, { field: 'year', value: '1937' },
      { field: 'publisher', value: 'Boss' }, { field: 'place', value: 'Kleve' },
    ]);
    assert.deepEqual(result.notFound, []);
    assert.equal(spans.get('last_name'), 'W|o|l|t|e|r|s');
    assert.equal(spans.get('first_name'), 'Maria');
    assert.equal(spans.get('title'), 'Die|Gesch1chte|der|Stadt|Kleve');
    // The title took its own "Kleve"; the place gets the imprint's.
    assert.equal(spans.get('place'), 'Kleve');
    assert.equal(spans.get('publisher'), 'Boss');
    assert.equal(spans.get('year'), '1937');
  });

  it('reports, per field, values that the OCR text does not hold, and labels nothing for them', () => {
    const { result, spans } = labelled(['Schmidt, Karl.', 'Handbook of bookbinding.'], [
      { field: 'last_name', value: 'Schmidt' }, { field: 'place', value: 'Berlin' }, { field: 'pages', value: '512' },
      { field: 'format', value: '' },
    ]);
    assert.deepEqual(result.notFound.sort(), ['pages', 'place']);
    assert.deepEqual([...spans.keys()], ['last_name']);
    assert.deepEqual(result.found.map(f => f.field), ['last_name']);
  });

  it('names the closest span of a value it did not find (a near miss), and none for a value nowhere near', () => {
    const tokens = pageTokens(page(['Viteles, Homis.', 'Dis. Mimdelphra 1922.']));
    const result = alignCard(tokens, [{ field: 'shelfmark', value: 'Diss. Philadelphia 1922' }, { field: 'place', value: 'Uppsala' }]);
    assert.deepEqual(result.notFound.sort(), ['place', 'shelfmark']);
    assert.deepEqual(result.labels.filter(Boolean), []);
    assert.deepEqual(result.nearMisses?.map(miss => [miss.field, miss.tokens.map(i => tokens[i].word.text).join('')]), [['shelfmark', 'Dis.Mimdelphra1922']]);
  });

  it('matches a typed value by its typed form (a date written out on the card)', () => {
    const { result, spans } = labelled(['Amendment 12, 6. Aug. 1942'], [{ field: 'date', value: '1942-08-06', type: 'date' }]);
    assert.deepEqual(result.notFound, []);
    assert.equal(spans.get('date'), '6|.|Aug|.|1942');
  });

  it('keeps short values exact: pages 23 is not the 28 on the card', () => {
    const { result } = labelled(['28 S. 8°'], [{ field: 'pages', value: '23' }, { field: 'format', value: '8°' }]);
    assert.deepEqual(result.notFound, ['pages']);
    assert.deepEqual(result.found.map(f => f.field), ['format']);
  });

  it('labels a value typed twice at both places, so the model is not taught that one copy is none', () => {
    const { result, spans } = labelled(['Diss.Hamburg. (Tab.)', '-- Hamburg 1964.'], [{ field: 'place', value: 'Hamburg' }, { field: 'year', value: '1964' }]);
    assert.deepEqual(result.notFound, []);
    assert.equal(spans.get('place'), 'Hamburg|Hamburg');
    assert.deepEqual(result.labels.filter(label => label === 'place').length, 2);
  });

  it('labels a short value once: a page count of 16 is not every 16 on the card', () => {
    const { spans } = labelled(['16 S. 8°', 'Geb. 16. Mai'], [{ field: 'pages', value: '16' }]);
    assert.equal(spans.get('pages'), '16');
  });
});
