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

describe('ReviewFlags, least-confident first', () => {
  let tmp: TmpDir;
  const learned = { by: 'learned', model: '/nowhere/model.json' } as const;
  /** Card i's learned name has confidence `scores[i]` (null: the model found nothing). */
  const scores = [70, 20, null, 95, 20, 55];
  beforeEach(async () => {
    tmp = makeTmpDir('review-order');
    await writeBatchConfig(tmp.dir, newBatchConfig({ dir: tmp.dir, fields: [{ name: 'name', find: learned }, { name: 'id', find: region }], language: 'eng', options: {} }));
    const journal = await CheckpointJournal.open(tmp.dir);
    for (const [i, score] of scores.entries()) {
      const result = card(`c${i}.jpg`, true);
      result.fields.name = { value: score === null ? '' : `Name ${i}`, confidence: score, flags: [] };
      await writeCardJson(tmp.dir, result);
      journal.started(result.card);
      journal.done(result.card);
    }
    await journal.close();
  });
  afterEach(() => tmp.dispose());

  it('orders the queue of a batch with learned fields by the model\'s confidence, lowest first, ties as they finished', async () => {
    const flags = new ReviewFlags();
    const queue = await flags.list(tmp.dir, { offset: 0, limit: 10 }, true);
    assert.deepEqual(queue.cards.map(c => c.card), ['c2.jpg', 'c1.jpg', 'c4.jpg', 'c5.jpg', 'c0.jpg', 'c3.jpg']);
    const page = await flags.list(tmp.dir, { offset: 2, limit: 2 }, true, 'least-confident');
    assert.deepEqual([page.total, page.cards.map(c => c.card)], [6, ['c4.jpg', 'c5.jpg']]);
    const finished = await flags.list(tmp.dir, { offset: 0, limit: 3 }, true, 'finished');
    assert.deepEqual(finished.cards.map(c => c.card), ['c0.jpg', 'c1.jpg', 'c2.jpg']);
  });

  it('sees a new confidence after the card is written again', async () => {
    const flags = new ReviewFlags();
    assert.equal((await flags.list(tmp.dir, { offset: 0, limit: 1 }, true)).cards[0].card, 'c2.jpg');
    const result = card('c3.jpg', true);
    result.fields.name = { value: 'Name 3', confidence: 5, flags: [], box: { x0: 0, y0: 0, x1: 1, y1: 1 } };
    await writeCardJson(tmp.dir, result);
    assert.deepEqual((await flags.list(tmp.dir, { offset: 0, limit: 2 }, true)).cards.map(c => c.card), ['c2.jpg', 'c3.jpg']);
  });
});
