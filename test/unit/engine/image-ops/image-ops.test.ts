// The pixel cleaning steps on synthetic images whose answer is known: a dark margin, a ruled line, a tilt, a stain.
import * as assert from 'node:assert/strict';
import sharp from 'sharp';
import { adaptiveThreshold } from '../../../../src/engine/image-ops/adaptive-threshold';
import { maxChannel } from '../../../../src/engine/image-ops/colour-dropout';
import { keepColour } from '../../../../src/engine/image-ops/colour-keep';
import { findCardFrame, whitenEdgeMargin } from '../../../../src/engine/image-ops/crop-border';
import { estimateSkew, rotateLevel } from '../../../../src/engine/image-ops/deskew';
import { flattenBackground } from '../../../../src/engine/image-ops/flatten-background';
import { sharpToGrey, type GreyImage } from '../../../../src/engine/image-ops/grey-image';
import { suppressRules } from '../../../../src/engine/image-ops/suppress-rules';
import { preprocessImage } from '../../../../src/engine/preprocess';

function blank(width: number, height: number, value = 240): GreyImage {
  return { data: new Uint8Array(width * height).fill(value), width, height };
}
function fillRect(image: GreyImage, x0: number, y0: number, x1: number, y1: number, value: number): void {
  for (let y = y0; y < y1; y++) { image.data.fill(value, y * image.width + x0, y * image.width + x1); }
}
const at = (image: GreyImage, x: number, y: number) => image.data[y * image.width + x];

/** Dark "letters": 6-px-wide, 30-px-tall strokes every 14 px along a line, like a typed word's verticals. */
function strokes(image: GreyImage, x0: number, x1: number, y0: number): void {
  for (let x = x0; x < x1; x += 14) { fillRect(image, x, y0, x + 6, y0 + 30, 30); }
}

