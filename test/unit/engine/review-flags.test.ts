// The review queue's flags: right after cards finish, right after a review, and read from each JSON only once
// while it is unchanged (a queue over tens of thousands of cards must not parse every file per page).
import { strict as assert } from 'node:assert';
import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { newBatchConfig, writeBatchConfig } from '../../../src/batch-folder/config';
import { cardJsonPath } from '../../../src/batch-folder/paths';
import { CheckpointJournal } from '../../../src/batch-folder/checkpoint-journal';
import { writeCardJson } from '../../../src/batch-folder/outputs/card-json';
import { reviewCard } from '../../../src/engine/review';
import { ReviewFlags } from '../../../src/engine/review-flags';
import type { CardResult } from '../../../src/protocol';
import { makeTmpDir, type TmpDir } from '../../support/tmp-dir';

const region = { by: 'region', region: { left: 0, top: 0, width: 1, height: 1 } } as const;

function card(name: string, flagged: boolean): CardResult {
  return { card: name, text: 't', confidence: 80, needsReview: flagged, width: 100, height: 60, durationMs: 5, processedAt: '2026-01-01T00:00:00.000Z',
    fields: { id: { value: flagged ? 'B.5l' : 'B.51', confidence: 80, flags: flagged ? ['invalid'] : [] } } };
}

describe('ReviewFlags', () => {
  let tmp: TmpDir;
  beforeEach(async () => {
    tmp = makeTmpDir('review-flags');
    await writeBatchConfig(tmp.dir, newBatchConfig({ dir: tmp.dir, fields: [{ name: 'id', find: region }], language: 'eng', options: {} }));
    const journal = await CheckpointJournal.open(tmp.dir);
    for (let i = 0; i < 150; i++) {
      const result = card(`c${String(i).padStart(3, '0')}.jpg`, i % 3 === 0);
      await writeCardJson(tmp.dir, result);
      journal.started(result.card);
      journal.done(result.card);
    }
    await journal.close();
  });
  afterEach(() => tmp.dispose());

  it('pages through the cards that need review, or those that do not, in the order they finished', async () => {
    const flags = new ReviewFlags();
    const first = await flags.list(tmp.dir, { offset: 0, limit: 3 }, true);
    assert.deepEqual([first.total, first.cards.map(c => c.card)], [50, ['c000.jpg', 'c003.jpg', 'c006.jpg']]);
    const last = await flags.list(tmp.dir, { offset: 48, limit: 10 }, true);
    assert.deepEqual(last.cards.map(c => c.card), ['c144.jpg', 'c147.jpg']);
    const clean = await flags.list(tmp.dir, { offset: 0, limit: 2 }, false);
    assert.deepEqual([clean.total, clean.cards.map(c => c.card)], [100, ['c001.jpg', 'c002.jpg']]);
  });

  it('sees a review at once: the reviewed card leaves the queue', async () => {
    const flags = new ReviewFlags();
    assert.equal((await flags.list(tmp.dir, { offset: 0, limit: 1 }, true)).total, 50);
    const reviewed = await reviewCard(tmp.dir, 'c003.jpg', { id: 'B.51' }, '2026-02-01T00:00:00.000Z');
    assert.ok(reviewed.ok);
    const after = await flags.list(tmp.dir, { offset: 0, limit: 2 }, true);
    assert.deepEqual([after.total, after.cards.map(c => c.card)], [49, ['c000.jpg', 'c006.jpg']]);
  });

  it('answers from memory while a file is unchanged, and skips a card whose JSON is gone', async () => {
    const flags = new ReviewFlags();
    const file = cardJsonPath(tmp.dir, 'c000.jpg');
    const when = new Date('2026-01-01T00:00:00.000Z'); // whole seconds: set twice, compared exactly
    await utimes(file, when, when);
    assert.equal(await flags.needsReview(tmp.dir, 'c000.jpg'), true);
    // Same size and time, other content: a reader that remembered the flag still says true, a fresh one reads false.
    const before = await stat(file);
    const text = await readFile(file, 'utf8');
    const edited = text.replace(/"needsReview": ?true/, match => (match.includes(' ') ? '"needsReview":false' : match));
    assert.notEqual(edited, text, 'the JSON is written with "needsReview": true');
    await writeFile(file, edited);
    await utimes(file, when, when);
    assert.equal((await stat(file)).size, before.size);
    assert.equal(await flags.needsReview(tmp.dir, 'c000.jpg'), true);
    assert.equal(await new ReviewFlags().needsReview(tmp.dir, 'c000.jpg'), false);
    await rm(cardJsonPath(tmp.dir, 'c003.jpg'));
    assert.equal(await flags.needsReview(tmp.dir, 'c003.jpg'), undefined);
    // 50 flagged, less the card without JSON (c000 still counts: its file did not change as far as stat can tell).
    assert.equal((await flags.list(tmp.dir, { offset: 0, limit: 1 }, true)).total, 49);
  });
});
