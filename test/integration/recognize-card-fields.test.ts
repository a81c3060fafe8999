// A template without region fields finds its fields after its card's OCR worker went back to the pool (issue 14):
// the values are those read inside the worker's turn, a template pattern still runs under the card's limit there,
// and the worker goes on reading. Real tesseract.js on generated cards.
import * as assert from 'node:assert/strict';
import { DisposableStore } from '../../src/common/lifecycle';
import { linkLanguages } from '../../src/engine/language-data';
import { tesseractJsBackend } from '../../src/engine/ocr-backends/tesseract-js';
import { OcrPool } from '../../src/engine/ocr-pool';
import { recognizeCard } from '../../src/engine/recognize-card';
import type { FieldSpec } from '../../src/protocol';
import { testCards, testFields, writeTestCards } from '../support/engine-cards';
import { tintedPaperPreprocess } from '../support/make-cards';
import { makeTmpDir } from '../support/tmp-dir';

/** Exponential on any text of more than ~25 characters (see card-timeouts.test.ts). */
const catastrophic = '^(([\\s\\S])+)+\\u0000$';

describe('recognizeCard with a template without region fields (real tesseract.js)', function () {
  this.timeout(120_000);
  const store = new DisposableStore();
  let dir: string;
  let pool: OcrPool;

  before(async () => {
    dir = store.add(makeTmpDir('recognize-fields')).dir;
    await writeTestCards(dir);
    const langPath = store.add(makeTmpDir('recognize-fields-lang')).dir;
    assert.ok((await linkLanguages(['eng'], [], langPath)).ok);
    pool = store.add(new OcrPool({ size: 1, recycleAfterCards: 250, onLog: () => undefined, backends: [tesseractJsBackend({ langPath, cachePath: langPath, onLog: () => undefined })] }));
  });
  after(() => store.dispose());

  it('reads every field of each card, found after its worker went back to the pool', async () => {
    for (const card of testCards) {
      const read = await recognizeCard(dir, card.name, { fields: testFields, language: 'eng', options: { preprocess: tintedPaperPreprocess } }, pool);
      assert.ok(read.ok, read.ok ? '' : read.error.message);
      assert.deepEqual([read.value.fields.author.value, read.value.fields.title.value, read.value.fields.shelfmark.value], [card.author, card.title, card.shelf]);
      assert.equal(read.value.kind, 'data');
    }
  });

  it('ends a card whose validation pattern backtracks as card/timeout, and the next card reads on', async () => {
    // The card's three lines (~55 characters): long enough for the pattern to backtrack for minutes.
    const fields: FieldSpec[] = [{ name: 'all', find: { by: 'lines', from: 1, to: 3 }, validate: { pattern: catastrophic } }];
    const slow = await recognizeCard(dir, 'card-1.jpg', { fields, language: 'eng', options: { cardTimeoutMs: 8_000 } }, pool);
    assert.equal(slow.ok ? 'ok' : slow.error.code, 'card/timeout');
    assert.match(slow.ok ? '' : slow.error.message, /^card-1\.jpg: finishing field "all" took longer than the card timeout of 8000 ms/);
    const next = await recognizeCard(dir, 'card-2.jpg', { fields: testFields, language: 'eng', options: { preprocess: tintedPaperPreprocess } }, pool);
    assert.ok(next.ok, next.ok ? '' : next.error.message);
    assert.equal(next.value.fields.author.value, 'Miller, Anna');
  });
});
