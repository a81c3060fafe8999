// "Start over" goes through the engine, the folder's only writer: the outputs move under the folder's lock.
import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import { newBatchConfig, writeBatchConfig } from '../../src/batch-folder/config';
import { makeTmpDir } from '../support/tmp-dir';
import { hasBatch, previousRunsDirName } from '../../src/batch-folder/index';

describe('engine setAside (start over, then define the fields)', function () {
  this.timeout(60_000);
  let store: DisposableStore;
  let client: EngineClient;
  beforeEach(async () => {
    store = new DisposableStore();
    client = await EngineClient.start({ settings: { dataDir: store.add(makeTmpDir('aside-data')).dir, workers: 1 } });
    store.add({ dispose: () => { void client.close(); } });
  });
  afterEach(() => store.dispose());

  it('moves a batch\'s config into _previous/<time>/ and answers that folder; a folder without a batch is refused', async () => {
    const dir = store.add(makeTmpDir('aside')).dir;
    const none = await client.setAside(dir);
    assert.equal(none.ok ? 'ok' : none.error.code, 'batch/not-found');
    await writeBatchConfig(dir, newBatchConfig({ dir, fields: [], language: 'eng', options: {} }));
    const kept = await client.setAside(dir);
    assert.ok(kept.ok, JSON.stringify(kept));
    assert.equal(join(kept.value, '..'), join(dir, previousRunsDirName));
    assert.deepEqual(await readdir(kept.value), ['config.json']);
    assert.equal(await hasBatch(dir), false);
    assert.deepEqual((await readdir(dir)).filter(name => name !== previousRunsDirName), [], 'the lock file is gone too');
    // The lock is released: the folder can be started again.
    const again = await client.startBatch({ dir, fields: [], language: 'eng', options: {} });
    assert.ok(again.ok, JSON.stringify(again));
    assert.equal(await hasBatch(dir), true);
  });
});
