// Eval on a small hand-made truth set: the README's scoring rules, list paths, and F1 at the 0.92 threshold.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateBatch, formatEvalReport, layOutFields, scoreCard, scoreValue, terminalPaths } from '../../../../src/engine/eval';
import type { CardResult } from '../../../../src/protocol';
import { makeTmpDir, type TmpDir } from '../../../support/tmp-dir';

const map = { company: 'company.transcription', location: 'location.transcription', date: 'date', information: 'information[].transcription' };

function result(card: string, fields: Record<string, string>): CardResult {
  return {
    card, text: '', confidence: 90, needsReview: false, width: 10, height: 10, durationMs: 1, processedAt: '2026-01-01T00:00:00.000Z',
    fields: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, { value, confidence: 90, flags: [] }])),
  };
}

describe('eval scoring', () => {
  it('lists terminal keys as the RISE benchmark does', () => {
    assert.deepEqual(terminalPaths({ a: { t: 'x' }, d: '', i: [{ t: 'y' }, { t: 'z' }], e: [] }), ['a.t', 'd', 'i[0].t', 'i[1].t']);
  });

  it('treats null and "null" as empty, and a missing side as 0', () => {
    assert.equal(scoreValue('', null), 1);
    assert.equal(scoreValue('null', ''), 1);
    assert.equal(scoreValue(undefined, ''), 0);
    assert.equal(scoreValue('1942', 1942), 1);
    assert.equal(scoreValue(['x'], 'x'), 0);
  });

  it('lays list fields out one item per paragraph, and an empty list as ""', () => {
    assert.deepEqual(layOutFields({ information: 'a\nb\n\nc', company: 'X' }, map),
      { information: [{ transcription: 'a\nb' }, { transcription: 'c' }], company: { transcription: 'X' } });
    assert.deepEqual(layOutFields({ information: '' }, map), { information: '' });
  });

  it('scores a card as the mean over the truth\'s keys', () => {
    const truth = { company: { transcription: 'Abegg & Cie.' }, location: { transcription: 'Zürich' }, date: '', information: [{ transcription: 'a' }, { transcription: 'b' }] };
    const score = scoreCard('c', 'c.json', truth, { company: 'Abegg & Cie.', location: 'Zurich', date: '', information: 'a' }, map);
    assert.deepEqual(score.keys.map(k => [k.path, k.field, Number(k.similarity.toFixed(4))]), [
      ['company.transcription', 'company', 1], ['location.transcription', 'location', 0.8333], ['date', 'date', 1],
      ['information[0].transcription', 'information', 1], ['information[1].transcription', 'information', 0],
    ]);
    assert.equal(score.similarity.toFixed(4), ((1 + 10 / 12 + 1 + 1 + 0) / 5).toFixed(4));
  });
});

describe('evaluateBatch', () => {
  let tmp: TmpDir;
  beforeEach(() => { tmp = makeTmpDir('eval'); });
  afterEach(() => tmp.dispose());

  it('pairs truth files with card results by base name and ends with the summary line', async () => {
    const batch = join(tmp.dir, 'batch');
    const truthDir = join(tmp.dir, 'truth');
    mkdirSync(join(batch, 'json'), { recursive: true });
    mkdirSync(truthDir);
    writeFileSync(join(batch, 'json', 'a.jpg.json'), JSON.stringify(result('a.jpg', { company: 'Abegg & Cie.', location: 'Basel' })));
    writeFileSync(join(batch, 'json', 'b.png.json'), JSON.stringify(result('b.png', { company: 'Beatus A.G', location: '' })));
    writeFileSync(join(truthDir, 'a.json'), JSON.stringify({ company: { transcription: 'Abegg & Cie.' }, location: { transcription: 'Zürich' } }));
    writeFileSync(join(truthDir, 'b.json'), JSON.stringify({ company: { transcription: 'Beatus A.G.' }, location: { transcription: '' } }));
    writeFileSync(join(truthDir, 'c.json'), JSON.stringify({ company: { transcription: 'Gone' }, location: { transcription: '' } }));
    const report = await evaluateBatch(batch, truthDir, map);
    assert.ok(report.ok);
    const r = report.value;
    assert.deepEqual(r.missingResults, ['c']);
    // company: a exact, b 0.9524 (a match), c missing → tp 2, fp 0, fn 1. location: a wrong (fp+fn), b empty=empty, c missing vs "" → 0.
    assert.deepEqual(r.fields.map(f => [f.field, f.truePositives, f.falsePositives, f.falseNegatives]), [['company', 2, 0, 1], ['location', 0, 1, 1]]);
    const similarity = ((1 + 0) / 2 + (20 / 21 + 1) / 2 + 0) / 3;
    assert.equal(r.similarity.toFixed(6), similarity.toFixed(6));
    assert.equal(r.f1.toFixed(4), (2 * (2 / 3) * (2 / 4) / (2 / 3 + 2 / 4)).toFixed(4));
    const text = formatEvalReport(r);
    assert.equal(text.split('\n').at(-1), `cards=3 f1=${r.f1.toFixed(4)} similarity=${similarity.toFixed(4)}`);
  });

  it('names a batch without results as not found', async () => {
    const report = await evaluateBatch(join(tmp.dir, 'none'), tmp.dir, {});
    assert.equal(report.ok ? 'ok' : report.error.code, 'batch/not-found');
  });
});
