// `card-ocr eval` as a real process on a batch the CLI ran over generated index cards, scored against a small
// hand-made truth set (one near miss, one wrong value, one empty truth). Every expected number is worked out
// here from the known texts with the scoring rules, never read back from the command's output.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import type { CardResult } from '../../src/protocol';
import { indexCardZones, tintedPaperPreprocess, writeIndexCard, type IndexCardSpec } from '../support/make-cards';
import { runCli } from '../support/run-cli';
import { makeTmpDir } from '../support/tmp-dir';



type Field = 'b_id' | 'company' | 'date' | 'location';
interface Card { name: string; spec: IndexCardSpec; truth: Record<Field, string> }

/** What each card says (its spec) and what the hand-checked truth says, key by key. */
const cards: Card[] = [
  { name: 'mootz.jpg', spec: { company: 'Mootz Wilhelm', location: 'Basel', id: 'B.51.322.GB.123', paper: 'yellow', seed: 31 },
    truth: { b_id: 'B.51.322.GB.123', company: 'Mootz Wilhelm', date: '', location: 'Basel' } },
  // The truth writes the company with a comma (a near miss, still a match) and a different place (a wrong value).
  { name: 'abegg.jpg', spec: { company: 'Abegg Hans', location: 'Lugano', id: 'B.51.322.GB.266', date: '6 Aug 1942', paper: 'green', seed: 32 },
    truth: { b_id: 'B.51.322.GB.266', company: 'Abegg, Hans', date: '6 Aug 1942', location: 'Locarno' } },
  // The truth has no location for this card (empty), while the card has one.
  { name: 'beatus.png', spec: { company: 'Beatus AG', location: 'Geneva', id: 'B.51.322.GB.7', paper: 'green', letterSpacedCompany: false, format: 'png', seed: 33 },
    truth: { b_id: 'B.51.322.GB.7', company: 'Beatus AG', date: '', location: '' } },
];

/** The values the batch must read: the typed texts, and no date where none was typed. */
const readValues = (card: Card): Record<Field, string> =>
  ({ b_id: card.spec.id, company: card.spec.company, date: card.spec.date ?? '', location: card.spec.location });

const zones = indexCardZones(cards[0].spec);
const line = (region: object, extra: object = {}) => ({ find: { by: 'region', region, ocr: { pageSegmentation: 'single-line' } }, ...extra });
// The cards' tinted paper needs the contrast stretch (see tintedPaperPreprocess): the template asks for it.
const template = {
  id: 'eval-header-zone', name: 'Header zone for eval', version: 1, language: 'eng', preprocess: tintedPaperPreprocess,
  fields: [
    { name: 'company', ...line(zones.company, { normalise: ['collapse-letter-spacing', 'trim-punctuation'] }) },
    { name: 'location', ...line(zones.location, { normalise: ['trim-punctuation'] }) },
    { name: 'b_id', ...line(zones.id, { normalise: ['trim-punctuation'] }) },
    // An empty zone on grainy paper can read as a few stray letters: keep only what looks like a date.
    { name: 'date', ...line(zones.date, { select: { pattern: '\\d{1,2} \\p{L}{3,}\\.? \\d{4}' } }) },
  ],
};
const map = { company: 'company.transcription', location: 'location.transcription', b_id: 'b_id.transcription', date: 'date' };

/** Insertions and deletions only (a substitution costs two), by dynamic programming over code points. */
function indelSimilarity(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length + y.length === 0) { return 1; }
  let row = y.map((_, j) => j + 1);
  row.unshift(0);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 2));
    }
    row = next;
  }
  return 1 - row[y.length] / (x.length + y.length);
}

/** The scores `eval` must print, from the scoring rules: a match is similarity ≥ 0.92; empty against empty counts
 *  toward similarity only; precision, recall and F1 are 0 when there is nothing to divide by. */
function expectedScores() {
  const fields: Field[] = ['b_id', 'company', 'date', 'location'];
  const tally = () => ({ tp: 0, fp: 0, fn: 0, similarity: 0, keys: 0 });
  const byField = Object.fromEntries(fields.map(f => [f, tally()])) as Record<Field, ReturnType<typeof tally>>;
  const all = tally();
  const cardSimilarities: number[] = [];
  for (const card of cards) {
    const values = readValues(card);
    let sum = 0;
    for (const field of fields) {
      const value = values[field];
      const truth = card.truth[field];
      const similarity = indelSimilarity(value, truth);
      sum += similarity;
      for (const t of [byField[field], all]) {
        const match = similarity >= 0.92;
        if (value !== '' && truth !== '' && match) { t.tp++; }
        if (value !== '' && (truth === '' || !match)) { t.fp++; }
        if (truth !== '' && (value === '' || !match)) { t.fn++; }
        t.similarity += similarity;
        t.keys++;
      }
    }
    cardSimilarities.push(sum / fields.length);
  }
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const f1 = (t: ReturnType<typeof tally>) => {
    const p = ratio(t.tp, t.tp + t.fp);
    const r = ratio(t.tp, t.tp + t.fn);
    return { precision: p, recall: r, f1: ratio(2 * p * r, p + r) };
  };
  return {
    fields: fields.map(field => ({ field, keys: byField[field].keys, ...f1(byField[field]), similarity: byField[field].similarity / byField[field].keys })),
    f1: f1(all).f1,
    similarity: cardSimilarities.reduce((a, b) => a + b, 0) / cardSimilarities.length,
  };
}

