// `card-ocr serve` as a real process: prints the dashboard URL with the token in the fragment, answers on
// it, and on SIGTERM exits 0 leaving no engine child, no held port and no server.json behind.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DisposableStore } from '../../src/common/lifecycle';
import { httpRequest } from '../support/api-client';
import { makeTmpDir } from '../support/tmp-dir';

const repo = resolve(__dirname, '../..');

function serve(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--require', 'tsx/cjs', join(repo, 'src/cli/main.ts'), 'serve', ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Resolves with the first stdout line matching `pattern`; rejects if the process exits first. */
function lineMatching(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout! });
    let stderr = '';
    child.stderr!.on('data', chunk => { stderr += String(chunk); });
    lines.on('line', line => {
      const match = pattern.exec(line);
      if (match) { lines.close(); resolvePromise(match); }
    });
    child.once('exit', code => reject(new Error(`serve exited (${code}) before printing ${pattern}: ${stderr}`)));
  });
}

async function childrenOf(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
  return text.trim().split(/\s+/).filter(Boolean).map(Number);
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

describe('card-ocr serve (a real process)', function () {
  this.timeout(60_000);
  const store = new DisposableStore();
  afterEach(() => store.dispose());

  it('prints the dashboard URL with the token in the fragment and shuts down cleanly on SIGTERM', async () => {
    const dataDir = store.add(makeTmpDir('serve-data')).dir;
    const root = store.add(makeTmpDir('serve-root')).dir;
    const child = serve(['--port', '0', '--data-dir', dataDir, '--root', root]);
    store.add({ dispose: () => { if (child.exitCode === null) { child.kill('SIGKILL'); } } });
    const [, url, port, token] = await lineMatching(child, /^Dashboard: (http:\/\/127\.0\.0\.1:(\d+)\/)#token=([A-Za-z0-9_-]+)$/);
    const address = { port: Number(port), token };
    assert.deepEqual((await httpRequest(address, 'GET', '/api/v1/health')).body, { status: 'ok', version: '0.1.0' });
    assert.deepEqual(JSON.parse(await readFile(join(dataDir, 'server.json'), 'utf8')), { url, port: Number(port), token, pid: child.pid });
    const engines = await childrenOf(child.pid!);
    assert.equal(engines.length, 1, `one engine child, found ${engines.join(',')}`);

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    assert.equal(isAlive(engines[0]), false, 'the engine child is gone');
    await assert.rejects(stat(join(dataDir, 'server.json')), { code: 'ENOENT' });
    const probe = createServer();
    await new Promise<void>((resolvePromise, reject) => { probe.once('error', reject); probe.listen(Number(port), '127.0.0.1', () => resolvePromise()); });
    await new Promise<void>(resolvePromise => probe.close(() => resolvePromise()));
  });

  it('exits 2 for a bad port or a root that is not a folder', async () => {
    const dataDir = store.add(makeTmpDir('serve-bad')).dir;
    for (const args of [['--port', '70000'], ['--root', join(dataDir, 'missing')]]) {
      const child = serve(['--data-dir', dataDir, ...args]);
      child.stdout!.resume();
      child.stderr!.resume();
      const [code] = await once(child, 'exit');
      assert.deepEqual([args, code], [args, 2]);
    }
  });
});
