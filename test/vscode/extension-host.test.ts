// The extension inside a real VS Code extension host via @vscode/test-electron: needs a VS Code build
// (VSCODE_EXECUTABLE, or one @vscode/test-electron downloaded into .vscode-test/ earlier). Nothing is
// downloaded here; without a build the suite skips and says why.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { DisposableStore } from '../../src/common/lifecycle';
import { testCards, testFields, writeTestCards } from '../support/engine-cards';
import { makeTmpDir } from '../support/tmp-dir';

const root = resolve(__dirname, '../..');

/** A VS Code executable already on this machine, or undefined. */
function findVsCode(): string | undefined {
  if (process.env.VSCODE_EXECUTABLE) { return process.env.VSCODE_EXECUTABLE; }
  const cache = join(root, '.vscode-test');
  if (!existsSync(cache)) { return undefined; }
  for (const entry of readdirSync(cache).filter(name => name.startsWith('vscode-linux'))) {
    for (const candidate of [join(cache, entry, 'code'), join(cache, entry, 'VSCode-linux-x64', 'code')]) {
      if (existsSync(candidate)) { return candidate; }
    }
  }
  return undefined;
}

/** Writes cards/ and expected.json for suite/extension-checks.ts, and bundles that suite into out/. */
export async function prepareExtensionTest(folder: string): Promise<string> {
  const cards = join(folder, 'cards');
  mkdirSync(cards, { recursive: true });
  await writeTestCards(cards);
  writeFileSync(join(cards, 'card-4.jpg'), Buffer.alloc(0));
  writeFileSync(join(folder, 'expected.json'), JSON.stringify({
    fields: testFields, errors: ['card-4.jpg'],
    cards: Object.fromEntries(testCards.map(c => [c.name, [c.author, c.title, c.shelf]])),
  }));
  const suite = join(root, 'out', 'vscode-suite', 'index.js');
  execFileSync(process.execPath, ['-e', `require('esbuild').buildSync({ entryPoints: ['test/vscode/suite/extension-checks.ts'], bundle: true,
    platform: 'node', format: 'cjs', target: 'node20', outfile: ${JSON.stringify(suite)}, external: ['vscode'], logLevel: 'warning' })`], { cwd: root });
  execFileSync(process.execPath, [join(root, 'esbuild.mjs'), 'extension', 'engine', 'webview'], { cwd: root });
  return suite;
}

describe('extension host (@vscode/test-electron)', function () {
  this.timeout(300_000);
  const store = new DisposableStore();
  after(() => store.dispose());

  it('registers its commands, OCRs a folder through OCR Folder… and lists the batch', async function () {
    const executable = findVsCode();
    if (!executable) {
      console.log('    skipped: no VS Code build here (set VSCODE_EXECUTABLE, or let @vscode/test-electron download one into .vscode-test/ where the network allows)');
      this.skip();
    }
    const folder = store.add(makeTmpDir('electron')).dir;
    const suite = await prepareExtensionTest(folder);
    const code = await runTests({
      vscodeExecutablePath: executable, extensionDevelopmentPath: root, extensionTestsPath: suite,
      launchArgs: [folder, '--disable-extensions', '--no-sandbox', '--disable-gpu'], extensionTestsEnv: { CARD_OCR_TEST_DIR: folder },
    });
    if (code !== 0) { throw new Error(`the extension tests failed in VS Code (exit ${code})`); }
  });
});
