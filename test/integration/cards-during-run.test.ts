// Cards that come and go while a batch runs (issue 12), with the real engine: a card removed mid-run is listed
// among the errors (GET /errors reads the same list) with a reason saying it is gone, and cards added mid-run
// are named at the end ("… appeared during the run: resume to read them").
import * as assert from 'node:assert/strict';
import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { EngineClient } from '../../src/engine/index';
import { BatchWatch } from '../support/batch-watch';
import { testFields, writeTestCards } from '../support/engine-cards';
import { makeTmpDir } from '../support/tmp-dir';
import { readErrorEntries } from '../../src/batch-folder/index';

describe('cards removed and added while a batch runs (real OCR)', function () {
  this.timeout(120_000);
  const store = new DisposableStore();
  after(() => store.dispose());

  it('lists a removed card among the errors and names the cards that appeared', async () => {
    const dir = store.add(makeTmpDir('come-and-go')).dir;
    await writeTestCards(dir);
    for (let n = 4; n <= 8; n += 1) { await copyFile(join(dir, 'card-1.jpg'), join(dir, `card-${n}.jpg`)); }
    const logs: string[] = [];
    const engine = await EngineClient.start({ settings: { dataDir: store.add(makeTmpDir('come-and-go-data')).dir, workers: 1 }, onLog: (_level, message) => logs.push(message) });
    store.add({ dispose: () => { void engine.close(); } });
    const watch = store.add(new BatchWatch(engine));
    const started = await engine.startBatch({ dir, fields: testFields, language: 'eng', options: {} });
    assert.ok(started.ok);
    await watch.until(message => message.type === 'card');
    // One lane reads ahead, so the last card is still waiting: remove it, and add three new ones.
    await rm(join(dir, 'card-8.jpg'));
    for (const name of ['new-a.jpg', 'new-b.jpg', 'new-c.jpg']) { await copyFile(join(dir, 'card-2.jpg'), join(dir, name)); }
    assert.equal((await watch.ended(started.value.id)).status, 'finished');
    await engine.close();

    const errors = await readErrorEntries(dir);
    assert.deepEqual(errors.map(entry => [entry.card, entry.problem.code, entry.problem.details?.gone]), [['card-8.jpg', 'card/unreadable', true]]);
    assert.match(errors[0].problem.message, /\(the file is gone: removed from the folder while the batch ran\)$/);
    assert.ok(logs.includes('3 cards appeared during the run (new-a.jpg, new-b.jpg, new-c.jpg): resume to read them'), logs.join('\n'));
  });
});
