// Planted symbolic links never take a read or a write out of the batch folder (issue 12): a card linked to a
// file outside is an _errors/ entry in server mode, a linked errors.jsonl or json/ stops the batch with a clear
// reason instead of writing through it, and the server serves no card image or CSV through a link.
import * as assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import { BatchAnswer } from '../../src/protocol/index';
import { startServer, type ServerHandle } from '../../src/server/index';
import { httpRequest } from '../support/api-client';
import { testCards, testFields, writeTestCards } from '../support/engine-cards';
import { renderCard } from '../support/make-cards';
import { runCli } from '../support/run-cli';
import { makeTmpDir } from '../support/tmp-dir';
import { watchBatch } from '../support/watch-batch';
import { batchPaths, readErrorEntries } from '../../src/batch-folder/index';

describe('planted symbolic links (real engine, real server)', function () {
  this.timeout(180_000);
  const suite = new DisposableStore();
  let store: DisposableStore;
  let engine: EngineClient;
  let server: ServerHandle;
  let root: string;
  let outside: string;

  before(async () => {
    const tmp = suite.add(makeTmpDir('links')).dir;
    root = join(tmp, 'root');
    outside = join(tmp, 'outside');
    await mkdir(root);
    await mkdir(outside);
    await writeFile(join(outside, 'secret.jpg'), await renderCard({ lines: ['Author: Secret, Card'], width: 900, height: 550 }));
    await writeFile(join(outside, 'rc-file'), 'export PATH=/usr/bin\n');
    engine = await EngineClient.start({ settings: { dataDir: join(tmp, 'data'), workers: 1 } });
    server = await startServer({ engine, dataDir: join(tmp, 'data'), roots: [root] });
  });
  after(async () => { await server?.close(); await engine?.close(); suite.dispose(); });
  beforeEach(() => { store = new DisposableStore(); });
  afterEach(() => store.dispose());

  async function folder(name: string): Promise<string> {
    const dir = join(root, name);
    await mkdir(dir);
    await writeTestCards(dir, testCards.slice(0, 1));
    return dir;
  }

  async function runOverApi(dir: string): Promise<{ id: string; status: string; message?: string }> {
    const answer = await httpRequest(server, 'POST', '/api/v1/batches', { body: { folder: dir, fields: testFields } });
    assert.equal(answer.status, 201, answer.text);
    const { batch } = BatchAnswer.parse(answer.body);
    const watcher = store.add(await watchBatch(server, batch.id));
    const end = await watcher.untilStatus('finished', 'failed');
    return { id: batch.id, status: end.type === 'status' ? end.status : '', ...(end.type === 'status' && end.problem ? { message: end.problem.message } : {}) };
  }

  it('sets a card linked to a file outside the folder aside as card/unreadable, and never serves it', async () => {
    const dir = await folder('card-link');
    await symlink(join(outside, 'secret.jpg'), join(dir, 'linked.jpg'));
    const end = await runOverApi(dir);
    assert.equal(end.status, 'finished');
    assert.deepEqual((await readErrorEntries(dir)).map(e => [e.card, e.problem.code, e.problem.message]), [['linked.jpg', 'card/unreadable',
      'linked.jpg is a symbolic link to a file outside the batch folder; the server reads no file outside its batch folders (copy the image in instead)']]);
    assert.deepEqual(await readdir(batchPaths(dir).jsonDir), ['card-1.jpg.json']);
    const errors = await httpRequest(server, 'GET', `/api/v1/batches/${end.id}/errors`);
    assert.deepEqual(errors.body.errors.map((e: { card: string }) => e.card), ['linked.jpg']);
    const image = await httpRequest(server, 'GET', `/api/v1/batches/${end.id}/cards/linked.jpg/image`);
    assert.deepEqual([image.status, image.body.error?.code], [403, 'request/forbidden']);

    // The CSV reached through a planted csv/ link is not served either.
    await rm(join(dir, 'csv'), { recursive: true });
    await mkdir(join(outside, 'csv'));
    await writeFile(join(outside, 'csv', 'card-link.csv'), 'not yours');
    await symlink(join(outside, 'csv'), join(dir, 'csv'));
    const csv = await httpRequest(server, 'GET', `/api/v1/batches/${end.id}/csv`);
    assert.deepEqual([csv.status, csv.body.error?.code], [403, 'request/forbidden']);
  });

  it('never appends to a file outside through a planted _errors/errors.jsonl: the batch stops and says why', async () => {
    const dir = await folder('errors-link');
    await writeFile(join(dir, 'torn.jpg'), 'not an image');
    await mkdir(join(dir, '_errors'));
    await symlink(join(outside, 'rc-file'), join(dir, '_errors', 'errors.jsonl'));
    const end = await runOverApi(dir);
    assert.equal(end.status, 'failed');
    assert.match(end.message ?? '', /Refusing to follow the symbolic link .*_errors\/errors\.jsonl in batch folder/);
    assert.equal(await readFile(join(outside, 'rc-file'), 'utf8'), 'export PATH=/usr/bin\n');
  });

  it('never writes card results into a folder outside through a planted json/ link', async () => {
    const dir = await folder('json-link');
    await mkdir(join(outside, 'json'));
    await symlink(join(outside, 'json'), join(dir, 'json'));
    const end = await runOverApi(dir);
    assert.equal(end.status, 'failed');
    assert.match(end.message ?? '', /Refusing to follow the symbolic link .*\/json in batch folder/);
    assert.deepEqual(await readdir(join(outside, 'json')), []);
  });

  it('the CLI reads a card linked by the user, and writes its outputs in the folder, not through the link', async () => {
    const dir = store.add(makeTmpDir('cli-link')).dir;
    const dataDir = store.add(makeTmpDir('cli-link-data')).dir;
    await symlink(join(outside, 'secret.jpg'), join(dir, 'linked.jpg'));
    const before = (await readdir(outside)).sort();
    const ran = await runCli(['run', dir, '--data-dir', dataDir]);
    assert.equal(ran.code, 0, ran.stdout + ran.stderr);
    assert.deepEqual(await readdir(batchPaths(dir).jsonDir), ['linked.jpg.json']);
    assert.deepEqual((await readdir(outside)).sort(), before);
  });
});
