// Retry and a re-scan: a new file the archivist put back in the batch folder is the one read, never
// overwritten by the failed copy from _errors/, which is kept under another name.
import * as assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { moveToErrors, readErrorEntries, restoreErrors } from '../../../../src/batch-folder/outputs/error-folder';
import { makeTmpDir, type TmpDir } from '../../../support/tmp-dir';

describe('retry: moving failed cards back', () => {
  let tmp: TmpDir;
  beforeEach(() => { tmp = makeTmpDir('retry-rescan'); });
  afterEach(() => tmp.dispose());

  it('keeps a new scan in the folder and sets the failed copy aside, never renaming it over the scan', async () => {
    await writeFile(join(tmp.dir, 'card-7.jpg'), 'broken scan');
    await writeFile(join(tmp.dir, 'card-8.jpg'), 'broken too');
    await moveToErrors(tmp.dir, 'card-7.jpg', { code: 'card/truncated', message: 'cut short' });
    await moveToErrors(tmp.dir, 'card-8.jpg', { code: 'card/truncated', message: 'cut short' });
    await writeFile(join(tmp.dir, 'card-7.jpg'), 'new scan');
    const restored = await restoreErrors(tmp.dir, new Date('2026-12-01T10:20:30.456Z'));
    assert.deepEqual(restored, [
      { card: 'card-7.jpg', from: 'folder', kept: '_errors/superseded/card-7.failed-2026-12-01T10-20-30-456Z.jpg' },
      { card: 'card-8.jpg', from: 'errors' },
    ]);
    assert.equal(await readFile(join(tmp.dir, 'card-7.jpg'), 'utf8'), 'new scan');
    assert.equal(await readFile(join(tmp.dir, 'card-8.jpg'), 'utf8'), 'broken too');
    assert.equal(await readFile(join(tmp.dir, '_errors/superseded/card-7.failed-2026-12-01T10-20-30-456Z.jpg'), 'utf8'), 'broken scan');
    // The kept copy is not a failed card of the batch.
    assert.deepEqual(await readErrorEntries(tmp.dir), []);
    assert.deepEqual((await readdir(join(tmp.dir, '_errors'))).sort(), ['errors.jsonl', 'superseded']);
  });

  it('a second retry of the same card keeps both failed copies', async () => {
    await mkdir(join(tmp.dir, '_errors'), { recursive: true });
    for (const [at, content] of [['2026-12-01T10:00:00.000Z', 'first'], ['2026-12-01T11:00:00.000Z', 'second']] as const) {
      await writeFile(join(tmp.dir, 'c.png'), content);
      await moveToErrors(tmp.dir, 'c.png', { code: 'card/corrupt', message: 'bad' });
      await writeFile(join(tmp.dir, 'c.png'), 'rescan');
      await restoreErrors(tmp.dir, new Date(at));
    }
    assert.deepEqual((await readdir(join(tmp.dir, '_errors/superseded'))).sort(), ['c.failed-2026-12-01T10-00-00-000Z.png', 'c.failed-2026-12-01T11-00-00-000Z.png']);
    assert.equal(await readFile(join(tmp.dir, 'c.png'), 'utf8'), 'rescan');
  });
});
