// The quality report's numbers on a batch folder built by hand: card results in json/, failed cards in _errors/.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DisposableStore } from '../../../src/common/lifecycle';
import { writeBatchConfig } from '../../../src/batch-folder/config';
import { writeCardJson } from '../../../src/batch-folder/outputs/card-json';
import { moveToErrors } from '../../../src/batch-folder/outputs/error-folder';
import { computeQualityReport, writeQualityReport } from '../../../src/batch-folder/quality-report';
import { QualityReport, type CardResult, type FieldFlag, type FieldValue } from '../../../src/protocol';
import { makeTmpDir } from '../../support/tmp-dir';

const region = { by: 'region', region: { left: 0, top: 0, width: 1, height: 1 } } as const;

function value(text: string, confidence: number | null, flags: FieldFlag[] = []): FieldValue {
  return { value: text, confidence, flags };
}

function card(name: string, fields: Record<string, FieldValue>, extra: Partial<CardResult> = {}): CardResult {
  const needsReview = Object.values(fields).some(field => field.flags.length > 0);
  return { card: name, text: 'text', confidence: 80, fields, kind: 'data', needsReview, width: 100, height: 60, durationMs: 10, processedAt: '2026-01-01T00:00:00.000Z', ...extra };
}

describe('quality report', () => {
  let store: DisposableStore;
  let dir: string;
  beforeEach(async () => {
    store = new DisposableStore();
    dir = store.add(makeTmpDir('report')).dir;
    await writeBatchConfig(dir, {
      version: 1, id: 'cards-1', name: 'cards', language: 'deu', options: {}, status: 'finished',
      fields: [{ name: 'company', find: region }, { name: 'b_id', find: region }, { name: 'date', find: region }],
      createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const empty = { company: value('', null), b_id: value('', null), date: value('', null) };
    await writeCardJson(dir, card('a.jpg', { company: value('Abegg & Cie.', 90), b_id: value('B.51.322.GB.266', 80), date: value('', null) }));
    await writeCardJson(dir, card('b.jpg', { company: value('Beatus A.G.', 50, ['low-confidence']), b_id: value('B.5l.322', 70, ['invalid']), date: value('1942-08-06', 60) }));
    await writeCardJson(dir, card('c.jpg', { company: value('', null, ['missing']), b_id: value('B.51.322.GB.608', 95), date: value('', null) }));
    await writeCardJson(dir, card('d.jpg', {
      company: { ...value('Brocca Bruno', 40), review: { originalValue: 'Brocca Brnno', reviewedAt: '2026-01-02T00:00:00.000Z' } },
      b_id: value('B.51.322.GB.913', 85), date: value('', null),
    }));
    await writeCardJson(dir, card('blank.jpg', empty, { kind: 'blank', confidence: null, text: '' }));
    await writeCardJson(dir, card('ref.jpg', empty, { kind: 'reference', text: 'Abegg\ns. Abegg & Cie.' }));
    for (const name of ['bad.jpg', 'cut.jpg']) { writeFileSync(join(dir, name), 'x'); }
    await moveToErrors(dir, 'bad.jpg', { code: 'card/not-an-image', message: 'bad.jpg is not an image' });
    await moveToErrors(dir, 'cut.jpg', { code: 'card/truncated', message: 'cut.jpg ends early' });
  });
  afterEach(() => store.dispose());

  it('counts cards, kinds, cards with empty page text, fields, flags and problem cards exactly', async () => {
    const report = await computeQualityReport(dir);
    assert.equal(QualityReport.safeParse(report).success, true);
    assert.deepEqual({ ...report, generatedAt: 'x' }, {
      version: 1, batchId: 'cards-1', generatedAt: 'x',
      cards: { total: 8, succeeded: 6, failed: 2, needsReview: 2, data: 4, blank: 1, reference: 1, emptyText: 1 },
      // Five cards read at confidence 80; the blank card has no words.
      confidenceBins: [0, 0, 0, 0, 0, 0, 0, 0, 5, 0],
      fields: [
        { name: 'company', filled: 3, completeness: 0.75, missing: 1, invalid: 0, lowConfidence: 1, reviewed: 1, meanConfidence: 60 },
        { name: 'b_id', filled: 4, completeness: 1, missing: 0, invalid: 1, lowConfidence: 0, reviewed: 0, meanConfidence: 82.5 },
        { name: 'date', filled: 1, completeness: 0.25, missing: 0, invalid: 0, lowConfidence: 0, reviewed: 0, meanConfidence: 60 },
      ],
      needsReview: [
        { card: 'b.jpg', flags: { company: ['low-confidence'], b_id: ['invalid'] } },
        { card: 'c.jpg', flags: { company: ['missing'] } },
      ],
      problemCards: [
        { card: 'bad.jpg', code: 'card/not-an-image', message: 'bad.jpg is not an image' },
        { card: 'cut.jpg', code: 'card/truncated', message: 'cut.jpg ends early' },
      ],
    });
  });

  it('writes report.json as it computes it', async () => {
    const written = await writeQualityReport(dir);
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')), written);
  });

  it('lists a result file it cannot read as a problem card', async () => {
    writeFileSync(join(dir, 'json', 'e.jpg.json'), '{ "card": ');
    const report = await computeQualityReport(dir);
    assert.deepEqual(report.cards, { total: 9, succeeded: 6, failed: 3, needsReview: 2, data: 4, blank: 1, reference: 1, emptyText: 1 });
    assert.deepEqual(report.problemCards[2], { card: 'e.jpg', code: 'batch/invalid', message: 'json/e.jpg.json is not a card result: Invalid input: expected object, received undefined' });
  });

  it('reports an empty folder without config.json as zero cards and no fields', async () => {
    const bare = store.add(makeTmpDir('report-bare')).dir;
    mkdirSync(join(bare, 'json'));
    const report = await computeQualityReport(bare);
    assert.deepEqual({ ...report, generatedAt: 'x' }, {
      version: 1, generatedAt: 'x', cards: { total: 0, succeeded: 0, failed: 0, needsReview: 0, data: 0, blank: 0, reference: 0, emptyText: 0 },
      confidenceBins: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], fields: [], needsReview: [], problemCards: [],
    });
  });
});
