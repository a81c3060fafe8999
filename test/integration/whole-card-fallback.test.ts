// No readable card comes back empty: a whole-card reading that is empty or nearly so is read again (the raw image,
// the other page segmentation) before the card is called blank. The cause seen on real printed cards is reproduced
// here: a contrast stretch (normalise) on a card with under 1 % ink blows paper grain up into noise.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { linkLanguages } from '../../src/engine/language-data';
import { OcrPool } from '../../src/engine/ocr-pool';
import { preprocessImage } from '../../src/engine/preprocess';
import { rawPreparation, recognizeCard, type RecognizeSettings } from '../../src/engine/recognize-card';
import { renderCard, writeCard } from '../support/make-cards';
import { makeTmpDir } from '../support/tmp-dir';
import { tesseractJsBackend } from '../../src/engine/ocr-backends/tesseract-js';

const printed = { lines: ['Wolters, Maria', 'Kleve 1937'], paper: 'white' as const, fontSize: 16, noise: 0.02, format: 'jpg' as const, seed: 4 };

describe('whole-card fallback readings', function () {
  this.timeout(120_000);
  let store: DisposableStore;
  let dir: string;
  let pool: OcrPool;
  beforeEach(async () => {
    store = new DisposableStore();
    dir = store.add(makeTmpDir('fallback')).dir;
    const langPath = join(dir, 'tessdata');
    assert.ok((await linkLanguages(['eng'], [], langPath)).ok);
    pool = new OcrPool({ size: 1, recycleAfterCards: 100, onLog: () => {}, backends: [tesseractJsBackend({ langPath, cachePath: langPath, onLog: () => {} })] });
    store.add({ dispose: () => void pool.close() });
  });
  afterEach(() => store.dispose());

  const settings = (preprocess: RecognizeSettings['options']['preprocess']): RecognizeSettings => ({ fields: [], language: 'eng', options: { preprocess } });

  it('reads a low-ink printed card as empty after normalise (the cause)', async () => {
    const prepared = await preprocessImage('card.jpg', await renderCard(printed), { preprocess: { normalise: true }, maxInputPixels: 1e8 });
    assert.ok(prepared.ok);
    const page = await pool.withWorker('eng', 60_000, session => session.readPage(prepared.value));
    assert.ok(page.ok);
    assert.equal(page.value.text.replace(/[^\p{L}\p{N}]/gu, '').length < 12, true, `read ${JSON.stringify(page.value.text)}`);
  });

  it('gives that card its text from the raw image, a data card', async () => {
    await writeCard(join(dir, 'printed.jpg'), printed);
    const result = await recognizeCard(dir, 'printed.jpg', settings({ normalise: true, greyscale: true }), pool);
    assert.ok(result.ok);
    assert.deepEqual([result.value.text, result.value.kind], ['Wolters, Maria\nKleve 1937', 'data']);
  });

  it('reads that card right at once from the raw preparation (the library template\'s)', async () => {
    await writeCard(join(dir, 'printed.jpg'), printed);
    const result = await recognizeCard(dir, 'printed.jpg', settings(rawPreparation), pool);
    assert.ok(result.ok);
    assert.deepEqual([result.value.text, result.value.kind], ['Wolters, Maria\nKleve 1937', 'data']);
  });

  it('keeps a truly blank card blank after every fallback', async () => {
    await writeCard(join(dir, 'blank.jpg'), { ...printed, lines: [] });
    const result = await recognizeCard(dir, 'blank.jpg', settings({ normalise: true }), pool);
    assert.ok(result.ok);
    assert.equal(result.value.kind, 'blank');
  });
});
