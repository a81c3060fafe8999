// The dashboard page (dist/webview.js) in Debian's Chromium against the real server and the real engine:
// start a batch from the field editor, watch progress and card rows arrive, lose the server and get it back
// (the page re-attaches with `since`), and retry a failed card after fixing its image.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import type { BatchMessage } from '../../src/protocol/index';
import { startServer, type ServerHandle } from '../../src/server/index';
import { testCards, testFields, writeTestCards } from '../support/engine-cards';
import { makeTmpDir } from '../support/tmp-dir';

const root = resolve(__dirname, '../..');
const distDir = join(root, 'dist');

/** Resolves with the first engine message that matches; the listener is the clock, never a timer. */
function nextMessage(engine: EngineClient, match: (m: BatchMessage) => boolean): Promise<BatchMessage> {
  return new Promise(done => {
    const listener = engine.onDidReceiveMessage(message => { if (match(message)) { listener.dispose(); done(message); } });
  });
}

describe('dashboard in Chromium against the real server', function () {
  this.timeout(120_000);
  const suite = new DisposableStore();
  let tmp: string;
  let engine: EngineClient;
  let server: ServerHandle;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  async function start(port = 0, token?: string): Promise<ServerHandle> {
    return startServer({ engine, dataDir: join(tmp, 'data'), roots: [join(tmp, 'cards')], port, token, staticDir: distDir });
  }

  before(async () => {
    // The page under test is the real bundle, built from the current sources.
    execFileSync(process.execPath, [join(root, 'esbuild.mjs'), 'webview'], { cwd: root });
    tmp = suite.add(makeTmpDir('dashboard')).dir;
    await mkdir(join(tmp, 'cards'), { recursive: true });
    engine = await EngineClient.start({ settings: { dataDir: join(tmp, 'data'), workers: 1 } });
    server = await start();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage();
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

  async function startBatchFromEditor(folder: string, name: string): Promise<void> {
    await page.locator('[data-testid=folder] >> input').fill(folder);
    await page.locator('[data-testid=batch-name] >> input').fill(name);
    const rows = page.locator('.field-row');
    for (const [index, field] of testFields.entries()) {
      if (index > 0) { await page.locator('[data-testid=add-field]').click(); }
      const row = rows.nth(index);
      await row.locator('[data-testid=field-name] >> input').fill(field.name);
      await row.locator('[data-testid=field-kind]').selectOption('label');
      await row.locator('[data-testid=field-find] >> input').fill(field.find.by === 'label' ? field.find.label : '');
    }
    // Keyboard only: focus the Start button and press Enter, as a keyboard user would.
    await page.locator('[data-testid=start-batch]').focus();
    await page.keyboard.press('Enter');
  }

  async function tableRows(): Promise<string[][]> {
    return page.locator('[data-testid=card-rows] tr').evaluateAll(rows =>
      rows.map(row => [...row.children].map(cell => (cell.textContent ?? '').trim())));
  }

  it('starts a batch from the field editor and shows progress, card rows and the failed card', async () => {
    const dir = join(tmp, 'cards', 'first');
    await mkdir(dir);
    await writeTestCards(dir);
    await writeFile(join(dir, 'card-4.jpg'), Buffer.alloc(0));   // an empty scan: must land in the errors list
    await page.goto(`${server.url}#token=${server.token}`);
    await page.locator('[data-testid=connection]').filter({ hasText: 'Connected to the server' }).waitFor();
    await startBatchFromEditor(dir, 'First batch');

    await page.locator('[data-testid=batch-status]').filter({ hasText: /^finished$/ }).waitFor();
    await page.locator('[data-testid=progress-line]').filter({ hasText: /^100% · 4\/4 cards · / }).waitFor();
    assert.equal(await page.locator('#batch-title').textContent(), 'First batch');
    assert.deepEqual(await page.locator('thead th').allTextContents(), ['Card', 'author', 'title', 'shelfmark', 'Confidence']);
    const rows = (await tableRows()).map(cells => cells.slice(0, 4)).sort((a, b) => a[0].localeCompare(b[0]));
    assert.deepEqual(rows, testCards.map(c => [c.name, c.author, c.title, c.shelf]));
    const errorRow = page.locator('[data-testid=error-rows] li[data-card="card-4.jpg"]');
    await errorRow.waitFor();
    assert.equal(await errorRow.locator('.problem-code').textContent(), 'card/empty');
    assert.equal(await page.locator('[data-testid=error-count]').textContent(), '(1)');
  });

  it('re-attaches after the server goes away and comes back, with every card exactly once', async () => {
    const dir = join(tmp, 'cards', 'second');
    await mkdir(dir);
    // Nine cards on one worker: the batch is still running when the server goes away after the first.
    const cards = [1, 2, 3].flatMap(round => testCards.map(c => ({ ...c, name: `r${round}-${c.name}` })));
    await writeTestCards(dir, cards);
    const firstCard = nextMessage(engine, m => m.type === 'card');
    await startBatchFromEditor(dir, 'Second batch');
    await firstCard;
    await page.locator('[data-testid=connection]').filter({ hasText: /^Live$/ }).waitFor();

    // The server goes away mid-batch (the engine keeps working) and comes back on the same port and token.
    const { port, token } = server;
    const moreCards = nextMessage(engine, m => m.type === 'card');
    await server.close();
    await page.locator('[data-testid=connection]').filter({ hasText: /Connection lost|Reconnecting/ }).waitFor();
    await moreCards;   // a card finished while nobody was watching
    server = await start(port, token);
    assert.equal(server.port, port);

    await page.locator('[data-testid=batch-status]').filter({ hasText: /^finished$/ }).waitFor();
    await page.locator('[data-testid=connection]').filter({ hasText: /^Live$/ }).waitFor();
    const names = (await tableRows()).map(cells => cells[0]).sort();
    assert.deepEqual(names, cards.map(c => c.name).sort());
    await page.locator('[data-testid=progress-line]').filter({ hasText: /^100% · 9\/9 cards · / }).waitFor();
  });

  it('retries a failed card from the errors list once its image is fixed', async () => {
    await page.locator('[data-testid=batch-list] li[data-batch] button', { hasText: 'First batch' }).click();
    await page.locator('#batch-title').filter({ hasText: 'First batch' }).waitFor();
    await page.locator('[data-testid=error-rows] li[data-card="card-4.jpg"]').waitFor();
    // The user re-scans the card: a good image now lies where the empty one was.
    const dir = join(tmp, 'cards', 'first');
    await copyFile(join(dir, 'card-1.jpg'), join(dir, '_errors', 'card-4.jpg'));
    await page.locator('[data-testid=retry]').click();

    await page.locator('[data-testid=card-rows] tr[data-card="card-4.jpg"]').waitFor();
    await page.locator('[data-testid=error-count]').filter({ hasText: '(0)' }).waitFor();
    assert.deepEqual((await tableRows()).find(cells => cells[0] === 'card-4.jpg')?.slice(1, 4), [testCards[0].author, testCards[0].title, testCards[0].shelf]);
    assert.deepEqual(await readdir(join(dir, '_errors')).then(files => files.filter(f => f !== 'errors.jsonl')), []);
  });
});
