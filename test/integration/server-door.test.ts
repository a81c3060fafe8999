// The server's door and request checks over real HTTP and ws: token, Host, Origin, discovery file, port
// fallback, malformed bodies, path traversal, uploads refused by content and size. No OCR runs here.
import * as assert from 'node:assert/strict';
import { mkdir, readdir, stat, symlink, writeFile, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import { ErrorBody, UploadResponse, WsCloseCode } from '../../src/protocol/index';
import { discoveryFilePath, startServer, type ServerHandle } from '../../src/server/index';
import { httpRequest, upload, type Answer } from '../support/api-client';
import { makeTmpDir } from '../support/tmp-dir';
import { upgradeOutcome } from '../support/watch-batch';

function problemOf(answer: Answer): { code: string; message: string; details?: Record<string, unknown> } {
  return ErrorBody.parse(answer.body).error;
}

describe('server door (real HTTP and ws, no OCR)', function () {
  this.timeout(30_000);
  const suite = new DisposableStore();
  let engine: EngineClient;
  let server: ServerHandle;
  let dataDir: string;
  let root: string;
  let png: Buffer;

  before(async () => {
    const tmp = suite.add(makeTmpDir('server-door')).dir;
    dataDir = join(tmp, 'data');
    root = join(tmp, 'root');
    await mkdir(join(root, 'cards'), { recursive: true });
    await mkdir(join(tmp, 'outside'), { recursive: true });
    await symlink(join(tmp, 'outside'), join(root, 'escape'));
    engine = await EngineClient.start({ settings: { dataDir, workers: 1 } });
    server = await startServer({ engine, dataDir, roots: [root], limits: { maxFileBytes: 64 * 1024, maxFiles: 6 } });
    png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#ffffff' } }).png().toBuffer();
  });
  after(async () => {
    await server?.close();
    await engine?.close();
    suite.dispose();
  });

  describe('token', () => {
    it('answers /health with the token', async () => {
      const answer = await httpRequest(server, 'GET', '/api/v1/health');
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, { status: 'ok', version: '0.1.0' });
    });

    it('refuses a request without a token with 401 auth/denied', async () => {
      const answer = await httpRequest(server, 'GET', '/api/v1/batches', { token: null });
      assert.equal(answer.status, 401);
      assert.equal(problemOf(answer).code, 'auth/denied');
      assert.equal(answer.headers['www-authenticate'], 'Bearer');
    });

    it('refuses a wrong token, and a token in the REST query string', async () => {
      const wrong = await httpRequest(server, 'GET', '/api/v1/batches', { token: `${server.token}x` });
      assert.deepEqual([wrong.status, problemOf(wrong).message], [401, 'Wrong token']);
      const query = await httpRequest(server, 'GET', `/api/v1/batches?token=${server.token}`, { token: null });
      assert.equal(query.status, 401);
    });

    it('needs the token for the OpenAPI document too, which is OpenAPI 3.1', async () => {
      assert.equal((await httpRequest(server, 'GET', '/api/v1/openapi.json', { token: null })).status, 401);
      const answer = await httpRequest(server, 'GET', '/api/v1/openapi.json');
      assert.deepEqual([answer.status, answer.body.openapi], [200, '3.1.0']);
    });
  });

  describe('Host and Origin', () => {
    it('refuses a Host that is not loopback with our port (DNS rebinding), even with the token', async () => {
      for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, `127.0.0.2:${server.port}`]) {
        const answer = await httpRequest(server, 'GET', '/api/v1/health', { host });
        assert.deepEqual([host, answer.status, problemOf(answer).code], [host, 403, 'request/forbidden']);
      }
    });

    it('accepts localhost and [::1] with our port', async () => {
      for (const host of [`localhost:${server.port}`, `[::1]:${server.port}`]) {
        assert.equal((await httpRequest(server, 'GET', '/api/v1/health', { host })).status, 200);
      }
    });

    it('refuses a foreign Origin and lets a VS Code webview in with CORS', async () => {
      const foreign = await httpRequest(server, 'GET', '/api/v1/health', { headers: { origin: 'http://evil.example' } });
      assert.deepEqual([foreign.status, problemOf(foreign).code], [403, 'request/forbidden']);
      const webview = await httpRequest(server, 'GET', '/api/v1/health', { headers: { origin: 'vscode-webview://1abc' } });
      assert.deepEqual([webview.status, webview.headers['access-control-allow-origin']], [200, 'vscode-webview://1abc']);
      const preflight = await httpRequest(server, 'OPTIONS', '/api/v1/upload', { token: null, headers: { origin: 'vscode-webview://1abc', 'access-control-request-method': 'POST' } });
      assert.deepEqual([preflight.status, preflight.headers['access-control-allow-headers']], [204, 'Authorization, Content-Type']);
    });
  });

  describe('WebSocket door', () => {
    it('closes 4401 without a token or with a wrong one, in the query or the header', async () => {
      assert.deepEqual(await upgradeOutcome(server, 'some-batch', { tokenIn: 'none' }),
        { close: { code: WsCloseCode.unauthorized, reason: 'Missing token: send "Authorization: Bearer <token>" (see server.json)' } });
      assert.deepEqual(await upgradeOutcome(server, 'some-batch', { token: 'nope' }), { close: { code: 4401, reason: 'Wrong token' } });
      assert.deepEqual(await upgradeOutcome(server, 'some-batch', { tokenIn: 'header', token: 'nope' }), { close: { code: 4401, reason: 'Wrong token' } });
    });

    it('closes 4404 for an unknown batch, with the token in the header or the query', async () => {
      const expected = { close: { code: WsCloseCode.notFound, reason: 'unknown batch "no-such-batch"' } };
      assert.deepEqual(await upgradeOutcome(server, 'no-such-batch', { tokenIn: 'header' }), expected);
      assert.deepEqual(await upgradeOutcome(server, 'no-such-batch'), expected);
    });

    it('closes 4400 for a traversal in the batch id and for a bad since', async () => {
      assert.deepEqual(await upgradeOutcome(server, '..%2F..%2Fetc', { rawId: true }),
        { close: { code: 4400, reason: 'invalid batch id: lower-case letters, digits and -' } });
      assert.deepEqual(await upgradeOutcome(server, 'a-batch', { since: -1 }),
        { close: { code: 4400, reason: 'since must be a non-negative integer (the last seq you saw)' } });
    });

    it('refuses the upgrade with 403 for a foreign Host or Origin, and 404 off the watch path', async () => {
      assert.deepEqual(await upgradeOutcome(server, 'a-batch', { headers: { host: `evil.example:${server.port}` } }), { status: 403 });
      assert.deepEqual(await upgradeOutcome(server, 'a-batch', { headers: { origin: 'http://evil.example' } }), { status: 403 });
      assert.deepEqual(await upgradeOutcome(server, 'a/b', { rawId: true }), { status: 404 });
    });

    it('lets our own page and a VS Code webview origin through to the batch lookup', async () => {
      for (const origin of [`http://127.0.0.1:${server.port}`, 'vscode-webview://0a1b2c']) {
        assert.deepEqual(await upgradeOutcome(server, 'no-such-batch', { headers: { origin } }),
          { close: { code: 4404, reason: 'unknown batch "no-such-batch"' } });
      }
    });
  });

  describe('request checks', () => {
    it('answers a malformed body with 400 naming the bad field', async () => {
      const badField = await httpRequest(server, 'POST', '/api/v1/batches', { body: { folder: join(root, 'cards'), fields: [{ name: '1bad', find: { by: 'label', label: 'A' } }] } });
      assert.equal(badField.status, 400);
      assert.equal(problemOf(badField).code, 'request/invalid');
      assert.match(problemOf(badField).message, /^Invalid body: fields\.0\.name: /);
      const both = await httpRequest(server, 'POST', '/api/v1/batches', { body: { folder: root, uploadId: 'upload-x' } });
      assert.deepEqual([both.status, problemOf(both).message], [400, 'Invalid body: uploadId: give exactly one of uploadId or folder']);
      const unknown = await httpRequest(server, 'POST', '/api/v1/batches', { body: { folder: root, colour: 'red' } });
      assert.deepEqual([unknown.status, (problemOf(unknown).details!.issues as { field: string }[])[0].field], [400, 'body']);
      const notJson = await httpRequest(server, 'POST', '/api/v1/batches', { raw: { data: Buffer.from('{"folder":'), contentType: 'application/json' } });
      assert.deepEqual([notJson.status, problemOf(notJson).message], [400, 'The body is not valid JSON']);
    });

    it('refuses folders outside the roots, by traversal or by symlink, and relative ones', async () => {
      for (const folder of [join(root, '..', 'outside'), join(root, 'escape'), '/etc']) {
        const answer = await httpRequest(server, 'POST', '/api/v1/batches', { body: { folder } });
        assert.deepEqual([folder, answer.status, problemOf(answer).code], [folder, 403, 'request/forbidden']);
      }
      const relative = await httpRequest(server, 'POST', '/api/v1/batches', { body: { folder: 'cards' } });
      assert.deepEqual([relative.status, problemOf(relative).message], [400, 'folder must be an absolute path, got "cards"']);
    });

    it('answers a traversal in a batch id with 400 and an unknown id with 404', async () => {
      const traversal = await httpRequest(server, 'GET', '/api/v1/batches/..%2F..%2Fetc%2Fpasswd/csv');
      assert.deepEqual([traversal.status, problemOf(traversal).details], [400, { field: 'id' }]);
      const unknown = await httpRequest(server, 'GET', '/api/v1/batches/no-such-batch');
      assert.deepEqual([unknown.status, problemOf(unknown).code], [404, 'batch/not-found']);
      const route = await httpRequest(server, 'GET', '/api/v1/nothing-here');
      assert.deepEqual([route.status, problemOf(route).code], [404, 'request/not-found']);
    });
  });

  describe('uploads', () => {
    it('keeps images under safe unique names and refuses non-images by content', async () => {
      const answer = await upload(server, [
        { name: '../../evil.png', data: png },
        { name: '..\\..\\windows.png', data: png },
        { name: 'evil.png', data: png },
        { name: 'notes.jpg', data: Buffer.from('just text, named like an image') },
        { name: 'scan', data: png },
        { name: 'empty.png', data: Buffer.alloc(0) },
      ]);
      assert.equal(answer.status, 201);
      const body = UploadResponse.parse(answer.body);
      assert.deepEqual(body.files.map(f => f.name), ['evil.png', 'windows.png', 'evil-2.png', 'scan.png']);
      assert.deepEqual(body.rejected.map(r => [r.name, r.problem.code]), [['notes.jpg', 'card/not-an-image'], ['empty.png', 'card/empty']]);
      const staged = join(dataDir, 'uploads', body.uploadId);
      assert.deepEqual((await readdir(staged)).sort(), ['evil-2.png', 'evil.png', 'scan.png', 'windows.png']);
    });

    it('answers an upload with no image at all with 400 and leaves no staging folder', async () => {
      const before = await readdir(join(dataDir, 'uploads')).catch(() => []);
      const answer = await upload(server, [{ name: 'a.png', data: Buffer.from('%PDF-1.4 not an image') }]);
      assert.deepEqual([answer.status, problemOf(answer).code], [400, 'request/invalid']);
      assert.deepEqual(await readdir(join(dataDir, 'uploads')).catch(() => []), before);
    });

    it('answers an oversize file with 413 and leaves no staging folder', async () => {
      const before = await readdir(join(dataDir, 'uploads')).catch(() => []);
      const big = Buffer.concat([png, Buffer.alloc(64 * 1024)]);
      const answer = await upload(server, [{ name: 'big.png', data: big }]);
      assert.deepEqual([answer.status, problemOf(answer).code], [413, 'request/too-large']);
      assert.deepEqual(await readdir(join(dataDir, 'uploads')).catch(() => []), before);
    });

    it('answers too many files with 413, and files in another field with 400 naming it', async () => {
      const seven = Array.from({ length: 7 }, (_, i) => ({ name: `c${i}.png`, data: png }));
      const many = await upload(server, seven);
      assert.deepEqual([many.status, problemOf(many).code], [413, 'request/too-large']);
      const field = await upload(server, [{ name: 'a.png', data: png }], 'images');
      assert.deepEqual([field.status, problemOf(field).code, problemOf(field).details?.field], [400, 'request/invalid', 'images']);
    });

    it('answers a batch on an unknown upload id with 404 naming uploadId', async () => {
      const answer = await httpRequest(server, 'POST', '/api/v1/batches', { body: { uploadId: 'upload-nope' } });
      assert.deepEqual([answer.status, problemOf(answer).code, problemOf(answer).details], [404, 'request/not-found', { field: 'uploadId' }]);
    });
  });

  describe('discovery file and port', () => {
    it('writes server.json with mode 0600 while running', async () => {
      const file = discoveryFilePath(dataDir);
      assert.equal((await stat(file)).mode & 0o777, 0o600);
      assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), { url: `http://127.0.0.1:${server.port}/`, port: server.port, token: server.token, pid: process.pid });
    });

    it('falls back to a free port when the asked one is taken, says so, and removes server.json on close', async () => {
      const blocker = createServer();
      await new Promise<void>(resolve => blocker.listen(0, '127.0.0.1', () => resolve()));
      const taken = (blocker.address() as { port: number }).port;
      const otherData = suite.add(makeTmpDir('server-door-2')).dir;
      const second = await startServer({ engine, dataDir: otherData, roots: [], port: taken });
      try {
        assert.equal(second.portFellBack, true);
        assert.notEqual(second.port, taken);
        assert.equal((await httpRequest(second, 'GET', '/api/v1/health')).status, 200);
      } finally {
        await second.close();
        await new Promise<void>(resolve => blocker.close(() => resolve()));
      }
      await assert.rejects(stat(discoveryFilePath(otherData)), { code: 'ENOENT' });
      // The port is really free again: another listener can take it.
      const probe = createServer();
      await new Promise<void>((resolve, reject) => { probe.once('error', reject); probe.listen(second.port, '127.0.0.1', () => resolve()); });
      await new Promise<void>(resolve => probe.close(() => resolve()));
    });
  });

  describe('dashboard', () => {
    it('serves index.html around webview.js with a CSP, and nothing else of the static folder', async () => {
      const staticDir = suite.add(makeTmpDir('server-static')).dir;
      await writeFile(join(staticDir, 'webview.js'), 'document.body.dataset.loaded = "yes";\n');
      await writeFile(join(staticDir, 'engine.js'), '// private\n');
      const otherData = suite.add(makeTmpDir('server-door-3')).dir;
      const withPage = await startServer({ engine, dataDir: otherData, roots: [], staticDir });
      try {
        const page = await httpRequest(withPage, 'GET', '/', { token: null });
        assert.equal(page.status, 200);
        assert.match(page.text, /<script src="webview\.js"><\/script>/);
        assert.match(String(page.headers['content-security-policy']), /script-src 'self'.*connect-src 'self' ws:\/\/127\.0\.0\.1:\d+/);
        const script = await httpRequest(withPage, 'GET', '/webview.js', { token: null });
        assert.deepEqual([script.status, script.text], [200, 'document.body.dataset.loaded = "yes";\n']);
        assert.equal((await httpRequest(withPage, 'GET', '/engine.js', { token: null })).status, 404);
        assert.equal((await httpRequest(withPage, 'GET', '/', { token: null, host: 'evil.example' })).status, 403);
      } finally {
        await withPage.close();
      }
      assert.equal((await httpRequest(server, 'GET', '/', { token: null })).status, 404);
    });
  });
});