/** A card of SVG text lines, turned by `degrees`, as the grey image the steps get. */
async function tiltedText(degrees: number): Promise<GreyImage> {
  const lines = Array.from({ length: 8 }, (_, i) => `<text x="60" y="${90 + i * 60}" font-family="FreeMono" font-size="34">Britische schwarze Liste ${i}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="600"><rect width="900" height="600" fill="#f0f0e0"/>${lines}</svg>`;
  return sharpToGrey(sharp(Buffer.from(svg)).rotate(degrees, { background: '#f0f0e0' }).greyscale());
}

describe('image cleaning steps', () => {
  it('crop-border finds the card inside a dark margin and whitens wedges left at its edges', () => {
    const image = blank(400, 300, 15);
    fillRect(image, 20, 12, 385, 290, 230);
    fillRect(image, 20, 12, 26, 100, 15); // a wedge of margin inside the frame, from a turned card
    assert.deepEqual(findCardFrame(image), { x0: 20, y0: 12, x1: 385, y1: 290 });
    const cropped = blank(365, 278, 230); fillRect(cropped, 0, 0, 6, 188, 15); fillRect(cropped, 100, 100, 110, 130, 20);
    const whitened = whitenEdgeMargin(cropped);
    assert.equal(at(whitened, 3, 50), 255, 'the wedge is painted white');
    assert.equal(at(whitened, 105, 110), 20, 'ink inside the card stays');
  });

  it('crop-border keeps the whole image when there is no margin or the "card" would be too small', () => {
    assert.deepEqual(findCardFrame(blank(200, 100, 230)), { x0: 0, y0: 0, x1: 200, y1: 100 });
    assert.deepEqual(findCardFrame(blank(200, 100, 10)), { x0: 0, y0: 0, x1: 200, y1: 100 });
  });

  it('colour dropout turns coloured paper and red or blue rules light and keeps black ink dark', () => {
    const rgb = Uint8Array.from([230, 225, 160, /* yellow paper */ 220, 60, 60, /* red rule */ 120, 150, 210, /* blue rule */ 35, 30, 30 /* ink */]);
    assert.deepEqual(Array.from(maxChannel(rgb, 4, 1, 3).data), [230, 220, 210, 35]);
  });

  it('keeping a colour leaves a blue stamp dark and fades paper, typing and a red rule', () => {
    // Mostly paper (the median), then a stamp's blue ink over it, typing (greenish dark grey as photographed on
    // green stock, black on white), a red rule.
    const card = (paper: number[], typing: number[]) =>
      Uint8Array.from([...paper, ...paper, ...paper, ...paper, 90, 110, 150, ...typing, 200, 60, 60]);
    for (const [paper, typing] of [[[150, 185, 120], [70, 85, 60]], [[235, 235, 230], [35, 40, 35]]]) {
      const kept = Array.from(keepColour(card(paper, typing), 7, 1, 3, 'blue').data);
      assert.deepEqual(kept.slice(0, 4), [255, 255, 255, 255], 'paper is white');
      assert.ok(kept[4] < 100, `the stamp is dark (${kept[4]})`);
      assert.ok(kept[5] > kept[4] + 60, `typing is far fainter than the stamp (${kept[5]})`);
      assert.equal(kept[6], 255, 'a red rule is gone');
    }
    // The other way round for red: the rule stays, the blue stamp goes.
    const red = Array.from(keepColour(card([235, 235, 230], [35, 40, 35]), 7, 1, 3, 'red').data);
    assert.ok(red[6] < 50 && red[4] === 255, JSON.stringify(red));
  });

  it('rule suppression erases a long thin line and a dotted one but keeps the strokes crossing them', async () => {
    const image = blank(800, 400);
    fillRect(image, 0, 200, 800, 203, 60); // a solid rule, 3 px
    for (let x = 0; x < 800; x += 6) { fillRect(image, x, 100, x + 3, 102, 70); } // a dotted rule
    fillRect(image, 400, 0, 403, 400, 60); // a vertical rule
    strokes(image, 100, 300, 180); // typing that sits on the solid rule
    const { image: cleaned, rules } = await suppressRules(image);
    assert.ok(rules.some(rule => rule.horizontal && rule.at >= 199 && rule.at <= 204));
    assert.ok(rules.some(rule => !rule.horizontal && rule.at >= 399 && rule.at <= 404));
    assert.ok(at(cleaned, 600, 201) > 200, 'solid rule erased');
    assert.ok(at(cleaned, 601, 100) > 200, 'dotted rule erased');
    assert.ok(at(cleaned, 401, 50) > 200, 'vertical rule erased');
    assert.equal(at(cleaned, 102, 190), 30, 'a stroke above the rule stays');
    assert.equal(at(cleaned, 102, 201), 30, 'where a stroke crosses the rule it stays');
  });

  it('deskew measures a known tilt and levels it', async () => {
    for (const degrees of [-2, 1.5]) {
      const image = await tiltedText(degrees);
      const skew = await estimateSkew(image);
      assert.ok(Math.abs(skew - degrees) <= 0.3, `measured ${skew} for a card turned ${degrees}°`);
      const level = await rotateLevel(image, skew);
      assert.deepEqual([level.width, level.height], [image.width, image.height]);
      assert.ok(Math.abs(await estimateSkew(level)) <= 0.3);
    }
    assert.equal(await estimateSkew(blank(300, 200)), 0, 'an empty card has no skew to find');
  });

  it('flattening evens out a stain and thresholding keeps faint ink on it', async () => {
    const image = blank(600, 400, 230);
    fillRect(image, 300, 0, 600, 400, 150); // a dark stain over the right half
    fillRect(image, 420, 200, 426, 230, 100); // faint ink on the stain
    const flat = await flattenBackground(image);
    assert.ok(Math.abs(at(flat, 100, 100) - at(flat, 500, 100)) < 12, `paper ${at(flat, 100, 100)} vs stain ${at(flat, 500, 100)}`);
    const binary = await adaptiveThreshold(flat);
    assert.equal(at(binary, 500, 100), 255, 'the stain is paper');
    assert.equal(at(binary, 423, 215), 0, 'the ink on it is ink');
    assert.ok(binary.data.every(v => v === 0 || v === 255));
  });

  it('preprocessImage with cropBorder reports the card frame and scales from it', async () => {
    const jpeg = await sharp({ create: { width: 1000, height: 700, channels: 3, background: { r: 10, g: 10, b: 10 } } })
      .composite([{ input: await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 235, g: 225, b: 170 } } }).png().toBuffer(), left: 50, top: 40 }])
      .jpeg().toBuffer();
    const prepared = await preprocessImage('card.jpg', jpeg, { preprocess: { cropBorder: true, suppressRules: true, targetWidth: 1800 }, maxInputPixels: 1e8 });
    assert.ok(prepared.ok);
    const { frame, width, scale, cardWidth } = prepared.value;
    assert.ok(Math.abs(frame.x0 - 50) <= 2 && Math.abs(frame.y0 - 40) <= 2 && Math.abs(frame.x1 - 950) <= 2 && Math.abs(frame.y1 - 640) <= 2, JSON.stringify(frame));
    assert.equal(cardWidth, 1000);
    assert.equal(width, 1800);
    assert.ok(Math.abs(scale - 1800 / (frame.x1 - frame.x0)) < 1e-9);
  });
});
