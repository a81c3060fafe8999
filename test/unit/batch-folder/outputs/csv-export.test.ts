// The CSV as a derived export: rows in card order (natural sort), and a CSV edited by hand kept aside as
// csv/<name>.edited-<time>.csv before it is rewritten — never lost — while the engine's own crash leftovers
// (a row twice, a last row cut short) are not mistaken for edits.
import { strict as assert } from 'node:assert';
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { newBatchConfig, writeBatchConfig } from '../../../../src/batch-folder/config';
import { batchPaths } from '../../../../src/batch-folder/paths';
import { CheckpointJournal } from '../../../../src/batch-folder/checkpoint-journal';
import { writeCardJson } from '../../../../src/batch-folder/outputs/card-json';
import { isCsvAsWritten, RunningCsv } from '../../../../src/batch-folder/outputs/csv-export';
import { csvRow, ensureCsv, writeCsv } from '../../../../src/batch-folder/outputs/csv-table';
import { reviewCard } from '../../../../src/engine/review';
import type { CardResult } from '../../../../src/protocol';
import { readCsv } from '../../../support/batch-watch';
import { makeTmpDir, type TmpDir } from '../../../support/tmp-dir';

const region = { by: 'region', region: { left: 0, top: 0, width: 1, height: 1 } } as const;
const fieldNames = ['shelf'];

function card(name: string, shelf: string): CardResult {
  return { card: name, text: `text of ${name}\nsecond line, "quoted"`, confidence: 80, fields: { shelf: { value: shelf, confidence: 80, flags: [] } },
    needsReview: false, width: 100, height: 60, durationMs: 5, processedAt: '2026-01-01T00:00:00.000Z' };
}

describe('CSV export', () => {
  let tmp: TmpDir;
  let csvFile: string;
  beforeEach(() => { tmp = makeTmpDir('csv-export'); csvFile = batchPaths(tmp.dir).csvFile; });
  afterEach(() => tmp.dispose());

  /** Cards finished in this order (not card order), with the CSV as the engine appended it. */
  async function makeBatch(results: CardResult[]): Promise<void> {
    await writeBatchConfig(tmp.dir, newBatchConfig({ dir: tmp.dir, fields: [{ name: 'shelf', find: region }], language: 'eng', options: {} }));
    const journal = await CheckpointJournal.open(tmp.dir);
    for (const result of results) { await writeCardJson(tmp.dir, result); journal.started(result.card); journal.done(result.card); }
    await journal.close();
    await writeCsv(csvFile, results, fieldNames);
  }

  const finished = [card('card-10.jpg', 'Z 10'), card('card-2.jpg', 'Z 2'), card('card-1.jpg', 'Z 1')];

  it('a review rewrites the rows in card order, card-2 before card-10', async () => {
    await makeBatch(finished);
    const reviewed = await reviewCard(tmp.dir, 'card-2.jpg', { shelf: 'Z 22' });
    assert.ok(reviewed.ok);
    assert.deepEqual((await readCsv(csvFile)).map(row => row.slice(0, 2)), [['card', 'shelf'], ['card-1.jpg', 'Z 1'], ['card-2.jpg', 'Z 22'], ['card-10.jpg', 'Z 10']]);
    assert.deepEqual(await readdir(batchPaths(tmp.dir).csvFile.replace(/\/[^/]+$/, '')), [csvFile.split('/').at(-1)]);
  });

  it('keeps a hand-edited CSV as csv/<name>.edited-<time>.csv before a review rewrites it, and says where', async () => {
    await makeBatch(finished);
    const edited = (await readFile(csvFile, 'utf8')).replace('"Z 10"', '"Z 10 (checked by hand)"');
    await writeFile(csvFile, edited);
    const told: string[] = [];
    const reviewed = await reviewCard(tmp.dir, 'card-1.jpg', { shelf: 'Z 1a' }, undefined, { onCsvKept: path => told.push(path) });
    assert.ok(reviewed.ok);
    assert.equal(told.length, 1);
    assert.match(told[0], /\/csv\/card-ocr-csv-export-[^/]+\.edited-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.csv$/);
    assert.equal(await readFile(told[0], 'utf8'), edited);
    assert.deepEqual((await readCsv(csvFile)).slice(1).map(row => row.slice(0, 2)), [['card-1.jpg', 'Z 1a'], ['card-2.jpg', 'Z 2'], ['card-10.jpg', 'Z 10']]);
  });

  it('does not keep a copy of a CSV the engine wrote, even with a crash\'s row twice and a row cut short', async () => {
    await makeBatch(finished);
    const told: string[] = [];
    assert.ok((await reviewCard(tmp.dir, 'card-1.jpg', { shelf: 'Z 1a' }, undefined, { onCsvKept: path => told.push(path) })).ok);
    assert.ok((await reviewCard(tmp.dir, 'card-1.jpg', { shelf: 'Z 1b' }, undefined, { onCsvKept: path => told.push(path) })).ok);
    assert.deepEqual(told, []);
    const row = csvRow(card('card-2.jpg', 'Z 2'), fieldNames);
    await appendFile(csvFile, row + row.slice(0, 20));
    assert.equal(await isCsvAsWritten(tmp.dir, csvFile, fieldNames), true);
    await appendFile(csvFile, 'x');
    assert.equal(await isCsvAsWritten(tmp.dir, csvFile, fieldNames), false);
  });

  it('a run\'s CSV is put in card order at its end; edited during the run, it is kept and rebuilt from json/', async () => {
    await writeBatchConfig(tmp.dir, newBatchConfig({ dir: tmp.dir, fields: [{ name: 'shelf', find: region }], language: 'eng', options: {} }));
    await ensureCsv(csvFile, fieldNames);
    const running = await RunningCsv.open(tmp.dir, csvFile, fieldNames);
    for (const result of finished) { await writeCardJson(tmp.dir, result); await running.append(result); }
    assert.deepEqual(await running.finish(finished.map(r => r.card)), {});
    assert.deepEqual((await readCsv(csvFile)).slice(1).map(row => row[0]), ['card-1.jpg', 'card-2.jpg', 'card-10.jpg']);

    const again = await RunningCsv.open(tmp.dir, csvFile, fieldNames);
    const extra = card('card-3.jpg', 'Z 3');
    await writeCardJson(tmp.dir, extra);
    await again.append(extra);
    const edited = (await readFile(csvFile, 'utf8')).replace(/"card-2\.jpg"[^\n]*\n(?:[^\n]*\n)?/, '');
    await writeFile(csvFile, edited);
    const { kept } = await again.finish([...finished.map(r => r.card), 'card-3.jpg']);
    assert.ok(kept);
    assert.equal(await readFile(kept, 'utf8'), edited);
    assert.deepEqual((await readCsv(csvFile)).slice(1).map(row => row[0]), ['card-1.jpg', 'card-2.jpg', 'card-3.jpg', 'card-10.jpg']);
  });
});
