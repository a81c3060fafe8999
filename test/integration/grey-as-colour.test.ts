// A grey card saved as a colour JPEG reaches tesseract.js as one channel (a one-channel PNG) and reads exactly as
// the three-channel image does: every word, box and confidence. (The native backend's twin is in native-backend.)
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import sharp from 'sharp';
import { DisposableStore } from '../../src/common/lifecycle';
import { linkLanguages } from '../../src/engine/language-data';
import { tesseractJsBackend } from '../../src/engine/ocr-backends/tesseract-js';
import { OcrPool } from '../../src/engine/ocr-pool';
import { preprocessImage, type PreparedImage } from '../../src/engine/preprocess';
import { catalogueCards, renderCard } from '../support/make-cards';
import { makeTmpDir } from '../support/tmp-dir';

describe('grey cards stored as colour, tesseract.js (real OCR)', function () {
  this.timeout(120_000);
  const store = new DisposableStore();
  after(() => store.dispose());

  it('reads the one-channel PNG the engine makes exactly as the colour one', async () => {
    const langPath = join(store.add(makeTmpDir('grey-js')).dir, 'tessdata');
    assert.ok((await linkLanguages(['eng'], [], langPath)).ok);
    const ocr = new OcrPool({ size: 1, recycleAfterCards: 250, onLog: () => undefined, backends: [tesseractJsBackend({ langPath, cachePath: langPath, onLog: () => undefined })] });
    store.add({ dispose: () => void ocr.close() });
    const card = catalogueCards[0];
    const greyJpeg = await sharp(await renderCard(card.spec)).greyscale().toColourspace('srgb').jpeg().toBuffer();
    const prepared = await preprocessImage(card.name, greyJpeg, { preprocess: {}, maxInputPixels: 1e8 });
    assert.ok(prepared.ok);
    assert.equal((await sharp(prepared.value.image).metadata()).channels, 1);
    const colourPng = await sharp(greyJpeg).png({ compressionLevel: 1 }).toBuffer();
    assert.equal((await sharp(colourPng).metadata()).channels, 3);
    const read = (image: PreparedImage) => ocr.withWorker('eng', 60_000, session => session.readPage(image));
    const [fromGrey, fromColour] = [await read(prepared.value), await read({ ...prepared.value, image: colourPng })];
    assert.ok(fromGrey.ok && fromColour.ok);
    assert.match(fromGrey.value.text, /Mootz/);
    assert.deepEqual(fromGrey.value, fromColour.value);
  });
});
