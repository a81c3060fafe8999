// The per-client relay policy over a real ws pair: snapshot first, seq order, progress coalesced (a held
// progress is flushed before a status and dropped when a card overtakes it), frames held while the snapshot is read.
import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { WsFrame, type BatchMessage, type BatchSummary, type CardResult } from '../../../../src/protocol/index';
import { defaultServerLimits } from '../../../../src/server/index';
import { BatchFeed } from '../../../../src/server/ws/batch-feed';
import { WatchConnection } from '../../../../src/server/ws/watch-connection';

const batchId = 'relay-test';
const summary: BatchSummary = {
  id: batchId, name: 'relay', dir: '/nonexistent', status: 'running', language: 'eng', fields: [],
  progress: { processed: 0, total: 9, succeeded: 0, failed: 0, cardsPerSecond: 0, etaSeconds: null },
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};
const progress = (processed: number): BatchMessage => ({ type: 'progress', batchId, ...summary.progress, processed });
const result = (card: string): CardResult => ({ card, text: card, confidence: 90, fields: {}, needsReview: false, width: 1, height: 1, durationMs: 1, processedAt: summary.createdAt });
const card = (name: string): BatchMessage => ({ type: 'card', batchId, result: result(name) });
const status = (value: 'finished' | 'running'): BatchMessage => ({ type: 'status', batchId, status: value });

describe('WatchConnection relay policy', () => {
  let server: Server;
  let wss: WebSocketServer;
  let feed: BatchFeed;
  let held: Promise<void>;

  beforeEach(async () => {
    feed = new BatchFeed(batchId, 100);
    held = Promise.resolve();
    server = createServer();
    wss = new WebSocketServer({ server });
    wss.on('connection', socket => {
      const connection = new WatchConnection(socket, feed, defaultServerLimits, () => { /* not dropped here */ });
      void connection.start(undefined, { dir: summary.dir, summary: async () => { await held; return { ok: true, value: summary }; } });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });
  afterEach(async () => {
    for (const client of wss.clients) { client.terminate(); }
    await new Promise<void>(resolve => wss.close(() => resolve()));
    await new Promise<void>(resolve => server.close(() => resolve()));
    feed.dispose();
  });

  /** Connects and collects frames until one with type `status` arrives. */
  async function connect(): Promise<{ frames: WsFrame[]; ended: Promise<WsFrame[]>; snapshot: Promise<void> }> {
    const socket = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const frames: WsFrame[] = [];
    let gotSnapshot!: () => void;
    const snapshot = new Promise<void>(resolve => { gotSnapshot = resolve; });
    const ended = new Promise<WsFrame[]>(resolve => socket.on('message', data => {
      const frame = WsFrame.parse(JSON.parse(String(data)));
      frames.push(frame);
      if (frame.type === 'snapshot') { gotSnapshot(); }
      if (frame.type === 'status') { socket.close(); resolve(frames); }
    }));
    await once(socket, 'open');
    return { frames, ended, snapshot };
  }

  it('sends the first progress at once, holds the rest, and flushes only the latest before a status', async () => {
    const client = await connect();
    await client.snapshot;
    for (let i = 1; i <= 50; i += 1) { feed.publish(progress(i)); }
    feed.publish(status('finished'));
    const frames = await client.ended;
    assert.deepEqual(frames.map(f => [f.type, f.seq]), [['snapshot', 0], ['progress', 1], ['progress', 50], ['status', 51]]);
  });

  it('drops a held progress that a card overtook, so seq only increases', async () => {
    const client = await connect();
    await client.snapshot;
    feed.publish(progress(1));
    feed.publish(progress(2));
    feed.publish(card('a.jpg'));
    feed.publish(progress(3));
    feed.publish(status('finished'));
    const frames = await client.ended;
    assert.deepEqual(frames.map(f => [f.type, f.seq]), [['snapshot', 0], ['progress', 1], ['card', 3], ['progress', 4], ['status', 5]]);
  });

  it('holds frames published while the snapshot is read and sends them after it, none twice', async () => {
    feed.publish(card('before.jpg'));
    let release!: () => void;
    held = new Promise(resolve => { release = resolve; });
    const client = await connect();
    feed.publish(card('during.jpg'));
    feed.publish(status('finished'));
    release();
    const frames = await client.ended;
    assert.deepEqual(frames.map(f => [f.type, f.seq]), [['snapshot', 1], ['card', 2], ['status', 3]]);
    const first = frames[0];
    assert.ok(first.type === 'snapshot');
    assert.deepEqual(first.recentCards.map(r => r.card), ['before.jpg']);
  });
});
