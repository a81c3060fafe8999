// Which finished cards need review, remembered per card JSON by its size and modification time: a review queue
// over a 40,000-card batch then stats each file instead of reading and parsing it on every page. A review
// rewrites the JSON, so a changed file is read again.
import { stat } from 'node:fs/promises';
import type { CardResult } from '../protocol';
import { cardJsonPath, type CardOrder, orderCards, readCardJson, readCheckpoint } from '../batch-folder/index';

interface Known { mtimeMs: number; size: number; needsReview: boolean }

/** Files stated at once: enough to keep the disk busy, few enough not to exhaust file handles. */
const parallel = 64;

export class ReviewFlags {
  private readonly known = new Map<string, Known>();

  /** @param maxEntries past this many remembered files, start afresh (memory stays bounded). */
  constructor(private readonly maxEntries = 400_000) {}

  /** The card's `needsReview`, or undefined when its JSON is missing or unreadable. */
  async needsReview(dir: string, card: string): Promise<boolean | undefined> {
    const file = cardJsonPath(dir, card);
    const info = await stat(file).catch(() => undefined);
    if (!info) { return undefined; }
    const hit = this.known.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) { return hit.needsReview; }
    const result = await readCardJson(dir, card);
    if (!result.ok) { return undefined; }
    if (this.known.size >= this.maxEntries) { this.known.clear(); }
    this.known.set(file, { mtimeMs: info.mtimeMs, size: info.size, needsReview: result.value.needsReview });
    return result.value.needsReview;
  }

  /** Finished cards whose `needsReview` is `wanted`, in the order they finished, one page at a time, read in full. */
  async list(dir: string, page: { offset: number; limit: number }, wanted: boolean, order?: CardOrder): Promise<{ cards: CardResult[]; total: number }> {
    const done = orderCards([...(await readCheckpoint(dir)).done], order);
    const kept: string[] = [];
    for (let i = 0; i < done.length; i += parallel) {
      const slice = done.slice(i, i + parallel);
      const flags = await Promise.all(slice.map(card => this.needsReview(dir, card)));
      slice.forEach((card, j) => { if (flags[j] === wanted) { kept.push(card); } });
    }
    const cards: CardResult[] = [];
    for (const card of kept.slice(page.offset, page.offset + page.limit)) {
      const result = await readCardJson(dir, card);
      if (result.ok) { cards.push(result.value); }
    }
    return { cards, total: kept.length };
  }
}
