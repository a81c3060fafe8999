// The archivist's workbench in Debian's Chromium against the real server and engine: a batch watched while it
// runs and after (the quality report, the review count, marked rows, filter and order), review opened from the
// report, the page in German, and a light and a high-contrast theme whose text meets WCAG AA (4.5:1).
// Screenshots go to test-results/screenshots/ for people to look at.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import { BatchAnswer, type BatchMessage, type FieldSpec } from '../../src/protocol/index';
import { startServer, type ServerHandle } from '../../src/server/index';
import { httpRequest } from '../support/api-client';
import { testCards, testFields, writeTestCards } from '../support/engine-cards';
import { makeTmpDir } from '../support/tmp-dir';
import { watchBatch } from '../support/watch-batch';

const root = resolve(__dirname, '../..');
const shots = join(root, 'test-results', 'screenshots');

/** Only card-1's shelfmark (QA 76.5) passes, so every copy of card-2 and card-3 needs review. */
const reviewFields: FieldSpec[] = testFields.map(field => field.name === 'shelfmark' ? { ...field, validate: { pattern: '^QA ' } } : field);
/** Six cards (two of each test card) and an empty file that must fail. */
const cards = [1, 2].flatMap(round => testCards.map(c => ({ ...c, name: `r${round}-${c.name}` })));

function nextMessage(engine: EngineClient, match: (m: BatchMessage) => boolean): Promise<BatchMessage> {
  return new Promise(done => {
    const listener = engine.onDidReceiveMessage(message => { if (match(message)) { listener.dispose(); done(message); } });
  });
}

/** Every visible text of the page below `minimum` against its background (test/support/low-contrast.browser.js). */
async function lowContrastTexts(page: Page, minimum: number): Promise<string[]> {
  const script = readFileSync(join(root, 'test', 'support', 'low-contrast.browser.js'), 'utf8').replace(/^\/\/.*\n/gm, '');
  return page.evaluate(`(${script.trim()})(${minimum})`) as Promise<string[]>;
}

