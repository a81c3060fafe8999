// Uploads are private, bounded and temporary (issue 12): staging folders 0700 and files 0600, a quota over all
// uploads, and uploads never started as a batch removed after their expiry.
import * as assert from 'node:assert/strict';
import { mkdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { HttpProblem } from '../../../src/server/http-errors';
import { UploadStore } from '../../../src/server/upload-store';
import { makeTmpDir, type TmpDir } from '../../support/tmp-dir';

describe('upload store', () => {
  let tmp: TmpDir;
  let png: Buffer;
  before(async () => { png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#fff' } }).png().toBuffer(); });
  beforeEach(() => { tmp = makeTmpDir('uploads'); });
  afterEach(() => tmp.dispose());

  async function receive(dir: string, name: string): Promise<{ originalName: string; path: string; size: number }> {
    const path = join(dir, `.incoming-${name}`);
    await writeFile(path, png);
    return { originalName: name, path, size: png.length };
  }

  it('keeps uploads private: folders 0700, files 0600', async () => {
    const store = new UploadStore(tmp.dir);
    const { uploadId, dir } = await store.create();
    const answer = await store.accept(uploadId, dir, [await receive(dir, 'a.png')]);
    assert.deepEqual(answer.files.map(f => f.name), ['a.png']);
    assert.equal((await stat(join(tmp.dir, 'uploads'))).mode & 0o777, 0o700);
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
    assert.equal((await stat(join(dir, 'a.png'))).mode & 0o777, 0o600);
  });

  it('refuses files past the quota, and a new upload once it is full', async () => {
    const store = new UploadStore(tmp.dir, { maxTotalBytes: png.length * 2, maxAgeMs: 60_000 });
    const { uploadId, dir } = await store.create();
    const answer = await store.accept(uploadId, dir, [await receive(dir, 'a.png'), await receive(dir, 'b.png'), await receive(dir, 'c.png')]);
    assert.deepEqual(answer.files.map(f => f.name), ['a.png', 'b.png']);
    assert.deepEqual(answer.rejected.map(r => [r.name, r.problem.code]), [['c.png', 'request/too-large']]);
    await assert.rejects(store.create(), (error: unknown) => error instanceof HttpProblem && error.problem.code === 'request/too-large');
  });

  it('removes uploads never started as a batch after their expiry, and keeps batches', async () => {
    const store = new UploadStore(tmp.dir, { maxTotalBytes: 1e9, maxAgeMs: 60_000 });
    const old = await store.create();
    const started = await store.create();
    await mkdir(started.dir, { recursive: true });
    await writeFile(join(started.dir, 'config.json'), '{}');
    const past = new Date(Date.now() - 120_000);
    await utimes(old.dir, past, past);
    await utimes(started.dir, past, past);
    await store.create();
    assert.equal(await store.exists(old.uploadId), false);
    assert.equal(await store.exists(started.uploadId), true);
  });
});
