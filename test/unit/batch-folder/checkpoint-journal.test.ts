// The checkpoint journal on real files: replay, compaction, crash leftovers (cut lines, half-done compaction).
import * as assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { DisposableStore } from '../../../src/common/lifecycle';
import { batchPaths } from '../../../src/batch-folder/paths';
import { CheckpointJournal, readCheckpoint } from '../../../src/batch-folder/checkpoint-journal';
import { makeTmpDir } from '../../support/tmp-dir';

describe('CheckpointJournal', () => {
  let store: DisposableStore;
  let dir: string;
  beforeEach(() => { store = new DisposableStore(); dir = store.add(makeTmpDir('journal')).dir; });
  afterEach(() => { store.dispose(); });

  /** Opens the journal; disposal lets go of the file as a crash would, so a test decides when to close. */
  async function openJournal(): Promise<CheckpointJournal> {
    const journal = await CheckpointJournal.open(dir);
    store.add({ dispose: () => journal.release() });
    return journal;
  }

  it('replays started, done and failed events written before a crash', async () => {
    const journal = await openJournal();
    journal.started('a.jpg'); journal.done('a.jpg');
    journal.started('b.jpg'); journal.failed('b.jpg', 'card/truncated');
    journal.started('c.jpg');
    // No close(): the process "died" here. Another reader sees what is on disk.
    const state = await readCheckpoint(dir);
    assert.deepEqual([...state.done], ['a.jpg']);
    assert.deepEqual([...state.failed], [['b.jpg', 'card/truncated']]);
    assert.deepEqual([...state.unfinished], [['c.jpg', 1]]);
    assert.equal(state.skippedLines, 0);
  });

  it('counts how often a card was started and never finished, across reopenings', async () => {
    const first = await openJournal();
    first.started('poison.jpg'); first.started('fine.jpg'); first.done('fine.jpg');
    const second = await openJournal();
    assert.deepEqual([...second.state.unfinished], [['poison.jpg', 1]]);
    second.started('poison.jpg');
    const third = await openJournal();
    assert.deepEqual([...third.state.unfinished], [['poison.jpg', 2]]);
    assert.deepEqual([...third.state.done], ['fine.jpg']);
    third.failed('poison.jpg', 'card/killed-engine');
    await third.close();
    const state = await readCheckpoint(dir);
    assert.deepEqual([...state.unfinished], []);
    assert.deepEqual([...state.failed], [['poison.jpg', 'card/killed-engine']]);
  });

  it('skips a last line cut short by a crash and keeps appending on a fresh line', async () => {
    const journal = await openJournal();
    journal.started('a.jpg'); journal.done('a.jpg');
    appendFileSync(batchPaths(dir).journal, '{"event":"done","card":"b.j');
    const state = await readCheckpoint(dir);
    assert.deepEqual([...state.done], ['a.jpg']);
    assert.equal(state.skippedLines, 1);
    const reopened = await openJournal();
    reopened.started('b.jpg'); reopened.done('b.jpg');
    assert.deepEqual([...(await readCheckpoint(dir)).done].sort(), ['a.jpg', 'b.jpg']);
    await reopened.close();
  });

  it('ignores a journal older than checkpoint.json, left by a compaction cut short', async () => {
    const journal = await openJournal();
    journal.started('a.jpg');
    const stale = readFileSync(batchPaths(dir).journal, 'utf8');
    journal.done('a.jpg');
    await journal.close();
    // As if the process died after writing checkpoint.json but before swapping the journal: replaying the
    // old `started` again would count a crash that never happened.
    writeFileSync(batchPaths(dir).journal, stale);
    const state = await readCheckpoint(dir);
    assert.deepEqual([...state.done], ['a.jpg']);
    assert.deepEqual([...state.unfinished], []);
  });

  it('writes only one short line per card, never rewriting checkpoint.json', async () => {
    const journal = await openJournal();
    const checkpointBefore = readFileSync(batchPaths(dir).checkpoint, 'utf8');
    for (let i = 0; i < 1000; i++) { journal.started(`card-${i}.jpg`); journal.done(`card-${i}.jpg`); }
    assert.equal(readFileSync(batchPaths(dir).checkpoint, 'utf8'), checkpointBefore);
    const lines = readFileSync(batchPaths(dir).journal, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 1 + 2000);
    assert.equal(lines[2000], '{"event":"done","card":"card-999.jpg"}');
    await journal.close();
    const compacted = JSON.parse(readFileSync(batchPaths(dir).checkpoint, 'utf8')) as { done: string[] };
    assert.equal(compacted.done.length, 1000);
    assert.equal(readFileSync(batchPaths(dir).journal, 'utf8').trimEnd().split('\n').length, 1);
  });
});
