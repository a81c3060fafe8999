// Template authoring before the first run: a folder inside an allowed root lists its card images, serves one, and
// previews fields on it; a folder outside the roots is refused. Real server, real engine, generated cards.
import * as assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import { CardResult, FolderCards } from '../../src/protocol/index';
import { startServer, type ServerHandle } from '../../src/server/index';
import { httpRequest } from '../support/api-client';
import { testCards, testFields, writeTestCards } from '../support/engine-cards';
import { makeTmpDir } from '../support/tmp-dir';

describe('server: the cards of a folder without a batch', function () {
  this.timeout(120_000);
  const store = new DisposableStore();
  let engine: EngineClient;
  let server: ServerHandle;
  let folder: string;
  let outside: string;

  before(async () => {
    const tmp = store.add(makeTmpDir('folder-cards')).dir;
    folder = join(tmp, 'root', 'fresh');
    outside = join(tmp, 'elsewhere');
    await mkdir(folder, { recursive: true });
    await mkdir(outside);
    await writeTestCards(folder);
    await writeTestCards(outside);
    engine = await EngineClient.start({ settings: { dataDir: join(tmp, 'data'), workers: 1 } });
    server = await startServer({ engine, dataDir: join(tmp, 'data'), roots: [join(tmp, 'root')] });
  });
  after(async () => { await server?.close(); await engine?.close(); store.dispose(); });

  it('lists the folder\'s card images and serves one as an image', async () => {
    const listed = await httpRequest(server, 'GET', `/api/v1/folder-cards?folder=${encodeURIComponent(folder)}`);
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(FolderCards.parse(listed.body), { folder, cards: testCards.map(c => c.name), total: 3 });
    const image = await httpRequest(server, 'GET', `/api/v1/folder-cards/image?folder=${encodeURIComponent(folder)}&card=card-3.png`);
    assert.equal(image.status, 200);
    assert.equal(image.headers['content-type'], 'image/png');
    assert.deepEqual([...image.bytes.subarray(1, 4)], [...Buffer.from('PNG')]);
  });

  it('previews fields on a card of the folder, and refuses a folder outside the roots or a path as a card', async () => {
    const read = await httpRequest(server, 'POST', '/api/v1/preview', { body: { folder, card: 'card-2.jpg', fields: testFields } });
    assert.equal(read.status, 200, read.text);
    const result = CardResult.parse(read.body);
    assert.deepEqual(Object.fromEntries(Object.entries(result.fields).map(([name, value]) => [name, value.value])),
      { author: 'Miller, Anna', title: 'Rivers of Europe', shelfmark: 'GB 1201' });
    const refused = await httpRequest(server, 'GET', `/api/v1/folder-cards?folder=${encodeURIComponent(outside)}`);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'request/forbidden');
    const path = await httpRequest(server, 'GET', `/api/v1/folder-cards/image?folder=${encodeURIComponent(folder)}&card=${encodeURIComponent('../elsewhere/card-1.jpg')}`);
    assert.equal(path.status, 400);
    const both = await httpRequest(server, 'POST', '/api/v1/preview', { body: { folder, batchId: 'x', card: 'card-2.jpg', fields: testFields } });
    assert.equal(both.status, 400);
  });
});
