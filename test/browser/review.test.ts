// Review mode and template authoring in Debian's Chromium against the real server and the real engine: go
// through the needs-review queue with the keyboard, correct a value and accept a card (the JSON and CSV on disk
// follow), then draw a region on a sample card with the mouse and see the fields' preview value at once.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import { BatchAnswer, CardResult, type FieldSpec } from '../../src/protocol/index';
import { startServer, type ServerHandle } from '../../src/server/index';
import { httpRequest } from '../support/api-client';
import { readCsv } from '../support/batch-watch';
import { testCards, testFields, writeTestCards } from '../support/engine-cards';
import { makeTmpDir } from '../support/tmp-dir';
import { watchBatch } from '../support/watch-batch';
import { batchPaths } from '../../src/batch-folder/index';

const root = resolve(__dirname, '../..');
const distDir = join(root, 'dist');

/** Only card-1's shelfmark (QA 76.5) passes, so card-2 and card-3 make the review queue. */
const reviewFields: FieldSpec[] = testFields.map(field => field.name === 'shelfmark' ? { ...field, validate: { pattern: '^QA ' } } : field);

describe('review mode and template preview in Chromium against the real server', function () {
  this.timeout(120_000);
  const suite = new DisposableStore();
  let dir: string;
  let engine: EngineClient;
  let server: ServerHandle;
  let browser: Browser;
  let page: Page;
  let batchId: string;
  const pageErrors: string[] = [];

  before(async () => {
    // The page under test is the real bundle, built from the current sources.
    execFileSync(process.execPath, [join(root, 'esbuild.mjs'), 'webview'], { cwd: root });
    const tmp = suite.add(makeTmpDir('review-page')).dir;
    dir = join(tmp, 'cards', 'review');
    await mkdir(dir, { recursive: true });
    await writeTestCards(dir);
    engine = await EngineClient.start({ settings: { dataDir: join(tmp, 'data'), workers: 1 } });
    server = await startServer({ engine, dataDir: join(tmp, 'data'), roots: [join(tmp, 'cards')], staticDir: distDir });
    const answer = await httpRequest(server, 'POST', '/api/v1/batches', { body: { folder: dir, fields: reviewFields, name: 'Review batch' } });
    assert.equal(answer.status, 201, answer.text);
    batchId = BatchAnswer.parse(answer.body).batch.id;
    const watcher = suite.add(await watchBatch(server, batchId));
    await watcher.untilStatus('finished');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', error => pageErrors.push(error.message));
  });

  // An uncaught error in the page fails the test it happened in.
  afterEach(() => { assert.deepEqual(pageErrors.splice(0), []); });

  after(async () => {
    await browser?.close();
    await server?.close();
    await engine?.close();
    suite.dispose();
  });

  const position = () => page.locator('[data-testid=review-position]');
  const cardName = async (): Promise<string> => (await page.locator('[data-testid=review-card]').textContent()) ?? '';
  const shelfOf = (card: string): string => testCards.find(c => c.name === card)!.shelf;
  async function readResult(card: string): Promise<CardResult> {
    return CardResult.parse(JSON.parse(await readFile(join(dir, 'json', `${card}.json`), 'utf8')));
  }
  /** The card image has been decoded and the overlay spans it in card pixels. */
  async function imageShown(scope: string, card: string): Promise<void> {
    await page.locator(`${scope} figure.card-image[data-shown="${card}"]`).waitFor();
    const size = await page.locator(`${scope} [data-testid=card-image]`).evaluate((image: { naturalWidth: number; naturalHeight: number }) => [image.naturalWidth, image.naturalHeight]);
    assert.deepEqual(size, [900, 550]);
    assert.equal(await page.locator(`${scope} [data-testid=card-overlay]`).getAttribute('viewBox'), '0 0 900 550');
  }

  it('walks the needs-review queue with the keyboard, saves a correction and an acceptance, and the JSON and CSV follow', async () => {
    await page.goto(`${server.url}#token=${server.token}&batch=${batchId}`);
    await page.locator('[data-testid=batch-status]').filter({ hasText: /^finished$/ }).waitFor();
    await page.locator('[data-testid=review-button]:not([disabled])').click();

    await position().filter({ hasText: '1 / 2' }).waitFor();
    const first = await cardName();
    assert.ok(['card-2.jpg', 'card-3.png'].includes(first), first);
    const second = first === 'card-2.jpg' ? 'card-3.png' : 'card-2.jpg';
    await imageShown('[data-testid=review]', first);
    // The OCR words are drawn over the image, and the flagged field's source box is the highlighted one.
    assert.equal(await page.locator('[data-testid=review] rect.word').count(), (await readResult(first)).words!.length);
    assert.deepEqual(await page.locator('[data-testid=review] rect.field-box.selected').evaluateAll(rects => rects.map(r => r.getAttribute('data-field'))), ['shelfmark']);
    const shelfRow = page.locator('[data-testid=review-fields] [data-field=shelfmark]');
    assert.equal(await shelfRow.locator('[data-testid=review-flags]').textContent(), 'invalid');
    assert.equal(await shelfRow.locator('[data-testid=review-value] >> input').inputValue(), shelfOf(first));
    assert.equal(await page.locator('[data-testid=review-state]').textContent(), 'needs review');

    // n / p and Alt+Down / Alt+Up move through the queue; it does not wrap.
    await page.keyboard.press('n');
    await position().filter({ hasText: '2 / 2' }).waitFor();
    assert.equal(await cardName(), second);
    await imageShown('[data-testid=review]', second);
    // A reload (or VS Code restoring the panel) comes back to review, on the same card.
    await page.reload();
    await position().filter({ hasText: '2 / 2' }).waitFor();
    assert.equal(await cardName(), second);
    await page.keyboard.press('n');
    await page.locator('[data-testid=review-message]').filter({ hasText: 'This is the last card of the queue' }).waitFor();
    await page.keyboard.press('p');
    await position().filter({ hasText: '1 / 2' }).waitFor();
    await page.keyboard.press('Alt+ArrowDown');
    await position().filter({ hasText: '2 / 2' }).waitFor();
    await page.keyboard.press('Alt+ArrowUp');
    await position().filter({ hasText: '1 / 2' }).waitFor();
    assert.equal(await cardName(), first);

    // Typing "n" in a value types it; Enter in the value saves the card and goes on to the next.
    const input = shelfRow.locator('[data-testid=review-value] >> input');
    await input.fill('QA 99');
    await input.press('n');
    assert.equal(await input.inputValue(), 'QA 99n');
    await input.press('Backspace');
    await input.press('Enter');
    await position().filter({ hasText: '2 / 2' }).waitFor();
    await page.locator('[data-testid=review-message]').filter({ hasText: `Saved ${first}; 1 left to review` }).waitFor();

    const corrected = await readResult(first);
    assert.deepEqual([corrected.fields.shelfmark.value, corrected.fields.shelfmark.flags, corrected.fields.shelfmark.review?.originalValue, corrected.needsReview],
      ['QA 99', [], shelfOf(first), false]);
    let rows = await readCsv(batchPaths(dir).csvFile);
    const firstCard = testCards.find(c => c.name === first)!;
    assert.deepEqual(rows.find(r => r[0] === first)?.slice(1, 4), [firstCard.author, firstCard.title, 'QA 99']);

    // Back to the saved card: it shows as reviewed, with what OCR had read.
    await page.keyboard.press('p');
    await position().filter({ hasText: '1 / 2' }).waitFor();
    assert.equal(await page.locator('[data-testid=review-state]').textContent(), 'reviewed');
    assert.equal(await shelfRow.locator('[data-testid=review-reviewed]').textContent(), `reviewed · OCR read: ${shelfOf(first)}`);

    // Ctrl+Enter accepts the second card as read.
    await page.keyboard.press('n');
    await position().filter({ hasText: '2 / 2' }).waitFor();
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid=review-message]').filter({ hasText: `Saved ${second}; every card of the queue is reviewed` }).waitFor();
    const accepted = await readResult(second);
    assert.deepEqual([accepted.fields.shelfmark.value, accepted.fields.shelfmark.review?.originalValue, accepted.needsReview], [shelfOf(second), shelfOf(second), false]);
    rows = await readCsv(batchPaths(dir).csvFile);
    assert.deepEqual(rows.slice(1).map(r => [r[0], r[3]]).sort(), testCards.map(c => [c.name, c.name === first ? 'QA 99' : c.shelf]));

    // Escape leaves review; the batch's table shows the corrected value.
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=review]').waitFor({ state: 'detached' });
    const row = page.locator(`[data-testid=card-rows] tr[data-card="${first}"]`);
    await row.waitFor();
    assert.equal(await row.locator('td').nth(2).textContent(), 'QA 99');
    // Left review stays left after a reload.
    await page.reload();
    await page.locator(`[data-testid=card-rows] tr[data-card="${first}"]`).waitFor();
    assert.equal(await page.locator('[data-testid=review]').count(), 0);
  });

  it('draws a region on a sample card with the mouse and shows the fields\' value on it at once', async () => {
    const jsonBefore = await readdir(join(dir, 'json'));
    const editorRow = page.locator('.field-row').first();
    await editorRow.locator('[data-testid=field-name] >> input').fill('title_line');
    await editorRow.locator('[data-testid=draw-region]').click();
    const preview = page.locator('.template-preview');
    await preview.locator('[data-testid=preview-hint]').filter({ hasText: 'Drag a rectangle' }).waitFor();
    const sample = (await preview.locator('[data-testid=sample-card]').textContent()) ?? '';
    const expected = testCards.find(c => c.name === sample);
    assert.ok(expected, `sample card ${sample}`);
    await imageShown('.template-preview', sample);

    // The second typed line ("Title: …") of the 900×550 card lies between y = 96 and 138 pixels.
    const overlay = preview.locator('[data-testid=card-overlay]');
    await overlay.scrollIntoViewIfNeeded();
    const bounds = (await overlay.boundingBox())!;
    const at = (x: number, y: number) => ({ x: bounds.x + (x / 900) * bounds.width, y: bounds.y + (y / 550) * bounds.height });
    const start = at(27, 96);
    const end = at(873, 138);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
    await page.mouse.move(end.x, end.y, { steps: 4 });
    await page.mouse.up();

    // The row became a region field in relative coordinates, and the preview read that line of the card.
    assert.equal(await editorRow.locator('[data-testid=field-kind]').inputValue(), 'region');
    const rect = (await editorRow.locator('[data-testid=field-find] >> input').inputValue()).split(',').map(Number);
    const wanted = [27 / 900, 96 / 550, 846 / 900, 42 / 550];
    rect.forEach((value, i) => assert.ok(Math.abs(value - wanted[i]) < 0.01, `${rect.join(',')} vs ${wanted.join(',')}`));
    const value = preview.locator('[data-testid=preview-value][data-field=title_line]');
    await value.waitFor();
    assert.equal(await value.textContent(), `Title: ${expected.title}`);
    assert.equal(await preview.locator('rect.field-box[data-field=title_line]').count(), 1);
    assert.ok(await preview.locator('rect.word').count() >= 6);
    // A preview writes nothing.
    assert.deepEqual(await readdir(join(dir, 'json')), jsonBefore);
  });
});
