// The template library, the CSV download and "Start over" are engine requests: the engine, the batch folder's owner
// (its only writer), answers them.
import * as assert from 'node:assert/strict';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient, listTemplates } from '../../src/engine/index';
import { BatchWatch } from '../support/batch-watch';
import { makeTmpDir } from '../support/tmp-dir';
import { batchPaths, hasBatch, newBatchConfig, previousRunsDirName, writeBatchConfig } from '../../src/batch-folder/index';

describe('engine-owned requests: templates, the CSV file, setting a batch aside', function () {
  this.timeout(60_000);
  let store: DisposableStore;
  let client: EngineClient;
  beforeEach(async () => {
    store = new DisposableStore();
    client = await EngineClient.start({ settings: { dataDir: store.add(makeTmpDir('owned-data')).dir, workers: 1 } });
  });
  // The engine is closed before its folders go: a batch still writing would leave them half removed.
  afterEach(async () => { await client.close(); store.dispose(); });

  it('lists bundled templates once and each workspace folder\'s own, a later folder shadowing an earlier one, bad files as problems', async () => {
    const [a, b] = [store.add(makeTmpDir('ws-a')).dir, store.add(makeTmpDir('ws-b')).dir];
    for (const [dir, name] of [[a, 'From A'], [b, 'From B']]) {
      await mkdir(join(dir, '.card-ocr', 'templates'), { recursive: true });
      await writeFile(join(dir, '.card-ocr', 'templates', 'mine.json'), JSON.stringify({ id: 'mine', name, version: 1, fields: [] }));
    }
    await writeFile(join(a, '.card-ocr', 'templates', 'broken.json'), '{ not json');
    const listing = await client.listTemplates([a, b]);
    assert.ok(listing.ok, JSON.stringify(listing));
    const ids = listing.value.templates.map(entry => `${entry.template.id}:${entry.source}`);
    assert.deepEqual(ids, [...new Set(ids)], 'one entry per id');
    assert.ok(ids.includes('library-catalogue-card:bundled'), ids.join(', '));
    assert.equal(listing.value.templates.find(entry => entry.template.id === 'mine')?.template.name, 'From B');
    assert.deepEqual(listing.value.problems.map(problem => problem.code), ['template/invalid']);
    // The CLI's listing (in-process) and the engine's are the same library.
    assert.deepEqual(listing.value.templates.map(entry => entry.file), (await listTemplates([a, b])).templates.map(entry => entry.file));
  });

  it('names the CSV only when it is there and not reached through a link', async () => {
    const dir = store.add(makeTmpDir('owned-csv')).dir;
    const missing = await client.csvFile(dir);
    assert.deepEqual(missing.ok ? 'ok' : missing.error.code, 'request/not-found');
    const file = batchPaths(dir).csvFile;
    await mkdir(join(dir, 'csv'));
    await writeFile(file, '\uFEFFcard\n');
    assert.deepEqual(await client.csvFile(dir), { ok: true, value: file });
    const linked = store.add(makeTmpDir('owned-link')).dir;
    const outside = store.add(makeTmpDir('owned-outside')).dir;
    await mkdir(join(outside, 'csv'));
    await writeFile(join(outside, 'csv', 'x.csv'), 'not yours');
    await symlink(join(outside, 'csv'), join(linked, 'csv'));
    const refused = await client.csvFile(linked);
    assert.deepEqual(refused.ok ? 'ok' : refused.error.code, 'request/forbidden');
  });

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
    const watch = store.add(new BatchWatch(client));
    const again = await client.startBatch({ dir, fields: [], language: 'eng', options: {} });
    assert.ok(again.ok, JSON.stringify(again));
    assert.equal((await watch.ended(again.value.id)).status, 'finished');
    assert.equal(await hasBatch(dir), true);
  });
});
