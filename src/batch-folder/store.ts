// Reads a batch's state from its folder without an engine running: for the server, CLI and extension.
// Never writes.
import { access } from 'node:fs/promises';
import type { BatchConfig, BatchSummary, CardResult, Outcome, ProgressCounts } from '../protocol';
import { readBatchConfig } from './config';
import { batchPaths } from './paths';
import { listCardFiles } from './card-files';
import { readCheckpoint } from './checkpoint-journal';
import { readCardJson } from './outputs/card-json';
import { orderCards, type CardOrder } from './card-order';

export async function hasBatch(dir: string): Promise<boolean> {
  try { await access(batchPaths(dir).config); return true; } catch { return false; }
}

export function summaryOf(dir: string, config: BatchConfig, progress: ProgressCounts): BatchSummary {
  const learned = config.fields.filter(field => field.find.by === 'learned').map(field => field.name);
  return {
    id: config.id, name: config.name, dir, status: config.status, language: config.language,
    fields: config.fields.map(field => field.name), ...(learned.length > 0 ? { learnedFields: learned } : {}),
    progress, createdAt: config.createdAt, updatedAt: config.updatedAt,
  };
}

/** Counts from the checkpoint plus the cards still waiting in the folder; speed and ETA are unknown (0, null). */
export async function readBatchSummary(dir: string): Promise<Outcome<BatchSummary>> {
  const config = await readBatchConfig(dir);
  if (!config.ok) { return config; }
  const state = await readCheckpoint(dir);
  const waiting = (await listCardFiles(dir)).filter(card => !state.done.has(card));
  const waitingSet = new Set(waiting);
  const failed = [...state.failed.keys()].filter(card => !waitingSet.has(card)).length;
  const succeeded = state.done.size;
  return { ok: true, value: summaryOf(dir, config.value, {
    processed: succeeded + failed, total: succeeded + failed + waiting.length, succeeded, failed, cardsPerSecond: 0,
    etaSeconds: waiting.length === 0 ? 0 : null,
  }) };
}

export function readCardResult(dir: string, card: string): Promise<Outcome<CardResult>> {
  return readCardJson(dir, card);
}

/** Successful cards in the order they finished, one page at a time (the review queue: ReviewFlags). */
export async function listCardResults(dir: string, page: { offset: number; limit: number }, order?: CardOrder): Promise<{ cards: CardResult[]; total: number }> {
  const done = orderCards([...(await readCheckpoint(dir)).done], order);
  const cards: CardResult[] = [];
  for (const card of done.slice(page.offset, page.offset + page.limit)) {
    const result = await readCardJson(dir, card);
    if (result.ok) { cards.push(result.value); }
  }
  return { cards, total: done.length };
}
