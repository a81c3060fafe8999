// Bench section: the review queue of a large batch, first asked (every card JSON read) and asked again (files
// only stated, flags remembered), as the dashboard pages through it or a reviewer comes back to it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointJournal } from '../src/batch-folder/checkpoint-journal';
import { writeCardJson } from '../src/batch-folder/outputs/card-json';
import { ReviewFlags } from '../src/engine/review-flags';
import type { CardResult } from '../src/protocol';

/** A card with OCR words, as real results carry them (their size is what makes reading every JSON slow). */
function flaggedEvery(i: number, every: number): CardResult {
  const flagged = i % every === 0;
  const words = Array.from({ length: 60 }, (_, w) => ({ text: `word${w}`, confidence: 88.5, box: { x0: w * 10, y0: 20, x1: w * 10 + 9, y1: 40 } }));
  return {
    card: `card-${String(i).padStart(6, '0')}.jpg`, text: words.map(w => w.text).join(' '), confidence: 88.5,
    fields: { id: { value: flagged ? 'B.5l' : 'B.51', confidence: 70, flags: flagged ? ['invalid'] : [] } },
    kind: 'data', words, needsReview: flagged, width: 976, height: 580, durationMs: 400, processedAt: new Date().toISOString(),
  };
}

export interface ReviewQueueTimes { cards: number; queued: number; firstMs: number; againMs: number }

/** Milliseconds for the first page of the review queue of a `size`-card batch, cold and then warm. */
export async function reviewQueueTimes(size: number, every = 10): Promise<ReviewQueueTimes> {
  const dir = await mkdtemp(join(tmpdir(), 'card-ocr-review-queue-'));
  try {
    const journal = await CheckpointJournal.open(dir);
    for (let i = 0; i < size; i++) {
      const result = flaggedEvery(i, every);
      journal.started(result.card);
      await writeCardJson(dir, result);
      journal.done(result.card);
    }
    await journal.close();
    const flags = new ReviewFlags();
    const timed = async (): Promise<{ ms: number; total: number }> => {
      const start = process.hrtime.bigint();
      const { total } = await flags.list(dir, { offset: 0, limit: 500 }, true);
      return { ms: Number(process.hrtime.bigint() - start) / 1e6, total };
    };
    const first = await timed();
    const again = await timed();
    return { cards: size, queued: first.total, firstMs: first.ms, againMs: again.ms };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
