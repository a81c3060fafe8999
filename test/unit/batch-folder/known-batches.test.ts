// One list of known batch folders: what one holder remembers, another reading the same file sees; a batch that
// never ran (config.json only) is a batch; "running or queued" is one predicate.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newBatchConfig, writeBatchConfig } from '../../../src/batch-folder/config';
import { BatchStatus, activeStatuses, isActiveStatus } from '../../../src/protocol';
import { makeTmpDir, type TmpDir } from '../../support/tmp-dir';
import { KnownBatchFolders, readBatchSummary } from '../../../src/batch-folder/index';

describe('known batch folders', () => {
  const tmp: TmpDir[] = [];
  const dir = (): string => { const made = makeTmpDir('known'); tmp.push(made); return made.dir; };
  after(() => { for (const t of tmp) { t.dispose(); } });

  it('is one file: remembered ids and folders are read back by a second holder, forgotten folders leave it', async () => {
    const data = dir();
    const first = KnownBatchFolders.in(data);
    await first.remember('a-1', '/x/a');
    await first.remember('b-2', '/x/b');
    await first.remember('a-3', '/x/a'); // a restart: a new id, same folder
    const second = KnownBatchFolders.in(data);
    assert.deepEqual(await second.dirs(), ['/x/a', '/x/b']);
    assert.equal(await second.dirOf('a-1'), '/x/a');
    await second.forget(['/x/a']);
    assert.deepEqual(JSON.parse(await readFile(join(data, 'batches.json'), 'utf8')), { version: 1, batches: [{ id: 'b-2', dir: '/x/b' }] });
  });

  it('reads a batch that never ran (config.json only) as a queued batch with its cards waiting', async () => {
    const folder = dir();
    const config = newBatchConfig({ dir: folder, fields: [], language: 'eng', options: {} });
    await writeBatchConfig(folder, config);
    const summary = await readBatchSummary(folder);
    assert.ok(summary.ok, JSON.stringify(summary));
    assert.deepEqual([summary.value.id, summary.value.status, summary.value.progress.processed], [config.id, 'queued', 0]);
  });

  it('spells "running or queued" once', () => {
    assert.deepEqual(BatchStatus.options.filter(isActiveStatus), ['queued', 'running']);
    assert.deepEqual([...activeStatuses].sort(), ['queued', 'running']);
  });
});
