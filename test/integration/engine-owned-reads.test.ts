// The template library and the CSV download are engine requests: the engine, the batch folder's owner, answers them.
import * as assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient, listTemplates } from '../../src/engine/index';
import { makeTmpDir } from '../support/tmp-dir';
import { batchPaths } from '../../src/batch-folder/index';

describe('engine-owned reads: templates and the CSV file', function () {
  this.timeout(60_000);
  let store: DisposableStore;
  let client: EngineClient;
  beforeEach(async () => {
    store = new DisposableStore();
    client = await EngineClient.start({ settings: { dataDir: store.add(makeTmpDir('owned-data')).dir, workers: 1 } });
    store.add({ dispose: () => { void client.close(); } });
  });
  afterEach(() => store.dispose());

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
});
