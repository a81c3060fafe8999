// The whole-card reading is in the page segmentation asked for on every card: a fresh tesseract.js worker (which
// starts in single-block mode) and a used one (last set to a zone's single-line mode) read a card alike.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { linkLanguages } from '../../src/engine/language-data';
import type { OcrPage } from '../../src/engine/ocr-page';
import { OcrPool } from '../../src/engine/ocr-pool';
import { preprocessImage, type PreparedImage } from '../../src/engine/preprocess';
import type { PageSegmentation } from '../../src/protocol';
import { renderCard } from '../support/make-cards';
import { makeTmpDir } from '../support/tmp-dir';
import { tesseractJsBackend } from '../../src/engine/ocr-backends/tesseract-js';

/** Four lines in two groups: auto reads them all; a worker left in single-line mode would read one line. */
const twoColumns = ['Smith, John                    Geography', 'A Short History                Rivers', 'London 1937                    Maps', 'Second line here               Atlas'];
const expected = 'Smith, John Geography A Short History Rivers London 1937 Maps Second line here Atlas'.split(' ');
const otherCard = ['Miller, Anna', 'Rivers of Europe', 'Basel 1950'];

async function prepare(lines: string[], seed: number): Promise<PreparedImage> {
  const prepared = await preprocessImage('card.png', await renderCard({ lines, seed, format: 'png', noise: 0.05 }), { preprocess: { greyscale: false, normalise: false }, maxInputPixels: 1e8 });
  assert.ok(prepared.ok);
  return prepared.value;
}

const words = (page: OcrPage) => page.lines.flatMap(line => line.words.map(word => word.text));

describe('whole-card page segmentation', function () {
  this.timeout(120_000);
  let store: DisposableStore;
  let langPath: string;
  beforeEach(async () => {
    store = new DisposableStore();
    const tmp = store.add(makeTmpDir('psm'));
    langPath = join(tmp.dir, 'tessdata');
    assert.ok((await linkLanguages(['eng'], [], langPath)).ok);
  });
  afterEach(() => store.dispose());

  function pool(): OcrPool {
    const made = new OcrPool({ size: 1, recycleAfterCards: 100, onLog: () => {}, backends: [tesseractJsBackend({ langPath, cachePath: langPath, onLog: () => {} })] });
    store.add({ dispose: () => void made.close() });
    return made;
  }

  async function read(on: OcrPool, image: PreparedImage, segmentation?: PageSegmentation): Promise<OcrPage> {
    const page = await on.withWorker('eng', 60_000, session => session.readPage(image, { pageSegmentation: segmentation }));
    assert.ok(page.ok);
    return page.value;
  }

  it('reads each page in the segmentation asked for, whatever the page before was read in', async () => {
    const card = await prepare(twoColumns, 3);
    const ocr = pool();
    const auto = words(await read(ocr, card, 'auto'));
    const line = await read(ocr, card, 'single-line');
    const again = words(await read(ocr, card));
    assert.deepEqual(auto, expected);
    assert.ok(line.lines.length <= 1, `single-line read ${line.text}`);
    assert.notDeepEqual(words(line), auto);
    assert.deepEqual(again, auto);
  });

  it('gives identical words for a card read by a fresh worker and by a used one', async () => {
    const card = await prepare(twoColumns, 3);
    const other = await prepare(otherCard, 5);
    const fresh = words(await read(pool(), card));
    const used = pool();
    await used.withWorker('eng', 60_000, async session => {
      await session.readPage(other);
      // A zone read in single-line mode leaves the worker in it; the next page must not inherit it.
      await session.readRegion({ x0: 0, y0: 0, x1: 600, y1: 120 }, { pageSegmentation: 'single-line' });
    });
    const again = words(await read(used, card));
    assert.deepEqual(fresh, expected);
    assert.deepEqual(again, fresh);
  });
});
