// Malformed requests are the client's fault (issue 12): a bad %-escape in the path, a body that does not inflate
// as gzip, a multipart body cut short each answer 400 request/invalid, never 500; and CSV cells that a
// spreadsheet would run as a formula are neutralised.
import * as assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import { csvRow } from '../../src/batch-folder/outputs/csv-table';
import { startServer, type ServerHandle } from '../../src/server/index';
import { httpRequest } from '../support/api-client';
import { makeTmpDir } from '../support/tmp-dir';

describe('malformed requests answer 400 (real server)', function () {
  this.timeout(60_000);
  const suite = new DisposableStore();
  let engine: EngineClient;
  let server: ServerHandle;

  before(async () => {
    const dataDir = suite.add(makeTmpDir('bad-bodies')).dir;
    engine = await EngineClient.start({ settings: { dataDir, workers: 1 } });
    server = await startServer({ engine, dataDir, roots: [] });
  });
  after(async () => { await server?.close(); await engine?.close(); suite.dispose(); });

  const cases: Array<[string, string, string, () => { data: Buffer; contentType: string; headers?: Record<string, string> } | undefined]> = [
    ['a malformed %-escape in the path', 'GET', '/api/v1/batches/%E0%A4%A/cards', () => undefined],
    ['a body that is not gzip though it says so', 'POST', '/api/v1/batches', () => ({ data: Buffer.from('not gzip at all'), contentType: 'application/json', headers: { 'content-encoding': 'gzip' } })],
    ['a gzip body cut short', 'POST', '/api/v1/batches', () => ({ data: gzipSync(Buffer.from(JSON.stringify({ folder: '/x' }))).subarray(0, 12), contentType: 'application/json', headers: { 'content-encoding': 'gzip' } })],
    ['a multipart body cut short', 'POST', '/api/v1/upload', () => ({ data: Buffer.from('--xyz\r\nContent-Disposition: form-data; name="files"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff'), contentType: 'multipart/form-data; boundary=xyz' })],
  ];
  for (const [name, method, path, body] of cases) {
    it(`${name} → 400 request/invalid`, async () => {
      const raw = body();
      const answer = await httpRequest(server, method, path, raw ? { raw: { data: raw.data, contentType: raw.contentType }, headers: raw.headers ?? {} } : {});
      assert.deepEqual([answer.status, answer.body?.error?.code], [400, 'request/invalid'], answer.text);
    });
  }

  it('neutralises CSV cells that start with = + - @, a tab or a CR', () => {
    const value = (text: string) => ({ value: text, confidence: 90, flags: [] });
    const row = csvRow({ card: 'a.jpg', text: '-1+1', confidence: 90, fields: { a: value('-2+3'), b: value('=1'), c: value('\tx'), d: value('plain -') },
      needsReview: false, width: 1, height: 1, durationMs: 1, processedAt: '2026-01-01T00:00:00.000Z' }, ['a', 'b', 'c', 'd']);
    assert.equal(row, `"a.jpg","'-2+3","'=1","'\tx","plain -","90.0","no","'-1+1"\r\n`);
  });
});
