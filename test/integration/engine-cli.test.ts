// The card-ocr CLI as a real process: exit codes for bad arguments and for a batch that cannot run.
import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { DisposableStore } from '../../src/common/lifecycle';
import { writeTestCards } from '../support/engine-cards';
import { runCli } from '../support/run-cli';
import { makeTmpDir } from '../support/tmp-dir';



describe('card-ocr CLI exit codes', function () {
  this.timeout(60_000);
  let store: DisposableStore;
  beforeEach(() => { store = new DisposableStore(); });
  afterEach(() => store.dispose());

  it('exits 2 for a folder that does not exist', async () => {
    const result = await runCli(['run', '/nonexistent/cards']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr.trim(), 'card-ocr: /nonexistent/cards is not a folder');
  });

  it('exits 2 for an option it does not know', async () => {
    assert.equal((await runCli(['run', '/tmp', '--colour'])).code, 2);
  });

  it('exits 3 naming the folders searched when the language is missing, and writes nothing', async () => {
    const dir = store.add(makeTmpDir('cli-lang')).dir;
    const dataDir = store.add(makeTmpDir('cli-data')).dir;
    await writeTestCards(dir);
    const result = await runCli(['run', dir, '--lang', 'xyz', '--data-dir', dataDir]);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /^Language "xyz" not found \(looked in \/usr\/share\/tesseract-ocr\/5\/tessdata, \/usr\/share\/tesseract-ocr\/4\.00\/tessdata\)/);
    assert.deepEqual((await readdir(dir)).sort(), ['card-1.jpg', 'card-2.jpg', 'card-3.png']);
  });
});
