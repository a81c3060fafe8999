// Review and template preview over the API, with the real engine child on generated cards: the card image
// route (and names that try to leave the batch folder), the needs-review queue, a review saved to JSON and CSV
// (refused while the batch runs), and a field list previewed on one card without running the batch.
import * as assert from 'node:assert/strict';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import { BatchAnswer, CardResult, CardsPage, type FieldSpec } from '../../src/protocol/index';
import { startServer, type ServerHandle } from '../../src/server/index';
import { httpRequest } from '../support/api-client';
import { readCsv } from '../support/batch-watch';
import { testCards, testFields, writeTestCards } from '../support/engine-cards';
import { makeTmpDir } from '../support/tmp-dir';
import { watchBatch } from '../support/watch-batch';
import { batchPaths } from '../../src/batch-folder/index';

/** Only card-1's shelfmark (QA 76.5) passes, so card-2 and card-3 need review. */
const reviewFields: FieldSpec[] = testFields.map(field => field.name === 'shelfmark' ? { ...field, validate: { pattern: '^QA ' } } : field);

/** The second typed line ("Title: …") of a test card, in relative coordinates (see writeTestCards). */
const titleRegion = { left: 0.03, top: 0.175, width: 0.94, height: 0.075 };

describe('server review and preview (real engine, real OCR)', function () {
  this.timeout(180_000);
  const suite = new DisposableStore();
  let store: DisposableStore;
  let engine: EngineClient;
  let server: ServerHandle;
  let root: string;
  let batchId: string;
  let dir: string;

  async function startBatch(folder: string, fields: FieldSpec[]): Promise<BatchAnswer> {
    const answer = await httpRequest(server, 'POST', '/api/v1/batches', { body: { folder, fields } });
    assert.equal(answer.status, 201, answer.text);
    return BatchAnswer.parse(answer.body);
  }

  before(async () => {
    const tmp = suite.add(makeTmpDir('server-review')).dir;
    root = join(tmp, 'root');
    dir = join(root, 'review');
    await mkdir(dir, { recursive: true });
    await writeTestCards(dir);
    // A scan whose copy broke off: it fails and its image moves to _errors/.
    const good = await readFile(join(dir, 'card-1.jpg'));
    await writeFile(join(dir, 'torn.jpg'), good.subarray(0, Math.floor(good.length * 0.6)));
    engine = await EngineClient.start({ settings: { dataDir: join(tmp, 'data'), workers: 1 } });
    server = await startServer({ engine, dataDir: join(tmp, 'data'), roots: [root] });
    const { batch } = await startBatch(dir, reviewFields);
    batchId = batch.id;
    const watcher = suite.add(await watchBatch(server, batchId));
    await watcher.untilStatus('finished');
  });
  after(async () => {
    await server?.close();
    await engine?.close();
    suite.dispose();
  });
  beforeEach(() => { store = new DisposableStore(); });
  afterEach(() => store.dispose());

  it('keeps the OCR words and each field\'s source box in the card result, inside the card', async () => {
    const result = CardResult.parse((await httpRequest(server, 'GET', `/api/v1/batches/${batchId}/cards/card-2.jpg`)).body);
    const words = result.words ?? [];
    assert.deepEqual(words.map(w => w.text).slice(0, 3), ['Author:', 'Miller,', 'Anna']);
    for (const word of words) {
      assert.ok(word.box.x0 >= 0 && word.box.x1 <= result.width && word.box.y0 >= 0 && word.box.y1 <= result.height, JSON.stringify(word));
    }
    const author = result.fields.author.box;
    assert.ok(author, 'the label finder sets the box');
    // The value "Miller, Anna" lies right of the label on the first line, above the title's line.
    const anna = words.find(w => w.text === 'Anna')!;
    assert.equal(author.x1, anna.box.x1);
    assert.ok(author.y1 < result.fields.title.box!.y0, JSON.stringify([author, result.fields.title.box]));
  });

  it('serves card images typed by content, from the folder and from _errors/, and nothing else', async () => {
    const jpeg = await httpRequest(server, 'GET', `/api/v1/batches/${batchId}/cards/card-1.jpg/image`);
    assert.deepEqual([jpeg.status, jpeg.headers['content-type'], Number(jpeg.headers['content-length'])],
      [200, 'image/jpeg', (await stat(join(dir, 'card-1.jpg'))).size]);
    const png = await httpRequest(server, 'GET', `/api/v1/batches/${batchId}/cards/card-3.png/image`);
    assert.deepEqual([png.status, png.headers['content-type']], [200, 'image/png']);
    const torn = await httpRequest(server, 'GET', `/api/v1/batches/${batchId}/cards/torn.jpg/image`);
    assert.deepEqual([torn.status, torn.headers['content-type'], Number(torn.headers['content-length'])],
      [200, 'image/jpeg', (await stat(join(batchPaths(dir).errorsDir, 'torn.jpg'))).size]);

    // Browsers cannot show TIFF, common for archive scans: it comes as PNG of the same card, upright.
    await sharp(join(dir, 'card-1.jpg')).tiff().toFile(join(dir, 'scan.tif'));
    const tiff = await httpRequest(server, 'GET', `/api/v1/batches/${batchId}/cards/scan.tif/image`);
    assert.deepEqual([tiff.status, tiff.headers['content-type']], [200, 'image/png']);
    const [sent, original] = await Promise.all([sharp(tiff.bytes).metadata(), sharp(join(dir, 'card-1.jpg')).metadata()]);
    assert.deepEqual([sent.format, sent.width, sent.height], ['png', original.width, original.height]);
    // A TIFF that breaks off (its directory lost) is refused with the problem the engine would name, not sent.
    const whole = await readFile(join(dir, 'scan.tif'));
    await writeFile(join(dir, 'broken.tif'), whole.subarray(0, 600));
    const broken = await httpRequest(server, 'GET', `/api/v1/batches/${batchId}/cards/broken.tif/image`);
    assert.deepEqual([broken.status, broken.body.error?.code], [415, 'card/not-an-image'], broken.text);

    const refused: Array<[string, number, string]> = [
      ['..%2Fconfig.json', 400, 'request/invalid'],
      ['..%2F..%2Freview%2Fcard-1.jpg', 400, 'request/invalid'],
      ['%2E%2E', 400, 'request/invalid'],
      ['..%5Cconfig.json', 400, 'request/invalid'],
      ['config.json', 404, 'request/not-found'],
      ['errors.jsonl', 404, 'request/not-found'],
      ['json', 404, 'request/not-found'],
      ['nothing.jpg', 404, 'request/not-found'],
    ];
    for (const [name, status, code] of refused) {
      const answer = await httpRequest(server, 'GET', `/api/v1/batches/${batchId}/cards/${name}/image`);
      assert.deepEqual([name, answer.status, answer.body?.error?.code], [name, status, code], answer.text);
    }
    const unknown = await httpRequest(server, 'GET', '/api/v1/batches/no-such-batch/cards/card-1.jpg/image');
    assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'batch/not-found']);
    const noToken = await httpRequest(server, 'GET', `/api/v1/batches/${batchId}/cards/card-1.jpg/image`, { token: null });
    assert.equal(noToken.status, 401);
  });

  it('filters the card list on needsReview', async () => {
    const queue = CardsPage.parse((await httpRequest(server, 'GET', `/api/v1/batches/${batchId}/cards?needsReview=true`)).body);
    assert.deepEqual([queue.total, queue.cards.map(c => c.card).sort()], [2, ['card-2.jpg', 'card-3.png']]);
    assert.deepEqual(queue.cards.map(c => c.fields.shelfmark.flags), [['invalid'], ['invalid']]);
    const paged = CardsPage.parse((await httpRequest(server, 'GET', `/api/v1/batches/${batchId}/cards?needsReview=true&offset=1&limit=1`)).body);
    assert.deepEqual([paged.total, paged.cards.length, paged.cards[0].card], [2, 1, queue.cards[1].card]);
    const fine = CardsPage.parse((await httpRequest(server, 'GET', `/api/v1/batches/${batchId}/cards?needsReview=false`)).body);
    assert.deepEqual([fine.total, fine.cards.map(c => c.card)], [1, ['card-1.jpg']]);
    const bad = await httpRequest(server, 'GET', `/api/v1/batches/${batchId}/cards?needsReview=yes`);
    assert.deepEqual([bad.status, bad.body.error.code, bad.body.error.details.issues[0].field], [400, 'request/invalid', 'needsReview']);
  });

  it('saves a review into the card JSON beside the OCR value and regenerates the CSV', async () => {
    const before = CardResult.parse(JSON.parse(await readFile(join(dir, 'json', 'card-2.jpg.json'), 'utf8')));
    assert.equal(before.fields.shelfmark.value, 'GB 1201');
    const answer = await httpRequest(server, 'POST', `/api/v1/batches/${batchId}/cards/card-2.jpg/review`,
      { body: { fields: { shelfmark: 'QA 1201', author: 'Miller, Anna', title: 'Rivers of Europe' }, accept: ['author'], reviewer: 'ada' } });
    assert.equal(answer.status, 200, answer.text);
    const result = CardResult.parse(answer.body);

    const onDisk = CardResult.parse(JSON.parse(await readFile(join(dir, 'json', 'card-2.jpg.json'), 'utf8')));
    assert.deepEqual(onDisk, result);
    assert.deepEqual([onDisk.fields.shelfmark.value, onDisk.fields.shelfmark.flags, onDisk.fields.shelfmark.review?.originalValue],
      ['QA 1201', [], 'GB 1201']);
    assert.deepEqual([onDisk.fields.author.value, onDisk.fields.author.review?.originalValue], ['Miller, Anna', 'Miller, Anna']);
    assert.deepEqual([onDisk.fields.shelfmark.review?.by, onDisk.fields.shelfmark.review?.action, onDisk.fields.author.review?.action], ['ada', 'corrected', 'accepted']);
    // Issue 12: a field sent unchanged without `accept` is not marked reviewed either.
    assert.equal(onDisk.fields.title.review, undefined, 'a field sent unchanged, or not sent, is not marked reviewed');
    assert.equal(onDisk.needsReview, false);
    assert.deepEqual(onDisk.words, before.words, 'the OCR words stay for the next review');

    const rows = await readCsv(batchPaths(dir).csvFile);
    assert.deepEqual(rows.slice(1).map(r => r.slice(0, 4)).sort(), testCards.map(c =>
      [c.name, c.author, c.title, c.name === 'card-2.jpg' ? 'QA 1201' : c.shelf]));
    const queue = CardsPage.parse((await httpRequest(server, 'GET', `/api/v1/batches/${batchId}/cards?needsReview=true`)).body);
    assert.deepEqual(queue.cards.map(c => c.card), ['card-3.png']);

    const unknownField = await httpRequest(server, 'POST', `/api/v1/batches/${batchId}/cards/card-3.png/review`, { body: { fields: { year: '1900' } } });
    assert.deepEqual([unknownField.status, unknownField.body.error.code], [400, 'request/invalid']);
    const badBody = await httpRequest(server, 'POST', `/api/v1/batches/${batchId}/cards/card-3.png/review`, { body: { fields: { shelfmark: 7 } } });
    assert.deepEqual([badBody.status, badBody.body.error.code], [400, 'request/invalid']);
    const noResult = await httpRequest(server, 'POST', `/api/v1/batches/${batchId}/cards/torn.jpg/review`, { body: { fields: { shelfmark: 'x' } } });
    assert.equal(noResult.status, 404);
    const traversal = await httpRequest(server, 'POST', `/api/v1/batches/${batchId}/cards/..%2Fconfig.json/review`, { body: { fields: {} } });
    assert.deepEqual([traversal.status, traversal.body.error.code], [400, 'request/invalid']);
  });

  it('refuses a review with 409 while the batch is running', async () => {
    const busyDir = join(root, 'busy');
    await mkdir(busyDir);
    await writeTestCards(busyDir);
    // Enough cards on one worker that the batch is still running when the first result is in.
    for (let n = 4; n <= 9; n += 1) { await copyFile(join(busyDir, 'card-1.jpg'), join(busyDir, `card-${n}.jpg`)); }
    const { batch } = await startBatch(busyDir, reviewFields);
    const watcher = store.add(await watchBatch(server, batch.id));
    const first = await watcher.until(f => f.type === 'card');
    const card = first.type === 'card' ? first.result.card : '';
    const refused = await httpRequest(server, 'POST', `/api/v1/batches/${batch.id}/cards/${card}/review`, { body: { fields: { shelfmark: 'QA 1' } } });
    assert.deepEqual([refused.status, refused.body.error.code], [409, 'batch/busy']);
    await watcher.untilStatus('finished');
    const accepted = await httpRequest(server, 'POST', `/api/v1/batches/${batch.id}/cards/${card}/review`, { body: { fields: { shelfmark: 'QA 1' } } });
    assert.equal(accepted.status, 200, accepted.text);
  });

  it('answers 409 naming the holder when another process writes the batch folder (its lock), for review, resume and retry', async () => {
    // The lock of a live process (this one, as another card-ocr would leave it): the server must not write.
    const lock = join(dir, '.card-ocr.lock');
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2026-12-01T10:00:00.000Z', purpose: 'resume', owner: 'card-ocr resume' }));
    const before = await readFile(join(dir, 'json', 'card-3.png.json'), 'utf8');
    try {
      const review = await httpRequest(server, 'POST', `/api/v1/batches/${batchId}/cards/card-3.png/review`, { body: { fields: { shelfmark: 'QA 3' } } });
      assert.deepEqual([review.status, review.body.error.code], [409, 'batch/busy'], review.text);
      assert.match(review.body.error.message, /^Batch in .+ is in use by card-ocr resume \(resume, pid \d+ on host .+, since 2026-12-01T10:00:00\.000Z\)/);
      for (const action of ['resume', 'retry']) {
        const answer = await httpRequest(server, 'POST', `/api/v1/batches/${batchId}/${action}`);
        assert.deepEqual([answer.status, answer.body.error.code], [409, 'batch/busy'], `${action}: ${answer.text}`);
      }
      assert.equal(await readFile(join(dir, 'json', 'card-3.png.json'), 'utf8'), before);
    } finally {
      await rm(lock, { force: true });
    }
  });

  it('previews a field list on one card at once, writing nothing', async () => {
    const jsonBefore = await readdir(join(dir, 'json'));
    const checkpointBefore = await readFile(batchPaths(dir).checkpoint, 'utf8');
    const csvBefore = await readFile(batchPaths(dir).csvFile, 'utf8');
    const fields: FieldSpec[] = [
      { name: 'title_line', find: { by: 'region', region: titleRegion } },
      { name: 'author', find: { by: 'label', label: 'Author' } },
    ];
    const answer = await httpRequest(server, 'POST', '/api/v1/preview', { body: { batchId, card: 'card-3.png', fields } });
    assert.equal(answer.status, 200, answer.text);
    const result = CardResult.parse(answer.body);
    assert.deepEqual([result.card, result.fields.title_line.value, result.fields.author.value], ['card-3.png', 'Title: The Printing Press', 'Brown, Paul']);
    assert.deepEqual(Object.keys(result.fields), ['title_line', 'author']);
    // A region's box is the region itself, in card pixels.
    assert.deepEqual(result.fields.title_line.box, { x0: 27, y0: 96, x1: 873, y1: 138 });
    assert.ok((result.words ?? []).length >= 6);

    // A failed card can be previewed from _errors/ too; its problem comes back as for a batch.
    const torn = await httpRequest(server, 'POST', '/api/v1/preview', { body: { batchId, card: 'torn.jpg', fields } });
    assert.deepEqual([torn.status, torn.body.error.code], [422, 'card/truncated']);
    const missing = await httpRequest(server, 'POST', '/api/v1/preview', { body: { batchId, card: 'nothing.jpg', fields } });
    assert.deepEqual([missing.status, missing.body.error.code], [404, 'request/not-found']);
    const traversal = await httpRequest(server, 'POST', '/api/v1/preview', { body: { batchId, card: '../review/card-1.jpg', fields } });
    assert.deepEqual([traversal.status, traversal.body.error.code], [400, 'request/invalid']);
    const noBatch = await httpRequest(server, 'POST', '/api/v1/preview', { body: { batchId: 'no-such-batch', card: 'card-1.jpg', fields } });
    assert.deepEqual([noBatch.status, noBatch.body.error.code], [404, 'batch/not-found']);
    const badField = await httpRequest(server, 'POST', '/api/v1/preview', { body: { batchId, card: 'card-1.jpg', fields: [{ name: 'x', find: { by: 'region', region: { left: 0.9, top: 0, width: 0.5, height: 0.1 } } }] } });
    assert.deepEqual([badField.status, badField.body.error.code], [400, 'request/invalid']);

    assert.deepEqual(await readdir(join(dir, 'json')), jsonBefore);
    assert.equal(await readFile(batchPaths(dir).checkpoint, 'utf8'), checkpointBefore);
    assert.equal(await readFile(batchPaths(dir).csvFile, 'utf8'), csvBefore);
    assert.deepEqual((await readdir(batchPaths(dir).errorsDir)).sort(), ['errors.jsonl', 'torn.jpg']);
  });
});
