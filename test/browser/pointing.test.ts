// Label by pointing in Debian's Chromium against the real server and engine: in review, a field's value is given
// by dragging across its words on the card, by Shift+click, and by the keyboard's word cursor alone; saved, the
// card JSON holds the values and the words pointed at. Then "Learn from checked cards" fills the other cards.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import { BatchAnswer, CardResult, type FieldSpec } from '../../src/protocol/index';
import { startServer, type ServerHandle } from '../../src/server/index';
import { httpRequest } from '../support/api-client';
import { testCards, writeTestCards } from '../support/engine-cards';
import { makeTmpDir } from '../support/tmp-dir';
import { watchBatch } from '../support/watch-batch';

const root = resolve(__dirname, '../..');
const distDir = join(root, 'dist');

describe('label by pointing in Chromium against the real server', function () {
  this.timeout(150_000);
  const suite = new DisposableStore();
  let dir: string;
  let engine: EngineClient;
  let server: ServerHandle;
  let browser: Browser;
  let page: Page;
  let batchId: string;
  const pageErrors: string[] = [];

  before(async () => {
    execFileSync(process.execPath, [join(root, 'esbuild.mjs'), 'webview'], { cwd: root });
    const tmp = suite.add(makeTmpDir('pointing-page')).dir;
    dir = join(tmp, 'cards', 'pointing');
    await mkdir(dir, { recursive: true });
    await mkdir(join(tmp, 'templates'));
    await writeTestCards(dir);
    // Learned fields before any model exists: empty and required, so every card is in the review queue.
    const model = join(tmp, 'templates', 'pointing.model.json');
    const fields: FieldSpec[] = [
      { name: 'author', find: { by: 'learned', model }, validate: { required: true } },
      { name: 'title', find: { by: 'learned', model }, validate: { required: true } },
    ];
    engine = await EngineClient.start({ settings: { dataDir: join(tmp, 'data'), workers: 1 } });
    server = await startServer({ engine, dataDir: join(tmp, 'data'), roots: [join(tmp, 'cards')], staticDir: distDir });
    const answer = await httpRequest(server, 'POST', '/api/v1/batches', { body: { folder: dir, fields, name: 'Pointing batch' } });
    assert.equal(answer.status, 201, answer.text);
    batchId = BatchAnswer.parse(answer.body).batch.id;
    const watcher = suite.add(await watchBatch(server, batchId));
    await watcher.untilStatus('finished');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', error => pageErrors.push(error.message));
  });

  afterEach(() => { assert.deepEqual(pageErrors.splice(0), []); });

  after(async () => {
    await browser?.close();
    await server?.close();
    await engine?.close();
    suite.dispose();
  });

  async function readResult(card: string): Promise<CardResult> {
    return CardResult.parse(JSON.parse(await readFile(join(dir, 'json', `${card}.json`), 'utf8')));
  }
  const cardName = async (): Promise<string> => (await page.locator('[data-testid=review-card]').textContent()) ?? '';
  const valueOf = (field: string) => page.locator(`[data-testid=review-fields] [data-field=${field}] [data-testid=review-value] >> input`);
  const truthOf = (card: string) => testCards.find(c => c.name === card)!;
  /** The words of the line that starts with `label:`, after the label. */
  function wordsAfter(result: CardResult, label: string): number[] {
    const words = result.words!;
    const start = words.findIndex(word => word.text === `${label}:`);
    assert.ok(start >= 0, words.map(w => w.text).join(' '));
    return words.flatMap((word, i) => (i > start && word.box.y0 < words[start].box.y1 ? [i] : []));
  }
  /** Card pixels → page pixels, through the overlay's displayed box. */
  async function toPage(x: number, y: number): Promise<{ x: number; y: number }> {
    const box = (await page.locator('[data-testid=review] [data-testid=card-overlay]').boundingBox())!;
    return { x: box.x + (x / 900) * box.width, y: box.y + (y / 550) * box.height };
  }
  async function showCard(card: string): Promise<CardResult> {
    await page.locator(`[data-testid=review] figure.card-image[data-shown="${card}"]`).waitFor();
    return readResult(card);
  }

  it('assigns words by dragging across them and by the keyboard alone, and saves the values with the words', async () => {
    await page.goto(`${server.url}#token=${server.token}&batch=${batchId}`);
    await page.locator('[data-testid=batch-status]').filter({ hasText: /^finished$/ }).waitFor();
    await page.locator('[data-testid=review-button]:not([disabled])').click();
    await page.locator('[data-testid=review-position]').filter({ hasText: '1 / 3' }).waitFor();
    const first = await cardName();
    const result = await showCard(first);
    const author = wordsAfter(result, 'Author');
    const title = wordsAfter(result, 'Title');

    // Drag a rectangle across the author's words (the label "Author:" left out); the first field is the one looked at.
    const boxes = author.map(i => result.words![i].box);
    const from = await toPage(Math.min(...boxes.map(b => b.x0)) - 3, Math.min(...boxes.map(b => b.y0)) - 3);
    const to = await toPage(Math.max(...boxes.map(b => b.x1)) + 3, Math.max(...boxes.map(b => b.y1)) + 3);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2);
    await page.mouse.move(to.x, to.y);
    await page.mouse.up();
    assert.deepEqual(await page.locator('[data-testid=word-selection] rect').evaluateAll(rects => rects.map(r => Number(r.getAttribute('data-word')))), author);
    await page.locator('[data-testid=review-selection]').filter({ hasText: `${author.length} word(s) selected for author` }).waitFor();
    await page.locator('[data-testid=review-assign]').click();
    assert.equal(await valueOf('author').inputValue(), truthOf(first).author);
    // The next field is now the one looked at.
    assert.equal(await page.locator('[data-testid=review-fields] .review-field.selected').getAttribute('data-field'), 'title');

    // Keyboard only: w puts the keyboard on the card, Down reaches the title's line, Home its label, Right the first
    // word of the title, Shift+End extends to the line's end, Enter assigns.
    await page.keyboard.press('w');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+End');
    assert.deepEqual(await page.locator('[data-testid=word-selection] rect').evaluateAll(rects => rects.map(r => Number(r.getAttribute('data-word')))), title);
    await page.keyboard.press('Enter');
    assert.equal(await valueOf('title').inputValue(), truthOf(first).title);

    await page.locator('[data-testid=review-save]').click();
    await page.locator('[data-testid=review-position]').filter({ hasText: '2 / 3' }).waitFor();
    const saved = await readResult(first);
    assert.deepEqual([saved.fields.author.value, saved.fields.author.review?.words, saved.fields.author.review?.action], [truthOf(first).author, author, 'corrected']);
    assert.deepEqual([saved.fields.title.value, saved.fields.title.review?.words], [truthOf(first).title, title]);
    assert.equal(saved.needsReview, false);
  });

  it('extends a click with Shift+click, assigns with a field\'s number, and a value typed over drops its words', async () => {
    const second = await cardName();
    const result = await showCard(second);
    const author = wordsAfter(result, 'Author');
    const centre = async (i: number) => {
      const b = result.words![i].box;
      return toPage((b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2);
    };
    const start = await centre(author[0]);
    const end = await centre(author.at(-1)!);
    await page.mouse.click(start.x, start.y);
    await page.keyboard.down('Shift');
    await page.mouse.click(end.x, end.y);
    await page.keyboard.up('Shift');
    await page.locator('[data-testid=review-selection]').filter({ hasText: `${author.length} word(s) selected` }).waitFor();
    await page.keyboard.press('1');   // the card has the keyboard after a click: 1 is the first field, author
    assert.equal(await valueOf('author').inputValue(), truthOf(second).author);
    // Double-click the title's line, assign it, then type over it: the typed value is saved without words.
    const title = wordsAfter(result, 'Title');
    const titleWord = await centre(title[0]);
    await page.mouse.dblclick(titleWord.x, titleWord.y);
    assert.equal(await page.locator('[data-testid=word-selection] rect').count(), title.length + 1);   // with its label
    await page.keyboard.press('2');
    await valueOf('title').fill('Rivers of Europa');
    await page.locator('[data-testid=review-save]').click();
    await page.locator('[data-testid=review-position]').filter({ hasText: '3 / 3' }).waitFor();
    const saved = await readResult(second);
    assert.deepEqual([saved.fields.author.value, saved.fields.author.review?.words], [truthOf(second).author, author]);
    assert.deepEqual([saved.fields.title.value, saved.fields.title.review?.words], ['Rivers of Europa', undefined]);
  });

  it('learns from the checked cards from the dashboard and shows completeness before and after', async () => {
    await page.locator('[data-testid=review-leave]').click();
    const learn = page.locator('[data-testid=learn-button]:not([disabled])');
    await learn.click();
    await page.locator('[data-testid=learn-view][data-state=done]').waitFor();
    const row = (field: string, cell: string) => page.locator(`[data-testid=learn-table] tr[data-field=${field}] [data-testid=${cell}]`);
    assert.deepEqual([await row('author', 'learn-found').textContent(), await row('author', 'learn-before').textContent(), await row('author', 'learn-after').textContent()],
      ['2 / 2', '67% (2)', '100% (3)']);
    // The card nobody checked gets its author from the model trained on the two that were.
    const results = await Promise.all(testCards.map(c => readResult(c.name)));
    const unchecked = results.filter(r => !r.fields.author.review);
    assert.deepEqual(unchecked.map(r => r.fields.author.value), unchecked.map(r => truthOf(r.card).author));
    assert.equal(unchecked.length, 1);
  });
});
