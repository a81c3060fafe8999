// Bench section: the per-card cost of checkpointing and outputs (journal lines, JSON file, CSV row) without OCR,
// early in a small batch vs late in a 20,000-card batch. Flat means the cost does not grow with the batch.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchPaths } from '../src/batch-folder/paths';
import { CheckpointJournal } from '../src/batch-folder/checkpoint-journal';
import { writeCardJson } from '../src/batch-folder/outputs/card-json';
import { appendCsvRow, ensureCsv } from '../src/batch-folder/outputs/csv-table';
import type { CardResult } from '../src/protocol';

const fieldNames = ['author', 'title', 'imprint', 'pages', 'format', 'shelfmark'];

function syntheticResult(i: number): CardResult {
  const fields = Object.fromEntries(fieldNames.map(name => [name, { value: `${name} of card ${i}`, confidence: 91.5, flags: [] }]));
  return {
    card: `card-${String(i).padStart(6, '0')}.jpg`, text: fieldNames.map(n => `${n} of card ${i}`).join('\n'), confidence: 90.2,
    fields, kind: 'data', needsReview: false, width: 976, height: 580, durationMs: 412, processedAt: new Date().toISOString(),
  };
}

/** Milliseconds per card over the last `window` cards of a batch of `size` cards. */
export async function bookkeepingMsPerCard(size: number, window = 100): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'card-ocr-bookkeeping-'));
  try {
    const journal = await CheckpointJournal.open(dir);
    const csv = batchPaths(dir).csvFile;
    await ensureCsv(csv, fieldNames);
    let windowStart = process.hrtime.bigint();
    for (let i = 0; i < size; i++) {
      if (i === size - window) { windowStart = process.hrtime.bigint(); }
      const result = syntheticResult(i);
      journal.started(result.card);
      await writeCardJson(dir, result);
      await appendCsvRow(csv, result, fieldNames);
      journal.done(result.card);
    }
    const ms = Number(process.hrtime.bigint() - windowStart) / 1e6 / window;
    await journal.close();
    return ms;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
