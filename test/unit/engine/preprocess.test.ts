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

  it('applies EXIF rotation and scales toward the target width, remembering the scale', async () => {
    const prepared = await preprocessImage('card.jpg', await cardJpeg(), { preprocess: { targetWidth: 1800 }, maxInputPixels: faultMaxInputPixels });
    assert.ok(prepared.ok);
    const { width, height, cardWidth, cardHeight, scale } = prepared.value;
    assert.deepEqual({ width, height, cardWidth, cardHeight, scale }, { width: 1800, height: 1100, cardWidth: 900, cardHeight: 550, scale: 2 });
    const meta = await sharp(prepared.value.image).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height, meta.channels], ['png', 1800, 1100, 1]);
  });
});
