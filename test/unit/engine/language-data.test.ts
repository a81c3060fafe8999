// Language data is found offline: eng and fra from their npm packages (best_int), others from the tessdata folders;
// deu from the folders first (Debian's tesseract-ocr-deu: the fast model), else its npm package; deu+eng links
// both into one folder.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DisposableStore } from '../../../src/common/lifecycle';
import { findLanguageFile, languageCodes, linkLanguages, linkNativeLanguage } from '../../../src/engine/language-data';
import { makeTmpDir } from '../../support/tmp-dir';

describe('language data', () => {
  let store: DisposableStore;
  beforeEach(() => { store = new DisposableStore(); });
  afterEach(() => store.dispose());

  it('takes eng and fra from their bundled npm packages (best_int)', async () => {
    for (const code of ['eng', 'fra']) {
      const found = await findLanguageFile(code);
      assert.ok(found.ok);
      assert.match(found.value, new RegExp(`node_modules/@tesseract\\.js-data/${code}/4\\.0\\.0_best_int/${code}\\.traineddata\\.gz$`));
    }
  });

  it('takes deu from a tessdata folder that has it, else from its bundled npm package (best_int)', async () => {
    const dir = store.add(makeTmpDir('tessdata')).dir;
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'deu.traineddata'), 'model');
    assert.deepEqual(await findLanguageFile('deu', [join(dir, 'a')], []), { ok: true, value: join(dir, 'a', 'deu.traineddata') });
    const bundled = await findLanguageFile('deu', [join(dir, 'empty')], []);
    assert.ok(bundled.ok);
    assert.match(bundled.value, /node_modules\/@tesseract\.js-data\/deu\/4\.0\.0_best_int\/deu\.traineddata\.gz$/);
    // Where a folder has only other languages, a language with no package is still missing.
    assert.equal((await findLanguageFile('ita', [join(dir, 'a')], [])).ok, false);
  });

  it('names the shipped best_int models deu_best, eng_best and fra_best, whatever a folder has under deu', async () => {
    const dir = store.add(makeTmpDir('tessdata')).dir;
    writeFileSync(join(dir, 'deu.traineddata'), 'fast model');
    for (const code of ['deu', 'eng', 'fra']) {
      const found = await findLanguageFile(`${code}_best`, [dir], []);
      assert.ok(found.ok);
      assert.match(found.value, new RegExp(`node_modules/@tesseract\\.js-data/${code}/4\\.0\\.0_best_int/${code}\\.traineddata\\.gz$`));
    }
    assert.equal((await findLanguageFile('ita_best', [dir], [])).ok, false);
    // Native tesseract reads no .gz: the model is unpacked once and linked under its _best name.
    const links = join(dir, 'native');
    assert.equal(await linkNativeLanguage('deu_best', [dir], links), true);
    assert.ok(readlinkSync(join(links, 'deu_best.traineddata')).includes('unpacked'));
  });

  it('finds other languages in the tessdata folders, in order, and names every folder searched when missing', async () => {
    const dir = store.add(makeTmpDir('tessdata')).dir;
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'xyz.traineddata'), 'model');
    const found = await findLanguageFile('xyz', [join(dir, 'a')]);
    assert.deepEqual(found, { ok: true, value: join(dir, 'a', 'xyz.traineddata') });
    const missing = await findLanguageFile('qqq', [join(dir, 'a')]);
    assert.ok(!missing.ok);
    assert.equal(missing.error.code, 'language/missing');
    assert.match(missing.error.message, new RegExp(`Language "qqq" not found \\(looked in ${join(dir, 'a')}, /usr/share/tesseract-ocr/5/tessdata`));
  });

  it('links each language of deu+eng into one folder', async function () {
    if (!existsSync('/usr/share/tesseract-ocr/5/tessdata/deu.traineddata')) { this.skip(); }
    const dir = store.add(makeTmpDir('links')).dir;
    assert.deepEqual(languageCodes('deu+eng'), ['deu', 'eng']);
    assert.ok((await linkLanguages(languageCodes('deu+eng'), [], dir)).ok);
    assert.equal(readlinkSync(join(dir, 'deu.traineddata')), '/usr/share/tesseract-ocr/5/tessdata/deu.traineddata');
    assert.match(readlinkSync(join(dir, 'eng.traineddata')), /@tesseract\.js-data\/eng\/4\.0\.0_best_int\/eng\.traineddata\.gz$/);
  });
});
