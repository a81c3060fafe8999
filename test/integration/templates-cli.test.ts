// The templates and report commands as real processes: list templates, run a batch with a workspace template
// by id on generated cards (letter-spaced, blank, reference), then read its quality report.
import { BatchLock } from '../../src/batch-folder/index';
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import type { CardResult, QualityReport } from '../../src/protocol';
import { writeCard } from '../support/make-cards';
import { runCli } from '../support/run-cli';
import { makeTmpDir } from '../support/tmp-dir';

const root = resolve(__dirname, '../..');


const headingTemplate = {
  id: 'index-heading', name: 'Index card heading and place', version: 3, language: 'eng',
  // Contrast stretching turns the paper grain of a nearly empty card into letters; these cards are clean.
  preprocess: { normalise: false },
  fields: [
    { name: 'heading', find: { by: 'lines', from: 1, to: 1 }, normalise: ['collapse-letter-spacing', 'trim-punctuation'], validate: { required: true } },
    { name: 'place', find: { by: 'lines', from: 2, to: 2 }, normalise: ['trim-punctuation'], validate: { required: true } },
  ],
};

describe('card-ocr templates and report', function () {
  this.timeout(120_000);
  const store = new DisposableStore();
  let workspace: string;
  let cards: string;
  let dataDir: string;
  let run: { code: number | null; stdout: string; stderr: string };

  before(async () => {
    workspace = store.add(makeTmpDir('templates-cli')).dir;
    dataDir = store.add(makeTmpDir('templates-cli-data')).dir;
    const templatesDir = join(workspace, '.card-ocr', 'templates');
    mkdirSync(templatesDir, { recursive: true });
    writeFileSync(join(templatesDir, 'index-heading.json'), JSON.stringify(headingTemplate));
    writeFileSync(join(templatesDir, 'broken.json'), JSON.stringify({ ...headingTemplate, id: 'Broken Id' }));
    cards = join(workspace, 'cards');
    mkdirSync(cards);
    await writeCard(join(cards, 'spaced.jpg'), { lines: ['Mootz Wilhelm', 'Zurich'], letterSpaced: true, seed: 3, noise: 0 });
    await writeCard(join(cards, 'plain.jpg'), { lines: ['Beatus AG'], seed: 4, noise: 0 });
    await writeCard(join(cards, 'blank.jpg'), { lines: [], rules: true, seed: 5, noise: 0 });
    await writeCard(join(cards, 'ref.jpg'), { lines: ['Abegg, Hans', 's. Abegg & Cie'], seed: 6, noise: 0 });
    // From the project folder: the engine child, forked from source, finds tsx from there.
    run = await runCli(['run', cards, '--template', 'index-heading', '--workspace', workspace, '--workers', '1', '--data-dir', dataDir]);
  });
  after(() => store.dispose());

  it('lists bundled and workspace templates and names the invalid file and field', async () => {
    const listed = await runCli(['templates'], workspace);
    assert.equal(listed.code, 0);
    // The bundled index-card template is tuned over time; its version is read, not pinned.
    const blacklistVersion = JSON.parse(await readFile(join(root, 'templates', 'blacklist-index-card.json'), 'utf8')).version;
    assert.deepEqual(listed.stdout.trimEnd().split('\n'), [
      `blacklist-index-card    v${blacklistVersion}  bundled    Index card with a header zone (company, location, id, date, information)`,
      '                        fields: company, location, b_id, date, information  language: eng+deu',
      'index-heading           v3  workspace  Index card heading and place',
      '                        fields: heading, place  language: eng',
      'library-catalogue-card  v2  bundled    Library catalogue card (learned: author, title, imprint, collation, shelfmark)',
      '                        fields: type, last_name, first_name, title, year, place, pages, publisher, format, editor, shelfmark, subjects  language: deu+eng',
    ]);
    const broken = join(workspace, '.card-ocr', 'templates', 'broken.json');
    assert.equal(listed.stderr, `invalid: The template ${broken} is invalid at id: lower-case letters, digits and -\n`);
  });

  it('exits 2 naming the known templates for an unknown id', async () => {
    const result = await runCli(['run', 'cards', '--template', 'no-such', '--data-dir', dataDir], workspace);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^card-ocr: No template "no-such" \(looked in .*; known: blacklist-index-card, index-heading, library-catalogue-card\)\n$/);
  });

  it('runs with the workspace template by id: values, kinds and flags in the card JSON', async () => {
    assert.equal(run.code, 0, run.stderr);
    const read = async (card: string) => JSON.parse(await readFile(join(cards, 'json', `${card}.json`), 'utf8')) as CardResult;
    const config = JSON.parse(await readFile(join(cards, 'config.json'), 'utf8'));
    assert.deepEqual([config.templateId, config.language, config.options.preprocess], ['index-heading', 'eng', { normalise: false }]);
    const spaced = await read('spaced.jpg');
    assert.deepEqual([spaced.kind, spaced.fields.heading.value, spaced.fields.place.value, spaced.needsReview], ['data', 'Mootz Wilhelm', 'Zurich', false]);
    const plain = await read('plain.jpg');
    assert.deepEqual([plain.kind, plain.fields.heading.value, plain.fields.place, plain.needsReview],
      ['data', 'Beatus AG', { value: '', confidence: null, flags: ['missing'] }, true]);
    const blank = await read('blank.jpg');
    assert.deepEqual([blank.kind, blank.fields, blank.needsReview], ['blank', {
      heading: { value: '', confidence: null, flags: [] }, place: { value: '', confidence: null, flags: [] } }, false]);
    const ref = await read('ref.jpg');
    // A reference card's fields are read (issue 10: the catalogue wants the pointed-to entry), never flagged.
    assert.deepEqual([ref.kind, ref.fields.heading.value, ref.fields.heading.flags, ref.needsReview], ['reference', 'Abegg, Hans', [], false]);
  });

  it('prints the same report the engine wrote at the end of the run', async () => {
    const result = await runCli(['report', 'cards', '--json'], workspace);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as QualityReport;
    const written = JSON.parse(await readFile(join(cards, 'report.json'), 'utf8')) as QualityReport;
    assert.deepEqual({ ...report, generatedAt: '' }, { ...written, generatedAt: '' });
    assert.deepEqual(report.cards, { total: 4, succeeded: 4, failed: 0, needsReview: 1, data: 2, blank: 1, reference: 1, emptyText: 1 });
    assert.deepEqual(report.fields.map(f => [f.name, f.filled, f.completeness, f.missing, f.invalid]), [['heading', 2, 1, 0, 0], ['place', 1, 0.5, 1, 0]]);
    assert.deepEqual(report.needsReview, [{ card: 'plain.jpg', flags: { place: ['missing'] } }]);
    assert.deepEqual(report.problemCards, []);
    const text = await runCli(['report', 'cards'], workspace);
    assert.deepEqual(text.stdout.split('\n').slice(0, 2), [
      `Batch ${report.batchId} in cards`,
      'cards: 4 total, 4 read, 0 failed, 1 need review (data 2, blank 1, reference 1)',
    ]);
    assert.match(text.stdout, /\n {2}plain\.jpg {2}place: missing\n/);
  });

  it('writes report.json under the folder\'s lock: refused with exit 4 while another process holds it', async () => {
    const before = await readFile(join(cards, 'report.json'), 'utf8');
    const lock = await BatchLock.acquire(cards, 'a test holding the folder');
    assert.ok(lock.ok);
    const busy = await runCli(['report', 'cards', '--write'], workspace).finally(() => lock.value.release());
    assert.equal(busy.code, 4, busy.stderr);
    assert.match(busy.stderr, /in use by .*a test holding the folder/);
    assert.equal(await readFile(join(cards, 'report.json'), 'utf8'), before);
    const written = await runCli(['report', 'cards', '--write', '--json'], workspace);
    assert.equal(written.code, 0, written.stderr);
    assert.equal((JSON.parse(await readFile(join(cards, 'report.json'), 'utf8')) as QualityReport).generatedAt, (JSON.parse(written.stdout) as QualityReport).generatedAt);
  });

  it('exits 2 for a folder that is not a batch', async () => {
    const result = await runCli(['report', '.card-ocr'], workspace);
    assert.deepEqual([result.code, result.stderr], [2, 'card-ocr: .card-ocr is not a batch (no config.json); run card-ocr run .card-ocr first\n']);
  });
});
