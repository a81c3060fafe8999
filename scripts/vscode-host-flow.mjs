// The user's path through the packaged extension in a real VS Code (code-server + headless Chromium, from
// ../shared/tools/vscode-host): Explorer right-click → OCR Folder… → template → language → dashboard and tree.
// Usage: node scripts/vscode-host-flow.mjs <harness dir> <workspace> <shots dir>; prints one JSON line of what it saw.
import { join } from 'node:path';

const [harness, workspace, shots] = process.argv.slice(2);
if (!harness || !workspace || !shots) { console.error('usage: vscode-host-flow.mjs <harness dir> <workspace> <shots dir>'); process.exit(2); }
const d = await import(join(harness, 'drive.mjs'));

const seen = {};
const { context, close } = await d.launchBrowser({ pidFile: join(d.DATA, 'chromium.pid') });
let page;
try {
  page = await d.openWorkbench(context, workspace);
  // The extension's contributions (its activity-bar entry, its menu item) appear once the workbench has
  // scanned it, which can trail "workbench ready" on a fresh start; reload once if it is still missing.
  const activityItem = page.locator('.activitybar .action-item .action-label[aria-label^="Card OCR"]').first();
  try {
    await activityItem.waitFor({ timeout: 30_000 });
  } catch {
    seen.reloaded = true;
    await page.reload();
    await d.waitForWorkbench(page);
    await activityItem.waitFor({ timeout: 60_000 });
  }
  seen.contextMenu = await d.openExplorerContextMenu(page, 'cards');
  await d.screenshot(page, join(shots, '1-explorer-context-menu.png'));
  await d.clickContextMenuItem(page, 'OCR Folder…');

  // Each pick lists its items only once the extension has read the templates or languages: wait for one.
  const pickRow = label => page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await pickRow('Define fields…').waitFor({ timeout: 30_000 });
  seen.templates = (await d.quickPickItems(page)).map(item => item.label ?? item);
  await d.screenshot(page, join(shots, '2-template-pick.png'));
  await d.pickQuickPickItem(page, 'Test cards');
  await pickRow('bundled').waitFor({ timeout: 30_000 });
  seen.languages = (await d.quickPickItems(page)).map(item => item.label ?? item);
  await d.screenshot(page, join(shots, '2b-language-pick.png'));
  // Several languages may be ticked; English is ticked already (the setting's default): accept with Enter.
  await page.keyboard.press('Enter');

  const frame = await d.findWebviewFrame(page, { title: 'Card OCR Dashboard', timeout: 60_000 });
  await frame.locator('[data-testid=batch-status]').filter({ hasText: /^finished$/ }).waitFor({ timeout: 120_000 });
  await frame.locator('[data-testid=error-rows] li[data-card]').first().waitFor({ timeout: 30_000 });
  seen.connection = await frame.locator('[data-testid=connection]').textContent();
  seen.progress = await frame.locator('[data-testid=progress-line]').textContent();
  seen.rows = await frame.locator('[data-testid=card-rows] tr').evaluateAll(rows => rows.map(r => [...r.children].map(c => c.textContent.trim())));
  seen.errors = await frame.locator('[data-testid=error-rows] li[data-card]').evaluateAll(items => items.map(i => [i.dataset.card, i.querySelector('.problem-code').textContent]));
  seen.panelTitle = await page.locator('.tab.active').first().getAttribute('aria-label');
  // The end of the batch is said out loud: a notification with the counts and what to do next.
  const notification = await d.waitForNotification(page, /finished: \d+ cards read/, { timeout: 60_000 }).catch(() => undefined);
  seen.notification = notification ? { message: notification.message, buttons: notification.buttons } : undefined;
  await d.screenshot(page, join(shots, '3-dashboard.png'));

  await activityItem.click();
  const batchRow = page.locator('.pane-body .monaco-list-row[aria-level="1"]').filter({ hasText: 'cards' }).first();
  await batchRow.waitFor({ timeout: 30_000 });
  await batchRow.click();
  await page.locator('.pane-body .monaco-list-row[aria-level="2"]').filter({ hasText: 'card-4.jpg' }).waitFor({ timeout: 30_000 });
  seen.tree = await page.locator('.pane-body .monaco-list-row').evaluateAll(rows => rows.map(r => r.getAttribute('aria-label') ?? r.textContent.trim()));
  seen.statusBar = await d.statusBarText(page);
  await d.screenshot(page, join(shots, '4-batches-tree.png'));
  console.log(JSON.stringify(seen));
} catch (error) {
  if (page) { await d.screenshot(page, join(shots, 'failure.png')).catch(() => undefined); }
  console.log(JSON.stringify({ ...seen, failure: String(error?.stack ?? error) }));
  process.exitCode = 1;
} finally {
  await close();
}
