// Training cards from a batch: the cards checked in review (any field reviewed) with their values as left, and
// stored results turned back into OCR pages (lines from the text, words from the stored words).
import * as assert from 'node:assert/strict';
import { readCheckedCards } from '../../../../src/engine/learned/labelled-cards';
import { pageFromResult } from '../../../../src/engine/learned/stored-page';
import { writeCardJson } from '../../../../src/batch-folder/outputs/card-json';
import type { CardResult, FieldSpec } from '../../../../src/protocol';
import { makeTmpDir, type TmpDir } from '../../../support/tmp-dir';

function stored(card: string, lines: string[], fields: CardResult['fields']): CardResult {
  const words = lines.flatMap((line, row) => line.split(' ').map((text, i) => ({ text, confidence: 90, box: { x0: 40 + i * 100, y0: 30 + row * 40, x1: 130 + i * 100, y1: 60 + row * 40 } })));
  return { card, text: lines.join('\n'), confidence: 90, fields, kind: 'data', words, needsReview: false, width: 976, height: 580, durationMs: 300, processedAt: '2026-12-01T00:00:00.000Z' };
}

const fields: FieldSpec[] = [{ name: 'last_name', find: { by: 'learned' } }, { name: 'year', find: { by: 'learned' }, type: 'year' }];

describe('training cards from a batch', () => {
  let tmp: TmpDir;
  beforeEach(() => { tmp = makeTmpDir('labelled'); });
  afterEach(() => tmp.dispose());

  it('rebuilds the OCR page from a stored result, and refuses words that do not spell the text', () => {
    const result = stored('a.jpg', ['Wolters, Maria.', 'Kleve 1937.'], {});
    const page = pageFromResult(result);
    assert.deepEqual(page?.lines.map(line => line.words.map(w => w.text)), [['Wolters,', 'Maria.'], ['Kleve', '1937.']]);
    assert.deepEqual(page?.lines[1].box, { x0: 40, y0: 70, x1: 230, y1: 100 });
    assert.equal(pageFromResult({ ...result, words: result.words?.slice(1) }), undefined);
    assert.equal(pageFromResult({ ...result, words: undefined }), undefined);
  });

  it('takes the cards a person checked, with every field as they left it, and only those', async () => {
    const review = { originalValue: 'Woltcrs', reviewedAt: '2026-12-01T10:00:00.000Z' };
    await writeCardJson(tmp.dir, stored('checked.jpg', ['Wolters, Maria.', 'Kleve 1937.'], {
      last_name: { value: 'Wolters', confidence: 80, flags: [], review }, year: { value: '1937', confidence: 90, flags: [] },
    }));
    await writeCardJson(tmp.dir, stored('unchecked.jpg', ['Moser, Hans.'], { last_name: { value: 'Moser', confidence: 80, flags: [] }, year: { value: '', confidence: null, flags: [] } }));
    const cards = await readCheckedCards(tmp.dir, fields);
    assert.ok(cards.ok);
    assert.deepEqual(cards.value.map(c => c.card), ['checked.jpg']);
    assert.deepEqual(cards.value[0].truth, [{ field: 'last_name', value: 'Wolters' }, { field: 'year', value: '1937', type: 'year' }]);
  });

  it('says so when no card has been checked yet', async () => {
    await writeCardJson(tmp.dir, stored('unchecked.jpg', ['Moser, Hans.'], {}));
    const cards = await readCheckedCards(tmp.dir, fields);
    assert.deepEqual(cards.ok ? undefined : cards.error.code, 'batch/not-found');
  });
});
