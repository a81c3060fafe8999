// The native tesseract backend's results contract, on generated cards with the system's real tesseract 5:
// words with boxes and confidence in lines, zones read from their rectangle, the per-card timeout, a killed
// native process costing only its card (read again on a new one), the choice of backend, and a whole batch
// through the engine. Skipped, saying why, where tesseract 5 is not installed (scripts/setup.sh installs it).
import * as assert from 'node:assert/strict';
import { readFileSync, readlinkSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { chooseBackends } from '../../src/engine/ocr-backends/choose-backends';
import { nativeTesseractVersion } from '../../src/engine/ocr-backends/native-tesseract';
import { bundledLanguageFile } from '../../src/engine/language-data';
import { EngineClient } from '../../src/engine/index';
import { OcrPool } from '../../src/engine/ocr-pool';
import { preprocessImage, type PreparedImage } from '../../src/engine/preprocess';
import type { OcrBackendChoice } from '../../src/engine/ocr-backends/backend';
import { CardResult } from '../../src/protocol';
import { BatchWatch } from '../support/batch-watch';
import { runCli } from '../support/run-cli';
import { baselineY, catalogueCards, indexCardZones, renderCard, tintedPaperPreprocess, writeIndexCard, type IndexCardSpec } from '../support/make-cards';
import { makeTmpDir } from '../support/tmp-dir';
import { batchPaths } from '../../src/batch-folder/index';

const card = catalogueCards[0];

function pool(choice: OcrBackendChoice, dataDir: string, size = 1): OcrPool {
  return new OcrPool({
    size, recycleAfterCards: 250, onLog: () => undefined,
    backends: chooseBackends(choice, { onLog: () => undefined, langPath: join(dataDir, 'tessdata'), cachePath: dataDir, tessdataDirs: [], linkDir: join(dataDir, 'tessdata-native') }),
  });
}

describe('native tesseract backend (system tesseract 5, real OCR)', function () {
  this.timeout(120_000);
  const store = new DisposableStore();
  let dataDir: string;
  let image: PreparedImage;
  let ocr: OcrPool;

  before(async function () {
    if (!nativeTesseractVersion()) {
      console.log('    (skipped: no tesseract 5.x on PATH; `bash scripts/setup.sh` installs tesseract-ocr)');
      this.skip();
    }
    dataDir = store.add(makeTmpDir('native')).dir;
    const prepared = await preprocessImage(card.name, await renderCard(card.spec), { preprocess: {}, maxInputPixels: 1e8 });
    assert.ok(prepared.ok);
    image = prepared.value;
    ocr = pool('native', dataDir);
    store.add(ocr);
  });
  after(() => store.dispose());

  it('is the backend auto picks for an installed language, and reads words with boxes and confidence in lines', async () => {
    assert.equal((await pool('auto', dataDir).backendFor('eng'))?.name, 'native');
    const read = await ocr.withWorker('eng', 60_000, async session => ({ backend: session.backend, page: await session.readPage(image) }));
    assert.ok(read.ok, read.ok ? '' : read.error.message);
    const { backend, page } = read.value;
    assert.equal(backend, 'native');
    assert.match(page.text, /Mootz/);
    assert.match(page.text, /Buchdruckerkunst/);
    assert.equal(page.text, page.lines.map(line => line.text).join('\n'));
    const words = page.lines.flatMap(line => line.words);
    assert.ok(words.length >= 12, `${words.length} words`);
    for (const word of words) {
      assert.ok(word.confidence >= 0 && word.confidence <= 100, `confidence ${word.confidence}`);
      assert.ok(word.box.x0 >= 0 && word.box.x1 <= image.width && word.box.y0 >= 0 && word.box.y1 <= image.height && word.box.x1 > word.box.x0, JSON.stringify(word.box));
    }
    const mootz = words.find(word => word.text.startsWith('Mootz'))!;
    // The author's line is the first: its baseline, in the generator's own terms, lies inside the word's box.
    assert.ok(mootz.box.y0 < baselineY(card.spec, 0) && mootz.box.y1 >= baselineY(card.spec, 0) - 4, JSON.stringify(mootz.box));
    assert.ok(page.confidence !== null && page.confidence > 60, `confidence ${page.confidence}`);
    // Raw pixels (what the engine hands this backend) read the same as the PNG of the same pixels.
    const raw = await preprocessImage(card.name, await renderCard(card.spec), { preprocess: {}, maxInputPixels: 1e8, output: 'raw' });
    assert.ok(raw.ok && raw.value.channels !== undefined);
    const fromRaw = await ocr.withWorker('eng', 60_000, session => session.readPage(raw.value));
    assert.ok(fromRaw.ok);
    assert.equal(fromRaw.value.text, page.text);
    assert.deepEqual(fromRaw.value.lines.map(line => line.box), page.lines.map(line => line.box));
  });

  it('reads a grey card stored as colour from one channel exactly as from its three (the engine hands it one)', async () => {
    const greyJpeg = await sharp(await renderCard(card.spec)).greyscale().toColourspace('srgb').jpeg().toBuffer();
    assert.equal((await sharp(greyJpeg).metadata()).channels, 3);
    const one = await preprocessImage(card.name, greyJpeg, { preprocess: {}, maxInputPixels: 1e8, output: 'raw' });
    assert.ok(one.ok);
    assert.equal(one.value.channels, 1);
    const { data, info } = await sharp(greyJpeg).raw().toBuffer({ resolveWithObject: true });
    const three = { ...one.value, image: data, channels: info.channels };
    const read = (prepared: PreparedImage) => ocr.withWorker('eng', 60_000, session => session.readPage(prepared));
    const [fromOne, fromThree] = [await read(one.value), await read(three)];
    assert.ok(fromOne.ok && fromThree.ok);
    assert.match(fromOne.value.text, /Mootz/);
    assert.deepEqual(fromOne.value, fromThree.value);
  });

  it('reads a zone from its rectangle only, boxes in card pixels, with its page segmentation and whitelist', async () => {
    const size = card.spec.fontSize ?? 30;
    const lineBox = (index: number) => ({ x0: 0, y0: baselineY(card.spec, index) - size * 1.1, x1: 700, y1: baselineY(card.spec, index) + size * 0.45 });
    const read = await ocr.withWorker('eng', 60_000, async session => {
      await session.readPage(image);
      return {
        title: await session.readRegion(lineBox(1), { pageSegmentation: 'single-line' }),
        pages: await session.readRegion(lineBox(3), { pageSegmentation: 'single-line', whitelist: '0123456789' }),
      };
    });
    assert.ok(read.ok, read.ok ? '' : read.error.message);
    assert.match(read.value.title.text, /Geschichte der Buchdruckerkunst/);
    assert.doesNotMatch(read.value.title.text, /Mootz|Mainz/);
    for (const word of read.value.title.lines.flatMap(line => line.words)) {
      assert.ok(word.box.y0 >= lineBox(1).y0 - 1 && word.box.y1 <= lineBox(1).y1 + 1, `${word.text} ${JSON.stringify(word.box)} outside the zone`);
    }
    assert.match(read.value.pages.text, /^[\d ]+$/, read.value.pages.text);
    assert.match(read.value.pages.text, /345/);
  });

  it('reads each zone from its own image while its process holds several (sent once) and drops the oldest', async () => {
    const raws = await Promise.all(catalogueCards.slice(0, 5).map(async sample => {
      const prepared = await preprocessImage(sample.name, await renderCard(sample.spec), { preprocess: {}, maxInputPixels: 1e8, output: 'raw' });
      assert.ok(prepared.ok);
      return prepared.value;
    }));
    const firstLine = (spec: typeof card.spec) => ({ x0: 0, y0: baselineY(spec, 0) - (spec.fontSize ?? 30) * 1.1, x1: 700, y1: baselineY(spec, 0) + (spec.fontSize ?? 30) * 0.45 });
    const zone = (i: number) => firstLine(catalogueCards[i].spec);
    // Each zone alone on a fresh process: what the zones read while others are held must equal.
    const alone: string[] = [];
    for (const [i, raw] of raws.entries()) {
      const fresh = pool('native', dataDir);
      const read = await fresh.withWorker('eng', 60_000, session => session.readRegionOf(raw, zone(i), { pageSegmentation: 'single-line' }));
      await fresh.close();
      assert.ok(read.ok);
      alone.push(read.value.text);
    }
    assert.equal(new Set(alone).size, raws.length, `the cards' first lines differ: ${alone.join(' | ')}`);
    const read = await ocr.withWorker('eng', 60_000, async session => {
      const texts: string[] = [];
      // Page then zone of each card, then back to the first ones: held (1 of 3), then dropped and sent again.
      for (const i of [0, 1, 2]) { await session.readPage(raws[i]); texts[i] = (await session.readRegionOf(raws[i], zone(i), { pageSegmentation: 'single-line' })).text; }
      const again = [(await session.readRegionOf(raws[1], zone(1), { pageSegmentation: 'single-line' })).text];
      for (const i of [3, 4]) { texts[i] = (await session.readRegionOf(raws[i], zone(i), { pageSegmentation: 'single-line' })).text; }
      again.push((await session.readRegionOf(raws[0], zone(0), { pageSegmentation: 'single-line' })).text);
      return { texts, again };
    });
    assert.ok(read.ok, read.ok ? '' : read.error.message);
    assert.deepEqual(read.value.texts, alone);
    assert.deepEqual(read.value.again, [alone[1], alone[0]]);
  });

  it('stops a card past its timeout (card/timeout) and reads the next card on a new process', async () => {
    const late = await ocr.withWorker('eng', 5, session => session.readPage(image));
    assert.equal(late.ok ? 'ok' : late.error.code, 'card/timeout');
    const next = await ocr.withWorker('eng', 60_000, session => session.readPage(image));
    assert.ok(next.ok && /Mootz/.test(next.value.text));
  });

  it('reads a card again on a new process when its native process is killed under it; twice costs that card only', async () => {
    let attempts = 0;
    const killed = await ocr.withWorker('eng', 60_000, async session => {
      attempts++;
      if (attempts === 1) { for (const pid of ocr.workerPids()) { process.kill(pid, 'SIGKILL'); } }
      return session.readPage(image);
    });
    assert.equal(attempts, 2);
    assert.ok(killed.ok && /Mootz/.test(killed.value.text), killed.ok ? killed.value.text : killed.error.message);
    const always = await ocr.withWorker('eng', 60_000, async session => {
      for (const pid of ocr.workerPids()) { process.kill(pid, 'SIGKILL'); }
      return session.readPage(image);
    });
    assert.equal(always.ok ? 'ok' : always.error.code, 'card/ocr-failed');
    const next = await ocr.withWorker('eng', 60_000, session => session.readPage(image));
    assert.ok(next.ok && /Mootz/.test(next.value.text));
  });

  it('fails a card in a language native tesseract lacks when forced, and falls back to tesseract.js in auto', async () => {
    const missing = 'zzz';
    const forced = await ocr.withWorker(missing, 60_000, session => session.readPage(image));
    assert.equal(forced.ok ? 'ok' : forced.error.code, 'card/ocr-failed');
    assert.match(forced.ok ? '' : forced.error.message, /native tesseract/);
    assert.equal((await pool('auto', dataDir).backendFor(missing))?.name, 'tesseract.js');
    assert.equal((await pool('tesseract.js', dataDir).backendFor('eng'))?.name, 'tesseract.js');
  });

  it('reads German natively from the bundled model (unpacked into the data folder) where no tessdata folder has deu', async () => {
    const linkDir = join(dataDir, 'bare-native');
    // No folders at all, system ones included: a system tesseract without its language packs.
    const backend = chooseBackends('native', { onLog: () => undefined, langPath: join(dataDir, 'tessdata'), cachePath: dataDir, tessdataDirs: [], systemDirs: [], linkDir })[0];
    assert.equal(await backend.supports('deu'), true);
    const unpacked = readlinkSync(join(linkDir, 'deu.traineddata'));
    assert.match(unpacked, /\/unpacked\/deu-\d+\.traineddata$/);
    assert.equal(statSync(unpacked).size, gunzipSync(readFileSync(bundledLanguageFile('deu')!)).length);
    const bare = new OcrPool({ size: 1, recycleAfterCards: 250, onLog: () => undefined, backends: [backend] });
    store.add(bare);
    const german = await preprocessImage('de.png', await renderCard({ lines: ['Müller, Jürgen', 'Über die Straßen der Schweiz', 'Zürich 1937'], seed: 4, format: 'png', noise: 0.03 }), { preprocess: {}, maxInputPixels: 1e8 });
    assert.ok(german.ok);
    const read = await bare.withWorker('deu', 60_000, async session => ({ backend: session.backend, page: await session.readPage(german.value) }));
    assert.ok(read.ok, read.ok ? '' : read.error.message);
    assert.equal(read.value.backend, 'native');
    for (const word of ['Müller,', 'Jürgen', 'Über', 'Straßen', 'Zürich']) { assert.match(read.value.page.text, new RegExp(word), read.value.page.text); }
  });

  it('reads a batch of zonal index cards through the engine with the same values as tesseract.js does', async () => {
    const specs: IndexCardSpec[] = [
      { company: 'Mootz Wilhelm', location: 'Basel', id: 'B.51.322.GB.123', paper: 'yellow', seed: 21 },
      { company: 'Beatus AG', location: 'Geneva', id: 'B.51.322.GB.7', paper: 'green', letterSpacedCompany: false, seed: 23 },
    ];
    const zones = indexCardZones(specs[0]);
    const fields = [
      { name: 'company', find: { by: 'region' as const, region: zones.company, ocr: { pageSegmentation: 'single-line' as const } }, normalise: ['collapse-letter-spacing' as const, 'trim-punctuation' as const] },
      { name: 'b_id', find: { by: 'region' as const, region: zones.id, ocr: { pageSegmentation: 'single-line' as const, whitelist: 'B.0123456789G' } }, normalise: ['trim-punctuation' as const] },
    ];
    const values: Record<string, string[][]> = {};
    for (const backend of ['native', 'tesseract.js'] as const) {
      const dir = store.add(makeTmpDir(`native-batch-${backend}`)).dir;
      for (const [i, spec] of specs.entries()) { await writeIndexCard(join(dir, `card-${i}.jpg`), spec); }
      const client = await EngineClient.start({ settings: { dataDir: store.add(makeTmpDir('native-engine')).dir, workers: 2, ocrBackend: backend } });
      try {
        const watch = store.add(new BatchWatch(client));
        // Tinted paper: asks for the contrast stretch (see tintedPaperPreprocess), on both backends alike.
        const started = await client.startBatch({ dir, fields, language: 'eng', options: { preprocess: tintedPaperPreprocess } });
        assert.ok(started.ok, started.ok ? '' : started.error.message);
        assert.equal((await watch.ended(started.value.id)).status, 'finished');
      } finally {
        await client.close();
      }
      values[backend] = [];
      for (const i of specs.keys()) {
        const result = CardResult.parse(JSON.parse(await readFile(join(batchPaths(dir).jsonDir, `card-${i}.jpg.json`), 'utf8')));
        // The header line only: company, location and id, each one word or more.
        assert.ok((result.words ?? []).length >= 3, `${backend}: ${JSON.stringify(result.words)}`);
        values[backend].push([result.fields.company.value, result.fields.b_id.value]);
      }
    }
    assert.deepEqual(values.native, specs.map(spec => [spec.company, spec.id]));
    assert.deepEqual(values.native, values['tesseract.js']);
  });

  it('takes --ocr-backend on the command line: native reads the card, an unknown backend is refused (exit 2)', async () => {
    const dir = store.add(makeTmpDir('native-cli')).dir;
    await writeFile(join(dir, card.name), await renderCard(card.spec));
    const run = await runCli(['run', dir, '--ocr-backend', 'native', '--data-dir', store.add(makeTmpDir('native-cli-data')).dir, '--verbose']);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    const result = CardResult.parse(JSON.parse(await readFile(join(batchPaths(dir).jsonDir, `${card.name}.json`), 'utf8')));
    assert.match(result.text, /Mootz/);
    const bogus = await runCli(['run', dir, '--ocr-backend', 'tesseract']);
    assert.equal(bogus.code, 2);
    assert.match(bogus.stderr, /auto, native, tesseract\.js/);
  });
});
