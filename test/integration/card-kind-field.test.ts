// The card's kind as an output field (`find: { by: "kind" }`): data, reference or blank, or the template's own
// words for them; a reference card's other fields are read too, never flagged.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { linkLanguages } from '../../src/engine/language-data';
import { OcrPool } from '../../src/engine/ocr-pool';
import { recognizeCard, type RecognizeSettings } from '../../src/engine/recognize-card';
import { writeCard } from '../support/make-cards';
import { makeTmpDir } from '../support/tmp-dir';
import { tesseractJsBackend } from '../../src/engine/ocr-backends/tesseract-js';

describe('the card kind as a field', function () {
  this.timeout(120_000);
  const store = new DisposableStore();
  let dir: string;
  let pool: OcrPool;
  before(async () => {
    dir = store.add(makeTmpDir('kind-field')).dir;
    const langPath = join(dir, 'tessdata');
    assert.ok((await linkLanguages(['eng'], [], langPath)).ok);
    pool = new OcrPool({ size: 1, recycleAfterCards: 100, onLog: () => {}, backends: [tesseractJsBackend({ langPath, cachePath: langPath, onLog: () => {} })] });
    store.add({ dispose: () => void pool.close() });
    await writeCard(join(dir, 'data.jpg'), { lines: ['Wolters, Maria', 'Die Landwirtschaft am Niederrhein', 'Kleve 1937'], seed: 3, noise: 0.05 });
    await writeCard(join(dir, 'ref.jpg'), { lines: ['Wolters, Maria', 's. Wolters-Kuhn, Maria'], seed: 4, noise: 0.05 });
    await writeCard(join(dir, 'blank.jpg'), { lines: [], seed: 5, noise: 0.05 });
  });
  after(() => store.dispose());

  const settings: RecognizeSettings = {
    language: 'eng', options: { preprocess: { greyscale: false, normalise: false } },
    fields: [
      { name: 'type', find: { by: 'kind', values: { data: 'Dissertation or thesis', reference: 'Reference' } } },
      { name: 'kind', find: { by: 'kind' } },
      { name: 'heading', find: { by: 'lines', from: 1, to: 1 }, validate: { required: true } },
    ],
  };

  it('gives each card its kind, in the template\'s words where it has them', async () => {
    const seen: Array<[string, string | undefined, string, string, string, string[]]> = [];
    for (const card of ['data.jpg', 'ref.jpg', 'blank.jpg']) {
      const result = await recognizeCard(dir, card, settings, pool);
      assert.ok(result.ok);
      const { fields } = result.value;
      seen.push([card, result.value.kind, fields.type.value, fields.kind.value, fields.heading.value, fields.heading.flags]);
    }
    assert.deepEqual(seen, [
      ['data.jpg', 'data', 'Dissertation or thesis', 'data', 'Wolters, Maria', []],
      ['ref.jpg', 'reference', 'Reference', 'reference', 'Wolters, Maria', []],
      ['blank.jpg', 'blank', 'blank', 'blank', '', []],
    ]);
  });
});