describe('archivist workbench in Chromium: run, report, review, German, themes', function () {
  this.timeout(180_000);
  const suite = new DisposableStore();
  let dir: string;
  let engine: EngineClient;
  let server: ServerHandle;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let batchId: string;
  const pageErrors: string[] = [];

  async function openPage(options: { locale?: string; colorScheme?: 'light' | 'dark'; contrast?: 'more' } = {}): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: options.locale ?? 'en-GB', colorScheme: options.colorScheme ?? 'dark', contrast: options.contrast ?? 'no-preference' });
    const opened = await context.newPage();
    opened.on('pageerror', error => pageErrors.push(error.message));
    await opened.goto(`${server.url}#token=${server.token}&batch=${batchId}`);
    await opened.locator('[data-testid=batch-status][data-status=finished]').waitFor();
    await opened.locator('[data-testid=report-summary]').waitFor();
    return opened;
  }

  before(async () => {
    execFileSync(process.execPath, [join(root, 'esbuild.mjs'), 'webview'], { cwd: root });
    await mkdir(shots, { recursive: true });
    const tmp = suite.add(makeTmpDir('workbench')).dir;
    dir = join(tmp, 'cards', 'workbench');
    await mkdir(dir, { recursive: true });
    await writeTestCards(dir, cards);
    await writeFile(join(dir, 'r3-empty.jpg'), Buffer.alloc(0));
    engine = await EngineClient.start({ settings: { dataDir: join(tmp, 'data'), workers: 1 } });
    server = await startServer({ engine, dataDir: join(tmp, 'data'), roots: [join(tmp, 'cards')], staticDir: join(root, 'dist') });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    // Dark, as VS Code starts; the light and high-contrast themes get their own pages below.
    context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB', colorScheme: 'dark' });
    page = await context.newPage();
    page.on('pageerror', error => pageErrors.push(error.message));
  });

  afterEach(() => { assert.deepEqual(pageErrors.splice(0), []); });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await engine?.close();
    suite.dispose();
  });

  it('attaches to the running batch by itself and shows it while it runs', async () => {
    await page.goto(`${server.url}#token=${server.token}`);
    await page.locator('[data-testid=connection]').filter({ hasText: 'Connected to the server' }).waitFor();
    const firstCard = nextMessage(engine, m => m.type === 'card');
    const answer = await httpRequest(server, 'POST', '/api/v1/batches', { body: { folder: dir, fields: reviewFields, name: 'Workbench batch' } });
    assert.equal(answer.status, 201, answer.text);
    batchId = BatchAnswer.parse(answer.body).batch.id;
    await firstCard;
    // No batch named in the address: a reload attaches to the one running.
    await page.reload();
    await page.locator('#batch-title').filter({ hasText: 'Workbench batch' }).waitFor();
    // The few small cards can all be read (native tesseract is fast) while the page reloads: the batch it attached to is then
    // shown as finished, and only a batch seen running is checked for a report it must not show yet.
    await page.locator('[data-testid=batch-status][data-status=running], [data-testid=batch-status][data-status=finished]').waitFor();
    // Status and report read in one step: on a loaded machine the batch may finish a moment later.
    const seen = await page.evaluate(`({
      status: document.querySelector('[data-testid=batch-status]')?.getAttribute('data-status'),
      reportShown: document.querySelector('[data-testid=report]')?.checkVisibility() ?? false,
    })`) as { status?: string; reportShown: boolean };
    if (seen.status === 'running') { assert.equal(seen.reportShown, false, 'no report while the batch runs'); }
    await page.locator('[data-testid=card-rows] tr[data-card]').first().waitFor();
    await page.screenshot({ path: join(shots, '1-during-run.png'), fullPage: true });
  });

  it('after the run shows the report, the review count, marked rows, and filters and sorts every card', async () => {
    const watcher = suite.add(await watchBatch(server, batchId));
    await watcher.untilStatus('finished');
    await page.locator('[data-testid=batch-status][data-status=finished]').waitFor();
    await page.locator('[data-testid=report-summary]').filter({ hasText: '6 cards read · 1 failed · 4 to review · 0 blank · 0 reference cards' }).waitFor();
    await page.locator('[data-testid=review-button]').filter({ hasText: 'Review (4)' }).waitFor();
    assert.deepEqual(await page.locator('[data-testid=field-completeness]').allTextContents(), ['6 of 6 (100%)', '6 of 6 (100%)', '6 of 6 (100%)']);
    assert.equal(await page.locator('[data-testid=report-problems] li.to-review').count(), 4);
    assert.deepEqual(await page.locator('[data-testid=report-problems] li.failed .problem-code').allTextContents(), ['card/empty']);
    const bins = await page.locator('[data-testid=report-histogram] rect.column').evaluateAll(rects => rects.map(r => Number(r.getAttribute('height')) > 0));
    assert.equal(bins.length, 10);
    assert.ok(bins.some(Boolean), 'the histogram has a column for the cards read');

    await page.locator('[data-testid=card-range]').filter({ hasText: 'Showing 1–6 of 6' }).waitFor();
    const marked = await page.locator('[data-testid=card-rows] tr.needs-review th[data-mark]').evaluateAll(cells => cells.map(c => c.parentElement!.getAttribute('data-card')!).sort());
    assert.deepEqual(marked, ['r1-card-2.jpg', 'r1-card-3.png', 'r2-card-2.jpg', 'r2-card-3.png']);
    await page.screenshot({ path: join(shots, '2-after-run-report.png'), fullPage: true });

    await page.locator('[data-testid=card-filter]').selectOption('review');
    await page.locator('[data-testid=card-range]').filter({ hasText: 'Showing 1–4 of 4' }).waitFor();
    await page.locator('[data-testid=card-order]').selectOption('card');
    await page.locator('[data-testid=card-rows] tr[data-card]:first-child[data-card="r1-card-2.jpg"]').waitFor();
    assert.deepEqual(await page.locator('[data-testid=card-rows] tr[data-card]').evaluateAll(rows => rows.map(r => r.getAttribute('data-card'))),
      ['r1-card-2.jpg', 'r1-card-3.png', 'r2-card-2.jpg', 'r2-card-3.png']);
    await page.locator('[data-testid=card-filter]').selectOption('failed');
    await page.locator('[data-testid=card-rows] tr.failed[data-card="r3-empty.jpg"]').waitFor();
    assert.equal(await page.locator('[data-testid=card-rows] tr.failed .problem-code').textContent(), 'card/empty');
    await page.locator('[data-testid=card-filter]').selectOption('all');
  });

  it('opens review on a problem card chosen in the report', async () => {
    await page.locator('[data-testid=report-problems] li.to-review[data-card="r2-card-3.png"] button').click();
    await page.locator('[data-testid=review-card]').filter({ hasText: 'r2-card-3.png' }).waitFor();
    await page.locator('[data-testid=review] figure.card-image[data-shown="r2-card-3.png"]').waitFor();
    await page.screenshot({ path: join(shots, '3-review.png'), fullPage: true });
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=review]').waitFor({ state: 'detached' });
  });

  it('draws a region with the keyboard alone, on a card picked from the batch', async () => {
    const editorRow = page.locator('.field-row').first();
    await editorRow.locator('[data-testid=field-name] >> input').fill('title_line');
    await editorRow.locator('[data-testid=draw-region]').click();
    const preview = page.locator('.template-preview');
    await preview.locator('[data-testid=preview-hint]').filter({ hasText: 'arrow keys' }).waitFor();
    await preview.locator('[data-testid=sample-picker] option[value="r2-card-2.jpg"]').waitFor({ state: 'attached' });
    assert.deepEqual(await preview.locator('[data-testid=sample-picker] option').allTextContents(), cards.map(c => c.name).sort());
    await preview.locator('[data-testid=sample-picker]').selectOption('r2-card-2.jpg');
    await preview.locator('figure.card-image[data-shown="r2-card-2.jpg"]').waitFor();
    assert.equal(await preview.locator('[data-testid=sample-card]').textContent(), 'r2-card-2.jpg');

    // The 900×550 card's second line ("Title: …") lies between y = 96 and 138; the keyboard's rectangle starts at
    // (315, 220)–(585, 302.5) and moves 9 card pixels a key.
    const overlay = preview.locator('[data-testid=card-overlay]');
    await overlay.focus();
    const press = async (key: string, times: number): Promise<void> => { for (let i = 0; i < times; i++) { await page.keyboard.press(key); } };
    await press('ArrowUp', 14);
    await press('ArrowLeft', 32);
    await press('Shift+ArrowUp', 4);
    await press('Shift+ArrowRight', 64);
    await page.keyboard.press('Enter');
    assert.equal(await editorRow.locator('[data-testid=field-kind]').inputValue(), 'region');
    const rect = (await editorRow.locator('[data-testid=field-find] >> input').inputValue()).split(',').map(Number);
    const wanted = [27 / 900, 94 / 550, 846 / 900, 46.5 / 550];
    rect.forEach((value, i) => assert.ok(Math.abs(value - wanted[i]) < 0.005, `${rect.join(',')} vs ${wanted.join(',')}`));
    const value = preview.locator('[data-testid=preview-value][data-field=title_line]');
    await value.waitFor();
    assert.equal(await value.textContent(), 'Title: Rivers of Europe');
    await page.screenshot({ path: join(shots, '3b-keyboard-region.png'), fullPage: true });
  });

  it('draws on a card of the folder being set up, before any batch runs there', async () => {
    const fresh = join(dir, '..', 'fresh');
    await mkdir(fresh);
    await writeTestCards(fresh);
    await page.locator('[data-testid=folder] >> input').fill(fresh);
    await page.locator('[data-testid=preview-fields]').click();
    const preview = page.locator('.template-preview');
    await preview.locator('figure.card-image[data-shown="card-1.jpg"]').waitFor();
    assert.deepEqual(await preview.locator('[data-testid=sample-picker] option').allTextContents(), testCards.map(c => c.name));
    // The region drawn before is read on this folder's card-1 now.
    await preview.locator('[data-testid=preview-value][data-field=title_line]').filter({ hasText: 'Title: A Short History' }).waitFor();
    await preview.locator('[data-testid=sample-picker]').selectOption('card-3.png');
    await preview.locator('figure.card-image[data-shown="card-3.png"]').waitFor();
    await page.locator('[data-testid=preview-fields]').click();
    await preview.locator('[data-testid=preview-value][data-field=title_line]').filter({ hasText: 'Title: The Printing Press' }).waitFor();
    await page.locator('[data-testid=folder] >> input').fill('');
  });

  it('speaks German when the browser asks for German', async () => {
    const german = await openPage({ locale: 'de-CH' });
    assert.equal(await german.locator('html').getAttribute('lang'), 'de');
    await german.locator('#report-heading').filter({ hasText: 'Qualitätsbericht' }).waitFor();
    await german.locator('[data-testid=review-button]').filter({ hasText: 'Prüfen (4)' }).waitFor();
    assert.equal(await german.locator('[data-testid=batch-status]').textContent(), 'fertig');
    assert.match((await german.locator('[data-testid=progress-line]').textContent()) ?? '', /^100 % · 7\/7 Karten · 6 gelesen, 1 fehlgeschlagen/);
    assert.equal(await german.locator('[data-testid=report-summary]').textContent(), '6 Karten gelesen · 1 fehlgeschlagen · 4 zu prüfen · 0 leer · 0 Verweiskarten');
    assert.equal(await german.locator('[data-testid=retry]').textContent(), 'Fehlgeschlagene Karten wiederholen');
    await german.screenshot({ path: join(shots, '4-german.png'), fullPage: true });
  });

  it('keeps text readable in a light theme and at WCAG AA in a high-contrast one', async () => {
    const light = await openPage({ colorScheme: 'light' });
    await light.screenshot({ path: join(shots, '5-light.png'), fullPage: true });
    assert.deepEqual(await lowContrastTexts(light, 4.5), [], 'text below 4.5:1 in the light theme');
    const contrast = await openPage({ colorScheme: 'dark', contrast: 'more' });
    await contrast.screenshot({ path: join(shots, '6-high-contrast.png'), fullPage: true });
    assert.deepEqual(await lowContrastTexts(contrast, 4.5), [], 'text below 4.5:1 in the high-contrast theme');
  });
});
