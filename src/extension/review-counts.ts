// How many cards of a batch need review, for the tree, the status item and the end-of-batch notification.
// Read from json/ through the engine's ReviewFlags (stats, not parses, for files already seen).
import { ReviewFlags } from '../engine/index';

export class ReviewCounts {
  private readonly flags = new ReviewFlags();
  /** Last count per batch folder, with the summary stamp it was read at, so the tree can redraw cheaply. */
  private readonly cache = new Map<string, { stamp: string; count: number }>();

  /** Cards of the batch in `dir` that need review now. */
  async count(dir: string): Promise<number> {
    return (await this.flags.list(dir, { offset: 0, limit: 1 }, true)).total;
  }

  /** The count, read again only when `stamp` (status, counts, time) differs from the last read's. */
  async cached(dir: string, stamp: string): Promise<number> {
    const hit = this.cache.get(dir);
    if (hit?.stamp === stamp) { return hit.count; }
    const count = await this.count(dir);
    this.cache.set(dir, { stamp, count });
    return count;
  }

  /** Reviews may have changed the counts (saved in the dashboard): read them again next time. */
  forget(): void { this.cache.clear(); }
}
