// The card timeout holds for every step (issue 12): template patterns that backtrack catastrophically and
// preprocessing of a large card end as card/timeout within the card's limit, and the engine goes on answering;
// the pixel limit has a ceiling and holds for the scaled image too.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import sharp from 'sharp';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import { preprocessImage } from '../../src/engine/preprocess';
import { BatchOptions, PreviewParams, type FieldSpec } from '../../src/protocol/index';
import { writeTestCards } from '../support/engine-cards';
import { makeTmpDir } from '../support/tmp-dir';

/** Exponential on any text of more than ~25 characters, whatever its layout: nested repetition of any character,
 *  then a NUL that is never there, so every way of splitting the text is tried. */
const catastrophic = '^(([\\s\\S])+)+\\u0000$';

describe('card timeouts and pixel limits (real engine, real OCR)', function () {
  this.timeout(120_000);
  const suite = new DisposableStore();
  let engine: EngineClient;
  let dir: string;

  before(async () => {
    dir = suite.add(makeTmpDir('timeouts')).dir;
    await writeTestCards(dir);
    engine = await EngineClient.start({ settings: { dataDir: suite.add(makeTmpDir('timeouts-data')).dir, workers: 1 } });
  });
  after(async () => { await engine?.close(); suite.dispose(); });

  it('a preview with three catastrophic patterns ends as card/timeout within the card timeout, and the engine still reads', async () => {
    const fields: FieldSpec[] = [
      { name: 'a', find: { by: 'pattern', pattern: catastrophic } },
      { name: 'b', find: { by: 'label', label: 'Author' }, validate: { pattern: `${catastrophic}` } },
      { name: 'c', find: { by: 'derived', from: 'b', pattern: catastrophic, value: 'x' } },
    ];
    const slow = await engine.previewCard(PreviewParams.parse({ image: join(dir, 'card-1.jpg'), fields, cardTimeoutMs: 10_000 }));
    assert.ok(!slow.ok, 'the catastrophic patterns should have run into the card timeout');
    assert.equal(slow.error.code, 'card/timeout');
    assert.match(slow.error.message, /^card-1\.jpg: finding field "a" took longer than the card timeout of 10000 ms/);
    const fine = await engine.previewCard(PreviewParams.parse({ image: join(dir, 'card-2.jpg'), fields: [{ name: 'author', find: { by: 'label', label: 'Author' } }] }));
    assert.ok(fine.ok, fine.ok ? '' : fine.error.message);
    assert.equal(fine.value.fields.author.value, 'Miller, Anna');
  });

  it('preprocessing a large card with every cleaning step ends as card/timeout at the card timeout', async () => {
    const big = join(dir, 'big.png');
    await sharp({ create: { width: 6000, height: 4000, channels: 3, background: { r: 240, g: 236, b: 220 } } }).png({ compressionLevel: 1 }).toFile(big);
    const slow = await engine.previewCard(PreviewParams.parse({
      image: big, cardTimeoutMs: 100,
      preprocess: { cropBorder: true, deskew: true, flattenBackground: true, suppressRules: true, threshold: true },
    }));
    assert.ok(!slow.ok, 'the catastrophic patterns should have run into the card timeout');
    assert.equal(slow.error.code, 'card/timeout');
    assert.match(slow.error.message, /^big\.png: preprocessing.* took longer than the card timeout of 100 ms/);
  });

  it('caps the pixel limit and applies it to the scaled image', async () => {
    assert.equal(BatchOptions.safeParse({ maxInputPixels: 900_000_000 }).success, false);
    assert.equal(PreviewParams.safeParse({ image: '/x.png', maxInputPixels: 900_000_000 }).success, false);
    const thin = await sharp({ create: { width: 8, height: 8000, channels: 3, background: '#fff' } }).png().toBuffer();
    const scaled = await preprocessImage('thin.png', thin, { preprocess: { targetWidth: 8000 }, maxInputPixels: 1_000_000 });
    assert.ok(!scaled.ok);
    assert.equal(scaled.error.code, 'card/too-large');
    assert.equal(scaled.error.message, 'thin.png scaled to a width of 8000 would have more than 100000000 pixels');
  });
});
