// Review edits round-trip: a correction lands in json/<card>.json beside the OCR value, and the CSV follows.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { newBatchConfig, writeBatchConfig } from '../../../src/batch-folder/config';
import { batchPaths } from '../../../src/batch-folder/paths';
import { CheckpointJournal } from '../../../src/batch-folder/checkpoint-journal';
import { readCardJson, writeCardJson } from '../../../src/batch-folder/outputs/card-json';
import { writeCsv } from '../../../src/batch-folder/outputs/csv-table';
import { applyCorrections, reviewCard } from '../../../src/engine/review';
import type { CardResult, FieldValue } from '../../../src/protocol';
import { makeTmpDir, type TmpDir } from '../../support/tmp-dir';

const region = { by: 'region', region: { left: 0, top: 0, width: 1, height: 1 } } as const;

function card(name: string, fields: Record<string, FieldValue>): CardResult {
  return { card: name, text: 't', confidence: 80, fields, needsReview: Object.values(fields).some(f => f.flags.length > 0),
    width: 100, height: 60, durationMs: 5, processedAt: '2026-01-01T00:00:00.000Z' };
}

describe('review', () => {
  let tmp: TmpDir;
  beforeEach(() => { tmp = makeTmpDir('review'); });
  afterEach(() => tmp.dispose());

  async function makeBatch(): Promise<void> {
    await writeBatchConfig(tmp.dir, newBatchConfig({ dir: tmp.dir, fields: [{ name: 'company', find: region }, { name: 'b_id', find: region }], language: 'deu', options: {} }));
    const results = [
      card('a.jpg', { company: { value: 'Abeg & Cie.', confidence: 40, flags: ['low-confidence'] }, b_id: { value: 'B.51.322.GB.266', confidence: 90, flags: [] } }),
      card('b.jpg', { company: { value: 'Beatus A.G.', confidence: 90, flags: [] }, b_id: { value: '', confidence: null, flags: ['missing'] } }),
    ];
    const journal = await CheckpointJournal.open(tmp.dir);
    for (const result of results) { await writeCardJson(tmp.dir, result); journal.started(result.card); journal.done(result.card); }
    await journal.close();
    await writeCsv(batchPaths(tmp.dir).csvFile, results, ['company', 'b_id']);
  }

  it('saves the correction beside the OCR value, clears its flags and regenerates the CSV', async () => {
    await makeBatch();
    const reviewed = await reviewCard(tmp.dir, 'a.jpg', { company: 'Abegg & Cie.' }, '2026-02-03T04:05:06.000Z');
    assert.ok(reviewed.ok);
    const stored = await readCardJson(tmp.dir, 'a.jpg');
    assert.ok(stored.ok);
    assert.deepEqual(stored.value.fields.company, { value: 'Abegg & Cie.', confidence: 40, flags: [], review: { originalValue: 'Abeg & Cie.', reviewedAt: '2026-02-03T04:05:06.000Z', action: 'corrected' } });
    assert.equal(stored.value.needsReview, false);
    const csv = readFileSync(batchPaths(tmp.dir).csvFile, 'utf8');
    assert.deepEqual(csv.split('\r\n').slice(1, 3).map(line => line.split(',').slice(0, 4).join(',')), [
      '"a.jpg","Abegg & Cie.","B.51.322.GB.266","80.0"',
      '"b.jpg","Beatus A.G.","","80.0"',
    ]);
  });

  // Issue 12: a value sent unchanged is no longer a review by itself; accepting is explicit (`accept`).
  it('keeps the first OCR value when a card is reviewed twice, and accepting a value unchanged marks it reviewed', async () => {
    await makeBatch();
    await reviewCard(tmp.dir, 'b.jpg', { b_id: 'B.51.322.GB.60' }, '2026-02-03T00:00:00.000Z');
    const twice = await reviewCard(tmp.dir, 'b.jpg', { b_id: 'B.51.322.GB.608', company: 'Beatus A.G.' }, '2026-02-04T00:00:00.000Z', { accept: ['company'], by: 'ada' });
    assert.ok(twice.ok);
    assert.deepEqual(twice.value.fields.b_id.review, { originalValue: '', reviewedAt: '2026-02-04T00:00:00.000Z', by: 'ada', action: 'corrected' });
    assert.deepEqual(twice.value.fields.company, { value: 'Beatus A.G.', confidence: 90, flags: [], review: { originalValue: 'Beatus A.G.', reviewedAt: '2026-02-04T00:00:00.000Z', by: 'ada', action: 'accepted' } });
    assert.match(readFileSync(batchPaths(tmp.dir).csvFile, 'utf8'), /"b\.jpg","Beatus A\.G\.","B\.51\.322\.GB\.608"/);
  });

  it('refuses a field the card does not have, and a card without a result', async () => {
    await makeBatch();
    const unknown = await reviewCard(tmp.dir, 'a.jpg', { title: 'x' });
    assert.equal(unknown.ok ? 'ok' : unknown.error.code, 'request/invalid');
    const missing = await reviewCard(tmp.dir, 'zzz.jpg', { company: 'x' });
    assert.equal(missing.ok ? 'ok' : missing.error.code, 'batch/not-found');
  });

  it('a field sent unchanged and not accepted keeps its flags, even an invalid empty one with confidence 0', () => {
    const result = card('d.jpg', {
      company: { value: '', confidence: 0, flags: ['invalid', 'missing'] },
      b_id: { value: 'B.1', confidence: 30, flags: ['low-confidence'] },
    });
    const saved = applyCorrections(result, { company: '', b_id: 'B.12' }, '2026-01-01T00:00:00.000Z', { by: 'ada' });
    assert.ok(saved.ok);
    assert.deepEqual(saved.value.fields.company, { value: '', confidence: 0, flags: ['invalid', 'missing'] });
    assert.deepEqual(saved.value.fields.b_id.review, { originalValue: 'B.1', reviewedAt: '2026-01-01T00:00:00.000Z', by: 'ada', action: 'corrected' });
    assert.equal(saved.value.needsReview, true);
    const accepted = applyCorrections(saved.value, {}, '2026-01-02T00:00:00.000Z', { accept: ['company', 'b_id'], by: 'bob' });
    assert.ok(accepted.ok);
    assert.deepEqual(accepted.value.fields.company.review, { originalValue: '', reviewedAt: '2026-01-02T00:00:00.000Z', by: 'bob', action: 'accepted' });
    assert.deepEqual(accepted.value.fields.b_id.review, { originalValue: 'B.1', reviewedAt: '2026-01-02T00:00:00.000Z', by: 'bob', action: 'corrected' });
    assert.equal(accepted.value.needsReview, false);
    const unknown = applyCorrections(result, {}, '2026-01-01T00:00:00.000Z', { accept: ['title'] });
    assert.equal(unknown.ok ? 'ok' : unknown.error.code, 'request/invalid');
  });

  it('leaves other flagged fields flagged, so the card still needs review', () => {
    const result = card('c.jpg', { company: { value: 'x', confidence: 10, flags: ['low-confidence'] }, b_id: { value: '', confidence: null, flags: ['missing'] } });
    const corrected = applyCorrections(result, { company: 'X' }, '2026-01-01T00:00:00.000Z');
    assert.ok(corrected.ok);
    assert.equal(corrected.value.needsReview, true);
    assert.deepEqual(corrected.value.fields.b_id.flags, ['missing']);
  });
});
