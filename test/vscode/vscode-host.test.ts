// The packaged VSIX in a real VS Code (code-server 1.139 driven by headless Chromium, ../shared/tools/vscode-host):
// install it, right-click a folder of generated cards → OCR Folder… → outputs on disk, dashboard and tree.
// Runs where that harness is installed; elsewhere it skips and says why.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import type { Template } from '../../src/protocol/index';
import { testCards, testFields, writeTestCards } from '../support/engine-cards';
import { makeTmpDir } from '../support/tmp-dir';
import { prepareExtensionTest } from './extension-host.test';
import { batchPaths } from '../../src/batch-folder/index';

const root = resolve(__dirname, '../..');
const harness = process.env.VSCODE_HOST_DIR ?? resolve(root, '../shared/tools/vscode-host');
const prefix = process.env.VSCODE_HOST_PREFIX ?? '/tmp/vscodehost';
const harnessNode = join(prefix, 'node/node_modules/node/bin/node');
const vsce = join(prefix, 'vsce/node_modules/.bin/vsce');

function missingHarness(): string | undefined {
  if (!existsSync(join(harness, 'drive.mjs'))) { return `no vscode-host harness at ${harness} (set VSCODE_HOST_DIR)`; }
  if (!existsSync(join(prefix, 'cs')) || !existsSync(harnessNode)) { return `vscode-host is not installed in ${prefix} (run ${harness}/setup.sh)`; }
  if (!existsSync('/usr/bin/chromium')) { return 'no /usr/bin/chromium'; }
  return undefined;
}

/** Each code-server this suite starts gets a free port and a profile folder of its own: no other user of the
 *  harness is disturbed, and a stopping server can never answer for a starting one. */
type ServerEnv = Record<string, string>;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>(done => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>(done => probe.close(() => done()));
  return port;
}

async function serverEnv(dataDir: string): Promise<ServerEnv> {
  return { VSCODE_HOST_PREFIX: prefix, VSCODE_HOST_PORT: String(await freePort()), VSCODE_HOST_DATA: dataDir };
}

