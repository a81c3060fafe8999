import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineClient } from './src/engine/index';
import { writeBenchCards } from './bench/bench-cards';
function self(pid: number) { const s = readFileSync(`/proc/${pid}/stat`, 'utf8'); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); return (Number(f[11]) + Number(f[12])) * 10; }
function kids(pid: number) { return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number); }
(async () => {
  const backend = (process.argv[2] ?? 'native') as 'native';
  const work = mkdtempSync('/tmp/t14/prof-');
  const n = 40;
  await writeBenchCards(join(work, 'cards'), n);
  const client = await EngineClient.start({ settings: { dataDir: join(work, 'data'), workers: 2, ocrBackend: backend } });
  let before: any; let after: any; const parent0 = process.cpuUsage(); let p1: any, p2: any;
  const snap = () => { const pid = client.childPid!; return { engine: self(pid), kids: kids(pid).map(self).reduce((a, b) => a + b, 0) }; };
  let count = 0;
  const done = new Promise<void>(r => client.onDidReceiveMessage(m => { if (m.type === 'card') { count++; if (count === 4) { before = snap(); p1 = process.cpuUsage(); } } if (m.type === 'status' && m.status === 'finished') { after = snap(); p2 = process.cpuUsage(p1); r(); } }));
  const s = await client.startBatch({ dir: join(work, 'cards'), fields: [], language: 'eng', options: { workers: 2, preprocess: { greyscale: false, normalise: false } } });
  if (!s.ok) throw new Error(s.error.message);
  await done; await client.close();
  const cards = n - 4;
  console.log(backend, 'engine own CPU ms/card', ((after.engine - before.engine) / cards).toFixed(1), 'hosts', ((after.kids - before.kids) / cards).toFixed(1), 'parent', ((p2.user + p2.system) / 1000 / cards).toFixed(1));
})();
