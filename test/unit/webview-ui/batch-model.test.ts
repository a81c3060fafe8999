// The dashboard's batch model folds WS frames into rows: re-attach repeats never duplicate, retries move cards.
import * as assert from 'node:assert/strict';
import type { BatchSummary, CardResult, WsFrame } from '../../../src/protocol/index';
import { BatchModel, type ModelChange } from '../../../webview-ui/src/batch-model';
import { formatEta, progressLine, resultLine } from '../../../webview-ui/src/format';
import { finderOf } from '../../../webview-ui/src/finder-text';

const batch: BatchSummary = {
  id: 'b1', name: 'Cards', dir: '/tmp/cards', status: 'running', language: 'eng', fields: ['author'],
  progress: { processed: 0, total: 3, succeeded: 0, failed: 0, cardsPerSecond: 0, etaSeconds: null },
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
};
function card(name: string): CardResult {
  return { card: name, text: `Author: ${name}`, confidence: 90, fields: { author: { value: name, confidence: 90, flags: [] } },
    needsReview: false, width: 10, height: 10, durationMs: 5, processedAt: '2026-01-01T00:00:01Z' };
}
const snapshot = (seq: number, cards: CardResult[] = [], errors: string[] = []): WsFrame => ({
  type: 'snapshot', seq, batch, percent: 0, recentCards: cards,
  recentErrors: errors.map(c => ({ card: c, problem: { code: 'card/empty', message: 'empty file' } })),
});

describe('webview BatchModel', () => {
  it('keeps one row per card when a re-attach repeats results', () => {
    const model = new BatchModel('b1');
    model.apply(snapshot(1));
    model.apply({ type: 'card', seq: 2, batchId: 'b1', result: card('a.jpg') });
    model.apply(snapshot(5, [card('a.jpg'), card('b.jpg')]));
    model.apply({ type: 'card', seq: 6, batchId: 'b1', result: card('c.jpg') });
    assert.deepEqual(model.cards.map(c => c.card), ['a.jpg', 'b.jpg', 'c.jpg']);
    assert.equal(model.lastSeq, 6);
  });

  it('ignores frames it has already seen, but a snapshot restarts the numbering (a restarted server)', () => {
    const model = new BatchModel('b1');
    model.apply(snapshot(10));
    model.apply({ type: 'status', seq: 9, batchId: 'b1', status: 'failed' });
    assert.equal(model.status, 'running');
    model.apply(snapshot(2));
    model.apply({ type: 'status', seq: 3, batchId: 'b1', status: 'finished' });
    assert.equal(model.status, 'finished');
    assert.equal(model.lastSeq, 3);
  });

  it('moves a retried card from the errors to the rows when it succeeds', () => {
    const model = new BatchModel('b1');
    const changes: ModelChange['kind'][] = [];
    model.onDidChange(change => changes.push(change.kind));
    model.apply(snapshot(1, [], ['d.jpg']));
    assert.deepEqual(model.errors.map(e => e.card), ['d.jpg']);
    model.apply({ type: 'card', seq: 2, batchId: 'b1', result: card('d.jpg') });
    assert.deepEqual(model.errors, []);
    assert.deepEqual(model.cards.map(c => c.card), ['d.jpg']);
    assert.deepEqual(changes, ['batch', 'errors', 'errors', 'card']);
  });

  it('updates progress counts from progress frames', () => {
    const model = new BatchModel('b1');
    model.apply(snapshot(1));
    model.apply({ type: 'progress', seq: 2, batchId: 'b1', processed: 2, total: 3, succeeded: 1, failed: 1, cardsPerSecond: 1.25, etaSeconds: 0.8 });
    assert.equal(progressLine(model.progress!), '66% · 2/3 cards · 1.3 cards/s · ETA 0:01');
  });

  it('after a retry says what the run did, not a rate', () => {
    const model = new BatchModel('b1');
    model.apply(snapshot(1, [], ['d.jpg']));
    model.apply({ type: 'status', seq: 2, batchId: 'b1', status: 'running' });
    model.apply({ type: 'card', seq: 3, batchId: 'b1', result: card('d.jpg') });
    model.apply({ type: 'progress', seq: 4, batchId: 'b1', processed: 3, total: 3, succeeded: 3, failed: 0, cardsPerSecond: 143, etaSeconds: 0 });
    model.apply({ type: 'status', seq: 5, batchId: 'b1', status: 'finished' });
    assert.deepEqual([model.lastRun?.read, model.lastRun?.failed], [1, 0]);
    assert.match(resultLine(model.progress!, model.lastRun), /^100% · 3\/3 cards · 3 read, 0 failed · last run: 1 read, 0 failed in \d+ s$/);
  });

  it('keeps at most maxCards rows, dropping the oldest', () => {
    const model = new BatchModel('b1', 2);
    model.apply(snapshot(1, [card('a.jpg'), card('b.jpg'), card('c.jpg')]));
    assert.deepEqual(model.cards.map(c => c.card), ['b.jpg', 'c.jpg']);
  });
});

describe('webview formatting and field finders', () => {
  it('formats ETAs', () => {
    assert.deepEqual([null, 0, 59.6, 61, 3725].map(formatEta), ['—', '0:00', '1:00', '1:01', '1:02:05']);
  });

  it('turns the editor text into finders, or says what is wrong', () => {
    assert.deepEqual(finderOf('lines', '2-3'), { by: 'lines', from: 2, to: 3 });
    assert.deepEqual(finderOf('lines', '4'), { by: 'lines', from: 4 });
    assert.equal(finderOf('lines', 'two'), 'lines: give a line number or a range like 2-3');
    assert.deepEqual(finderOf('region', '0, 0.1, 0.5, 0.2'), { by: 'region', region: { left: 0, top: 0.1, width: 0.5, height: 0.2 } });
    assert.equal(finderOf('region', '1,2'), 'region: give four numbers left,top,width,height');
    assert.deepEqual(finderOf('label', ' Author: '), { by: 'label', label: 'Author:' });
  });
});