function serverSh(env: ServerEnv, ...args: string[]): string {
  return execFileSync('bash', [join(harness, 'server.sh'), ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
}

describe('packaged extension in VS Code (vscode-host harness)', function () {
  this.timeout(600_000);
  const store = new DisposableStore();
  let workspace: string;
  let shots: string;
  let vsix: string;
  let vsixServer: ServerEnv | undefined;
  let devServer: ServerEnv | undefined;

  before(function () {
    const missing = missingHarness();
    if (missing) {
      console.log(`    skipped: ${missing}`);
      this.skip();
    }
  });

  before(async () => {
    vsix = join(store.add(makeTmpDir('vsix')).dir, 'card-ocr.vsix');
    execFileSync(process.execPath, [join(root, 'esbuild.mjs'), 'extension', 'engine', 'webview'], { cwd: root });
    execFileSync(existsSync(vsce) ? vsce : 'npx', [...(existsSync(vsce) ? [] : ['vsce']), 'package', '--target', 'linux-x64',
      '--allow-missing-repository', '--skip-license', '-o', vsix], { cwd: root, stdio: 'ignore' });
    workspace = store.add(makeTmpDir('vscode-ws')).dir;
    const cards = join(workspace, 'cards');
    mkdirSync(cards);
    await writeTestCards(cards);
    writeFileSync(join(cards, 'card-4.jpg'), Buffer.alloc(0));
    const template: Template = { id: 'test-cards', name: 'Test cards', version: 1, fields: testFields };
    mkdirSync(join(workspace, '.card-ocr', 'templates'), { recursive: true });
    writeFileSync(join(workspace, '.card-ocr', 'templates', 'test-cards.json'), JSON.stringify(template, null, 2));
    shots = process.env.CARD_OCR_SHOTS ?? join(root, 'test-results', 'vscode-host');
    mkdirSync(shots, { recursive: true });
    vsixServer = await serverEnv(store.add(makeTmpDir('vscode-profile')).dir);
    serverSh(vsixServer, 'start');
    // Pages opened after this pick the extension up (the flow reloads once if the workbench has not yet).
    serverSh(vsixServer, 'install-extension', vsix);
  });

  after(() => {
    if (missingHarness()) { return; }
    for (const env of [vsixServer, devServer]) { if (env) { serverSh(env, 'stop'); } }
    store.dispose();
  });

  it('OCRs a folder from the Explorer context menu: outputs on disk, dashboard and tree show the batch and its error', () => {
    const run = spawnSync(harnessNode, [join(root, 'scripts', 'vscode-host-flow.mjs'), harness, workspace, shots],
      { encoding: 'utf8', env: { ...process.env, ...vsixServer } });
    const last = run.stdout.trim().split('\n').pop() ?? '';
    assert.ok(last.startsWith('{'), `the flow printed no result (exit ${run.status}): ${run.stderr}`);
    const seen = JSON.parse(last);
    assert.equal(seen.failure, undefined, `the flow failed (screenshots in ${shots}): ${seen.failure}`);
    assert.ok(seen.contextMenu.includes('OCR Folder…'), `context menu: ${seen.contextMenu.join(', ')}`);
    assert.ok(seen.templates.includes('Test cards') && seen.templates.includes('Define fields…'), `templates: ${seen.templates.join(', ')}`);
    // Languages are listed by name since the picker was reworked (issue 13).
    assert.ok(seen.languages.some((label: string) => label.includes('English (eng)')), `languages: ${seen.languages.join(', ')}`);

    const dir = join(workspace, 'cards');
    const paths = batchPaths(dir);
    const csv = readFileSync(paths.csvFile, 'utf8');
    for (const card of testCards) { assert.ok(csv.includes(card.author), `CSV lacks ${card.author}:\n${csv}`); }
    assert.deepEqual(readdirSync(paths.jsonDir).sort(), testCards.map(c => `${c.name}.json`).sort());
    assert.deepEqual(readdirSync(paths.errorsDir).sort(), ['card-4.jpg', 'errors.jsonl']);

    assert.equal(seen.connection, 'Live');
    assert.ok(seen.notification, 'a notification when the batch finished');
    assert.match(seen.notification.message, /finished: 3 cards read, 1 failed, \d+ to review/);
    assert.ok(seen.notification.buttons.includes('Open CSV') && seen.notification.buttons.includes('Show failures'), `buttons: ${seen.notification.buttons}`);
    assert.match(seen.progress, /^100% · 4\/4 cards · /);
    assert.deepEqual(seen.rows.map((r: string[]) => r.slice(0, 4)).sort(), testCards.map(c => [c.name, c.author, c.title, c.shelf]).sort());
    assert.deepEqual(seen.errors, [['card-4.jpg', 'card/empty']]);
    assert.ok(seen.tree.some((row: string) => row.includes('card-4.jpg')), `tree: ${seen.tree.join(' | ')}`);
    assert.ok(seen.tree.some((row: string) => /finished/.test(row)), `tree: ${seen.tree.join(' | ')}`);
  });

  it('passes the extension-host suite from source in code-server\'s extension host (dev mode)', async () => {
    const folder = store.add(makeTmpDir('devhost')).dir;
    const suite = await prepareExtensionTest(folder);
    devServer = await serverEnv(store.add(makeTmpDir('vscode-dev-profile')).dir);
    serverSh(devServer, 'start-dev');
    const output = execFileSync(harnessNode, [join(harness, 'run-ext-tests.mjs'), '--ext', root, '--tests', suite, '--folder', folder,
      '--timeout', '240', '--grep', '^\\[card-ocr-ext-test\\]|Error|failed'], { encoding: 'utf8', env: { ...process.env, ...devServer } });
    assert.match(output, /\[card-ocr-ext-test\] ok: 3 cards, 1 error\(s\)/);
  });
});
