// Follows an EngineClient's batch messages in tests: await a message by predicate, never by time.
import { readFile } from 'node:fs/promises';
import type { Disposable } from '../../src/common/lifecycle';
import type { EngineClient } from '../../src/engine/index';
import type { BatchMessage, BatchStatus } from '../../src/protocol';

type StatusMessage = Extract<BatchMessage, { type: 'status' }>;

const finalStatuses: readonly BatchStatus[] = ['finished', 'paused', 'cancelled', 'failed'];

export class BatchWatch implements Disposable {
  readonly messages: BatchMessage[] = [];
  private readonly waiters: Array<{ test: (m: BatchMessage) => boolean; resolve: (m: BatchMessage) => void }> = [];
  private readonly subscription: Disposable;

  constructor(client: EngineClient) {
    this.subscription = client.onDidReceiveMessage(message => {
      this.messages.push(message);
      for (const waiter of [...this.waiters]) {
        if (waiter.test(message)) { this.waiters.splice(this.waiters.indexOf(waiter), 1); waiter.resolve(message); }
      }
    });
  }

  /** The first message (already seen or still to come) that passes `test`. */
  until(test: (message: BatchMessage) => boolean): Promise<BatchMessage> {
    const seen = this.messages.find(test);
    if (seen) { return Promise.resolve(seen); }
    return new Promise(resolve => this.waiters.push({ test, resolve }));
  }

  /** The batch's next final status after `from` messages (so a resumed batch's earlier end is skipped). */
  async ended(batchId: string, from = 0): Promise<StatusMessage> {
    const isEnd = (m: BatchMessage) => m.type === 'status' && m.batchId === batchId && finalStatuses.includes(m.status);
    const seen = this.messages.slice(from).find(isEnd);
    return (seen ?? await new Promise<BatchMessage>(resolve => this.waiters.push({ test: isEnd, resolve }))) as StatusMessage;
  }

  cardNames(batchId: string): string[] {
    return this.messages.flatMap(m => m.type === 'card' && m.batchId === batchId ? [m.result.card] : []).sort();
  }

  dispose(): void { this.subscription.dispose(); }
}

/** Parses our CSV (BOM, every value quoted, CRLF, quotes doubled) into rows of strings. */
export function parseCsv(text: string): string[][] {
  assertStartsWithBom(text);
  const rows: string[][] = [];
  const pattern = /"((?:[^"]|"")*)"(,|\r\n)/g;
  let row: string[] = [];
  let index = 1;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index !== index) { throw new Error(`CSV is not fully quoted at offset ${index}`); }
    row.push(match[1].replace(/""/g, '"'));
    if (match[2] === '\r\n') { rows.push(row); row = []; }
    index = pattern.lastIndex;
  }
  if (index !== text.length) { throw new Error(`CSV has trailing text at offset ${index}`); }
  return rows;
}

function assertStartsWithBom(text: string): void {
  if (!text.startsWith('\uFEFF')) { throw new Error('CSV does not start with a UTF-8 BOM'); }
}

export async function readCsv(file: string): Promise<string[][]> {
  return parseCsv(await readFile(file, 'utf8'));
}
