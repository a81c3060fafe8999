// German reads offline on a machine without Debian's tesseract-ocr-deu: the bundled npm package's best_int model,
// linked like any language, reads a German card's umlauts and ß through tesseract.js.
import * as assert from 'node:assert/strict';
import { readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { linkLanguages } from '../../src/engine/language-data';
import { OcrPool } from '../../src/engine/ocr-pool';
import { tesseractJsBackend } from '../../src/engine/ocr-backends/tesseract-js';
import { preprocessImage } from '../../src/engine/preprocess';
import { renderCard } from '../support/make-cards';
import { makeTmpDir } from '../support/tmp-dir';

describe('bundled German language data', function () {
  this.timeout(120_000);
  let store: DisposableStore;
  beforeEach(() => { store = new DisposableStore(); });
  afterEach(() => store.dispose());

  it('reads a German card with the bundled deu when no tessdata folder has it', async () => {
    const langPath = join(store.add(makeTmpDir('deu')).dir, 'tessdata');
    // No folders at all, system ones included: what a Windows or macOS machine has.
    assert.ok((await linkLanguages(['deu'], [], langPath, [])).ok);
    assert.match(readlinkSync(join(langPath, 'deu.traineddata')), /@tesseract\.js-data\/deu\/4\.0\.0_best_int\/deu\.traineddata\.gz$/);
    const pool = new OcrPool({ size: 1, recycleAfterCards: 100, onLog: () => {}, backends: [tesseractJsBackend({ langPath, cachePath: langPath, onLog: () => {} })] });
    store.add({ dispose: () => void pool.close() });
    const png = await renderCard({ lines: ['Müller, Jürgen', 'Über die Straßen der Schweiz', 'Zürich 1937'], seed: 4, format: 'png', noise: 0.03 });
    const image = await preprocessImage('card.png', png, { preprocess: { greyscale: false, normalise: false }, maxInputPixels: 1e8 });
    assert.ok(image.ok);
    const page = await pool.withWorker('deu', 60_000, session => session.readPage(image.value));
    assert.ok(page.ok);
    const words = page.value.lines.flatMap(line => line.words.map(word => word.text));
    for (const word of ['Müller,', 'Jürgen', 'Über', 'Straßen', 'Zürich']) { assert.ok(words.includes(word), `${word} not in ${words.join(' ')}`); }
  });
});
