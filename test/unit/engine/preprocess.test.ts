// Preprocessing on real image bytes: each kind of broken file gets its own problem code; a good card is prepared.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import sharp from 'sharp';
import { DisposableStore } from '../../../src/common/lifecycle';
import { preprocessImage, readCardFile } from '../../../src/engine/preprocess';
import { faultMaxInputPixels, writeFaultCards } from '../../support/fault-cards';
import { makeTmpDir } from '../../support/tmp-dir';

/** A plain 900×550 JPEG with EXIF orientation 6 (stored sideways): enough for decoding, no OCR here. */
async function cardJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 550, height: 900, channels: 3, background: { r: 240, g: 230, b: 190 } } })
    .jpeg().withMetadata({ orientation: 6 }).toBuffer();
}

describe('preprocessImage', () => {
  let store: DisposableStore;
  beforeEach(() => { store = new DisposableStore(); });
  afterEach(() => store.dispose());

  it('names each broken file by what is wrong with it', async () => {
    const dir = store.add(makeTmpDir('faults')).dir;
    const expected = await writeFaultCards(dir, await cardJpeg());
    const seen: Record<string, string> = {};
    for (const card of Object.keys(expected)) {
      const file = await readCardFile(join(dir, card));
      const prepared = file.ok ? await preprocessImage(card, file.value, { preprocess: {}, maxInputPixels: faultMaxInputPixels }) : file;
      seen[card] = prepared.ok ? 'ok' : prepared.error.code;
    }
    assert.deepEqual(seen, expected);
  });

  it('hands raw pixels of a grey card stored as colour as one channel, and a colour card as three', async () => {
    const colour = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } } })
      .png().toBuffer();
    const grey = await sharp(colour).greyscale().toColourspace('srgb').jpeg().toBuffer();
    const settings = { preprocess: {}, maxInputPixels: 1e7, output: 'raw' as const };
    const [fromGrey, fromColour] = [await preprocessImage('grey.jpg', grey, settings), await preprocessImage('colour.png', colour, settings)];
    assert.ok(fromGrey.ok && fromColour.ok);
    const decoded = await sharp(grey).extractChannel(0).raw().toBuffer();
    assert.deepEqual([fromGrey.value.channels, fromGrey.value.image.length, fromGrey.value.image.equals(decoded)], [1, 300 * 200, true]);
    assert.deepEqual([fromColour.value.channels, fromColour.value.image.length], [3, 300 * 200 * 3]);
    const png = await preprocessImage('grey.jpg', grey, { preprocess: {}, maxInputPixels: 1e7 });
    assert.ok(png.ok);
    assert.equal((await sharp(png.value.image).metadata()).channels, 3);
  });

  it('applies EXIF rotation and scales toward the target width, remembering the scale', async () => {
    const prepared = await preprocessImage('card.jpg', await cardJpeg(), { preprocess: { targetWidth: 1800 }, maxInputPixels: faultMaxInputPixels });
    assert.ok(prepared.ok);
    const { width, height, cardWidth, cardHeight, scale } = prepared.value;
    assert.deepEqual({ width, height, cardWidth, cardHeight, scale }, { width: 1800, height: 1100, cardWidth: 900, cardHeight: 550, scale: 2 });
    const meta = await sharp(prepared.value.image).metadata();
    // Three channels: greyscale is a step a template asks for, not a default (see the next test).
    assert.deepEqual([meta.format, meta.width, meta.height, meta.channels], ['png', 1800, 1100, 3]);
  });

  it('hands OCR the pixels as decoded unless a template asks for greyscale or normalise', async () => {
    // Paper at 190..230 with a dark bar: normalise would stretch it to 0..255, greyscale make one channel.
    const card = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 230, g: 220, b: 190 } } })
      .composite([{ input: { create: { width: 200, height: 40, channels: 3, background: { r: 60, g: 60, b: 70 } } }, left: 50, top: 80 }]).removeAlpha().png().toBuffer();
    const decoded = await sharp(card).raw().toBuffer();
    const prepare = async (preprocess: object) => {
      const prepared = await preprocessImage('card.png', card, { preprocess, maxInputPixels: faultMaxInputPixels, output: 'raw' });
      assert.ok(prepared.ok);
      const { image, channels } = prepared.value;
      return { channels, same: image.equals(decoded), min: image.reduce((a, b) => Math.min(a, b), 255), max: image.reduce((a, b) => Math.max(a, b), 0) };
    };
    assert.deepEqual(await prepare({}), { channels: 3, same: true, min: 60, max: 230 });
    assert.deepEqual(await prepare({ greyscale: false, normalise: false }), { channels: 3, same: true, min: 60, max: 230 });
    assert.deepEqual(await prepare({ greyscale: true }), { channels: 1, same: false, min: 61, max: 220 });
    // sharp stretches the luminance, so one channel of the darkest pixel may stay a few levels above 0.
    const stretched = await prepare({ normalise: true });
    assert.deepEqual([stretched.channels, stretched.same, stretched.min <= 5, stretched.max], [3, false, true, 255], JSON.stringify(stretched));
  });
});