describe('card-ocr eval on a hand-made truth set', function () {
  this.timeout(180_000);
  const store = new DisposableStore();
  let workspace: string;
  let batch: string;
  let truthDir: string;
  let mapFile: string;

  before(async () => {
    workspace = store.add(makeTmpDir('eval-cli')).dir;
    const dataDir = store.add(makeTmpDir('eval-cli-data')).dir;
    batch = join(workspace, 'cards');
    truthDir = join(workspace, 'truth');
    mkdirSync(batch);
    mkdirSync(truthDir);
    for (const card of cards) {
      await writeIndexCard(join(batch, card.name), card.spec);
      const base = card.name.replace(/\.\w+$/, '');
      const { b_id, company, date, location } = card.truth;
      // The dev set's nested shape, keys in its order.
      writeFileSync(join(truthDir, `${base}.json`), JSON.stringify({ b_id: { transcription: b_id }, company: { transcription: company }, date, location: { transcription: location } }, null, 2));
    }
    mapFile = join(workspace, 'map.json');
    writeFileSync(mapFile, JSON.stringify(map));
    const templateFile = join(workspace, 'header-zone.json');
    writeFileSync(templateFile, JSON.stringify(template));
    const run = await runCli(['run', batch, '--template', templateFile, '--workers', '1', '--data-dir', dataDir]);
    assert.equal(run.code, 0, run.stderr);
  });
  after(() => store.dispose());

  it('has read the cards as typed (so the scores below rest on known values)', async () => {
    for (const card of cards) {
      const result = JSON.parse(await readFile(join(batch, 'json', `${card.name}.json`), 'utf8')) as CardResult;
      const values = Object.fromEntries(Object.entries(result.fields).map(([name, field]) => [name, field.value]));
      assert.deepEqual(values, readValues(card), card.name);
    }
  });

  it('prints per-field precision, recall, F1 and similarity, then cards=N f1 similarity, and exits 0', async () => {
    const result = await runCli(['eval', 'cards', '--truth', 'truth', '--map', 'map.json'], workspace);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    const expected = expectedScores();
    const fixed = (n: number) => n.toFixed(4);
    assert.deepEqual(lines[0].split(/\s+/), ['field', 'keys', 'precision', 'recall', 'f1', 'similarity']);
    // #11: a line with the macro F1 (mean of per-card F1, the benchmarks' headline) precedes the last one.
    const table = lines.slice(1, -2).map(l => l.trim().split(/\s+/)).sort((a, b) => a[0].localeCompare(b[0]));
    assert.match(lines.at(-2) ?? '', new RegExp(`^f1_macro=[01]\\.\\d{4} f1_micro=${fixed(expected.f1)} \\(macro: the mean of each card's F1, as the benchmarks report it\\)$`));
    assert.deepEqual(table, expected.fields.map(f => [f.field, String(f.keys), fixed(f.precision), fixed(f.recall), fixed(f.f1), fixed(f.similarity)]));
    assert.equal(lines.at(-1), `cards=3 f1=${fixed(expected.f1)} similarity=${fixed(expected.similarity)}`);
  });

  it('scores the near miss as a match and the wrong and unwanted values as misses', () => {
    // Worked by hand, as a check on the computation above: company matches 3 of 3 (the comma costs 1 of 21
    // characters); location finds 1 of its 2 truths, and 2 of its 3 values match nothing (Lugano is not Locarno,
    // Geneva is not in the truth); the one date typed is found, and the empty dates count for nothing.
    const scores = Object.fromEntries(expectedScores().fields.map(f => [f.field, f]));
    assert.equal(indelSimilarity('Abegg Hans', 'Abegg, Hans'), 1 - 1 / 21);
    assert.deepEqual([scores.company.precision, scores.company.recall], [1, 1]);
    assert.deepEqual([scores.location.precision, scores.location.recall], [1 / 3, 1 / 2]);
    assert.deepEqual([scores.date.precision, scores.date.recall, scores.date.similarity], [1, 1, 1]);
  });

  it('exits 2 naming the missing --truth', async () => {
    const result = await runCli(['eval', 'cards', '--map', 'map.json'], workspace);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /required option '--truth <dir>' not specified/);
  });

  it('exits 2 for a folder with no results and for a map that is not a field map', async () => {
    const noBatch = await runCli(['eval', 'truth', '--truth', 'truth'], workspace);
    assert.deepEqual([noBatch.code, noBatch.stderr], [2, `card-ocr: No card results in ${join(truthDir, 'json')}; run the batch first (card-ocr run)\n`]);
    writeFileSync(join(workspace, 'bad-map.json'), JSON.stringify({ company: ['company', 'transcription'] }));
    const badMap = await runCli(['eval', 'cards', '--truth', 'truth', '--map', 'bad-map.json'], workspace);
    assert.equal(badMap.code, 2);
    assert.match(badMap.stderr, /^card-ocr: bad-map\.json must map field names to dotted truth paths/);
  });
});
