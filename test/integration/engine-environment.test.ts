// The engine child's environment: glibc's malloc is held to two arenas with a fixed mmap threshold (tesseract.js
// worker threads recycled every few hundred cards otherwise leave fragmented memory behind and RSS climbs),
// unless the user chose the values.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import { engineEnvironment } from '../../src/engine/engine-client';
import { makeTmpDir } from '../support/tmp-dir';

function childEnvironment(pid: number): Map<string, string> {
  const entries = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  return new Map(entries.map(entry => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
}

describe('engine child environment', function () {
  this.timeout(60_000);
  let store: DisposableStore;
  beforeEach(() => { store = new DisposableStore(); });
  afterEach(() => store.dispose());

  it('keeps a MALLOC_ARENA_MAX the user set, and the rest of the environment', () => {
    assert.equal(engineEnvironment({ MALLOC_ARENA_MAX: '8', PATH: '/bin' }).MALLOC_ARENA_MAX, '8');
    assert.equal(engineEnvironment({ MALLOC_MMAP_THRESHOLD_: '65536' }).MALLOC_MMAP_THRESHOLD_, '65536');
    assert.deepEqual(engineEnvironment({ PATH: '/bin' }), { PATH: '/bin', MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' });
  });

  it('starts the real engine child with two malloc arenas and a fixed mmap threshold', async function () {
    if (process.platform !== 'linux') { this.skip(); }
    const saved = { arenas: process.env.MALLOC_ARENA_MAX, mmap: process.env.MALLOC_MMAP_THRESHOLD_ };
    delete process.env.MALLOC_ARENA_MAX;
    delete process.env.MALLOC_MMAP_THRESHOLD_;
    try {
      const client = await EngineClient.start({ settings: { dataDir: store.add(makeTmpDir('env-data')).dir, workers: 1 } });
      store.add({ dispose: () => { void client.close(); } });
      assert.ok(client.childPid, 'the engine child runs');
      const env = childEnvironment(client.childPid);
      assert.equal(env.get('MALLOC_ARENA_MAX'), '2');
      assert.equal(env.get('MALLOC_MMAP_THRESHOLD_'), '131072');
      assert.equal(env.get('PATH'), process.env.PATH);
    } finally {
      if (saved.arenas !== undefined) { process.env.MALLOC_ARENA_MAX = saved.arenas; }
      if (saved.mmap !== undefined) { process.env.MALLOC_MMAP_THRESHOLD_ = saved.mmap; }
    }
  });
});
