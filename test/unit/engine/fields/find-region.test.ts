// The region finder at its boundary: relative rectangles to card pixels, and what it asks the RegionReader
// (the pixel box and the field's OCR options) and makes of the page it gets back. The reader here returns a
// hand-built page, as a real one returns tesseract's reading of that crop.
import { strict as assert } from 'node:assert';
import { findByRegion, keepConfidentLines, toPixelBox } from '../../../../src/engine/fields/find-region';
import type { OcrPage, RegionReader } from '../../../../src/engine/ocr-page';
import type { PixelBox, RegionOcrOptions, RelativeRect } from '../../../../src/protocol';
import { buildPage } from '../../../support/ocr-page-builder';

/** A reader that records each call and answers with the given page. */
function recordingReader(answer: OcrPage): { read: RegionReader; calls: Array<{ box: PixelBox; options: RegionOcrOptions }> } {
  const calls: Array<{ box: PixelBox; options: RegionOcrOptions }> = [];
  return { calls, read: async (box, options) => { calls.push({ box, options }); return answer; } };
}

describe('toPixelBox', () => {
  const rows: Array<[string, RelativeRect, number, number, PixelBox]> = [
    ['the whole card', { left: 0, top: 0, width: 1, height: 1 }, 1000, 600, { x0: 0, y0: 0, x1: 1000, y1: 600 }],
    ['a header zone', { left: 0.04, top: 0.06, width: 0.62, height: 0.14 }, 1000, 600, { x0: 40, y0: 36, x1: 660, y1: 120 }],
    ['a zone right of the rule, rounded to whole pixels', { left: 0.666, top: 0.05, width: 0.3, height: 0.1 }, 976, 580,
      { x0: 650, y0: 29, x1: 943, y1: 87 }],
    ['a zone that ends a hair past the edge (the schema allows 1.0001), clamped', { left: 0.5, top: 0.9, width: 0.5001, height: 0.1001 }, 1000, 600,
      { x0: 500, y0: 540, x1: 1000, y1: 600 }],
  ];
  for (const [name, rect, width, height, box] of rows) {
    it(`maps ${name} on a ${width}×${height} card to ${JSON.stringify(box)}`, () => {
      assert.deepEqual(toPixelBox(rect, width, height), box);
    });
  }
});

const card = buildPage(['anything on the full page'], { width: 1000, height: 600 });

describe('findByRegion', () => {
  it('asks the reader for the pixel box with the field\'s options, once', async () => {
    const reader = recordingReader(buildPage(['B.51.322.GB.123']));
    const options: RegionOcrOptions = { pageSegmentation: 'single-line', whitelist: 'B.0123456789G', language: 'eng' };
    await findByRegion(card, { left: 0.65, top: 0.05, width: 0.3, height: 0.1 }, options, reader.read);
    assert.deepEqual(reader.calls, [{ box: { x0: 650, y0: 30, x1: 950, y1: 90 }, options }]);
  });

  it('joins the region\'s lines with one space, keeps all their words, and gives the region as the box', async () => {
    const reader = recordingReader(buildPage(['Abegg & Cie.', 'Zürich'], { confidences: { 'Zürich': 50 } }));
    const found = await findByRegion(card, { left: 0.1, top: 0.1, width: 0.5, height: 0.2 }, {}, reader.read);
    assert.equal(found.text, 'Abegg & Cie. Zürich');
    assert.deepEqual(found.words.map(w => [w.text, w.confidence]), [['Abegg', 90], ['&', 90], ['Cie.', 90], ['Zürich', 50]]);
    // The box is where the field was looked for (what the review screen highlights), not where the words were.
    assert.deepEqual(found.box, { x0: 100, y0: 60, x1: 600, y1: 180 });
  });

  it('finds an empty value with no words when the region reads blank', async () => {
    const found = await findByRegion(card, { left: 0, top: 0, width: 0.2, height: 0.2 }, {}, recordingReader(buildPage([])).read);
    assert.deepEqual(found, { text: '', words: [], box: { x0: 0, y0: 0, x1: 200, y1: 120 } });
  });
});

describe('keepConfidentLines', () => {
  // A typed line, a line of paper texture read as letters, and a typed line with a stray mark at its end.
  const page = buildPage(['Britische schwarze Liste', 'RR EX a BE', 'Amendment 7, 18.6.1945. {'],
    { confidences: { 'RR': 12, 'EX': 24, 'a': 17, 'BE': 21, '{': 0 } });

  it('keeps every line as read without floors', () => {
    assert.deepEqual(keepConfidentLines(page.lines, {}).map(line => line.text), page.lines.map(line => line.text));
  });

  it('drops lines whose mean word confidence is under minLineConfidence', () => {
    // The last line's mean is (90 * 3 + 0) / 4 = 67.5: it stays whole, its stray mark with it.
    assert.deepEqual(keepConfidentLines(page.lines, { minLineConfidence: 50 }).map(line => line.text),
      ['Britische schwarze Liste', 'Amendment 7, 18.6.1945. {']);
  });

  it('drops words under minWordConfidence, and the lines they leave empty', () => {
    const kept = keepConfidentLines(page.lines, { minWordConfidence: 30 });
    assert.deepEqual(kept.map(line => line.text), ['Britische schwarze Liste', 'Amendment 7, 18.6.1945.']);
    assert.deepEqual(kept[1].words.map(word => word.text), ['Amendment', '7,', '18.6.1945.']);
  });

  it('reads a zone as blank when the mean of what is left is under minMeanConfidence', () => {
    const texture = buildPage(['EX a BE', 'ER Bun TE N', 'Amendment'], { confidence: 30, confidences: { Amendment: 70 } });
    // Mean (30 * 7 + 70) / 8 = 35: blank at 40, kept whole at 35.
    assert.deepEqual(keepConfidentLines(texture.lines, { minMeanConfidence: 40 }), []);
    assert.equal(keepConfidentLines(texture.lines, { minMeanConfidence: 35 }).length, 3);
    // The floors run first: without the texture lines the typed one stands.
    assert.deepEqual(keepConfidentLines(texture.lines, { minLineConfidence: 50, minMeanConfidence: 40 }).map(line => line.text), ['Amendment']);
    // A typed zone is far above it.
    assert.equal(keepConfidentLines(page.lines, { minMeanConfidence: 50 }).length, 3);
  });

  it('applies to what findByRegion finds', async () => {
    const found = await findByRegion(card, { left: 0, top: 0, width: 1, height: 1 }, { minLineConfidence: 50 }, recordingReader(page).read);
    assert.equal(found.text, 'Britische schwarze Liste Amendment 7, 18.6.1945. {');
    assert.equal(found.words.length, 7);
  });
});
