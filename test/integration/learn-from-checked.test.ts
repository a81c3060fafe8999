// "Learn from checked cards" through the real server and engine child on generated cards with real OCR: a batch
// read with learned fields before any model exists, four cards labelled in review by the words pointed at, then
// POST /learn trains, writes the model beside the template (or into the batch folder for a bundled template's
// model), re-extracts every card from the stored OCR and answers completeness per field before and after.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { bundledTemplatesDir, EngineClient } from '../../src/engine/index';
import { BatchAnswer, BatchConfig, CardResult, CardsPage, LearnReport, type FieldSpec } from '../../src/protocol/index';
import { startServer, type ServerHandle } from '../../src/server/index';
import { httpRequest } from '../support/api-client';
import { writeTestCards } from '../support/engine-cards';
import { makeTmpDir } from '../support/tmp-dir';
import { watchBatch } from '../support/watch-batch';

const cards = [
  { name: 'card-1.jpg', author: 'Smith, John', title: 'A Short History', shelf: 'QA 76.5' },
  { name: 'card-2.jpg', author: 'Miller, Anna', title: 'Rivers of Europe', shelf: 'GB 1201' },
  { name: 'card-3.jpg', author: 'Brown, Paul', title: 'The Printing Press', shelf: 'Z 124' },
  { name: 'card-4.jpg', author: 'Keller, Hans', title: 'Old Bridges', shelf: 'TG 300' },
  { name: 'card-5.jpg', author: 'Novak, Jan', title: 'Paper Mills of Prague', shelf: 'TS 1095' },
  { name: 'card-6.jpg', author: 'Weber, Elise', title: 'Alpine Flowers', shelf: 'QK 495' },
];
const checked = ['card-1.jpg', 'card-2.jpg', 'card-3.jpg', 'card-4.jpg'];

function learnedFields(model: string): FieldSpec[] {
  return [
    { name: 'author', find: { by: 'learned', model }, validate: { required: true } },
    { name: 'title', find: { by: 'learned', model }, validate: { required: true } },
    { name: 'shelfmark', find: { by: 'label', label: 'Class' } },
  ];
}

/** The indexes of the words after the line's label (`Author:`), on the line that starts with it. */
function wordsAfterLabel(result: CardResult, label: string): number[] {
  const words = result.words ?? [];
  const start = words.findIndex(word => word.text === `${label}:`);
  assert.ok(start >= 0, `${result.card}: no word ${label}: in ${words.map(w => w.text).join(' ')}`);
  const indexes: number[] = [];
  for (let i = start + 1; i < words.length && words[i].box.y0 < words[start].box.y1; i++) { indexes.push(i); }
  return indexes;
}

describe('learn from checked cards over the API (real engine, real OCR)', function () {
  this.timeout(240_000);
  const suite = new DisposableStore();
  let engine: EngineClient;
  let server: ServerHandle;
  let root: string;

  async function readResult(dir: string, card: string): Promise<CardResult> {
    return CardResult.parse(JSON.parse(await readFile(join(dir, 'json', `${card}.json`), 'utf8')));
  }

  /** A finished batch of the six cards with these fields. */
  async function batchOf(name: string, fields: FieldSpec[]): Promise<{ id: string; dir: string }> {
    const dir = join(root, name);
    await mkdir(dir, { recursive: true });
    await writeTestCards(dir, cards);
    const answer = await httpRequest(server, 'POST', '/api/v1/batches', { body: { folder: dir, fields } });
    assert.equal(answer.status, 201, answer.text);
    const id = BatchAnswer.parse(answer.body).batch.id;
    const watcher = suite.add(await watchBatch(server, id));
    await watcher.untilStatus('finished');
    return { id, dir };
  }

  /** Labels author and title of the checked cards by pointing at their words, as the dashboard sends it. */
  async function pointAtValues(batch: { id: string; dir: string }): Promise<void> {
    for (const card of checked) {
      const result = await readResult(batch.dir, card);
      const words = { author: wordsAfterLabel(result, 'Author'), title: wordsAfterLabel(result, 'Title') };
      const text = (indexes: number[]) => indexes.map(i => result.words![i].text).join(' ');
      const answer = await httpRequest(server, 'POST', `/api/v1/batches/${batch.id}/cards/${card}/review`, {
        body: { fields: { author: text(words.author), title: text(words.title) }, words },
      });
      assert.equal(answer.status, 200, answer.text);
      const saved = CardResult.parse(answer.body);
      assert.deepEqual(saved.fields.author.review?.words, words.author);
      assert.equal(saved.fields.author.value, cards.find(c => c.name === card)!.author);
    }
  }

  before(async () => {
    const tmp = suite.add(makeTmpDir('learn-checked')).dir;
    root = join(tmp, 'root');
    engine = await EngineClient.start({ settings: { dataDir: join(tmp, 'data'), workers: 1 } });
    server = await startServer({ engine, dataDir: join(tmp, 'data'), roots: [root] });
  });
  after(async () => {
    await server?.close();
    await engine?.close();
    suite.dispose();
  });

  it('trains from the pointed cards, writes the model beside the template and fills the unchecked cards too', async () => {
    const templateDir = join(root, 'templates');
    await mkdir(templateDir, { recursive: true });
    const model = join(templateDir, 'test-cards.model.json');
    const batch = await batchOf('beside', learnedFields(model));
    // Before any model the learned fields are empty, so every card is in the review queue.
    const queue = CardsPage.parse((await httpRequest(server, 'GET', `/api/v1/batches/${batch.id}/cards?needsReview=true`)).body);
    assert.equal(queue.total, 6);
    const refused = await httpRequest(server, 'POST', `/api/v1/batches/${batch.id}/learn`);
    assert.equal(refused.status, 404, refused.text);   // nothing checked yet
    await pointAtValues(batch);

    const answer = await httpRequest(server, 'POST', `/api/v1/batches/${batch.id}/learn`);
    assert.equal(answer.status, 200, answer.text);
    const report = LearnReport.parse(answer.body);
    assert.equal(report.model, model);
    assert.equal(report.inBatchFolder, false);
    assert.deepEqual([report.trainedOn, report.cards, report.skipped], [4, 6, 0]);
    assert.deepEqual(report.fields.map(f => [f.field, f.withValue, f.found, f.notFound, f.before, f.after]), [
      ['author', 4, 4, 0, 4, 6],
      ['title', 4, 4, 0, 4, 6],
    ]);
    assert.ok((await stat(model)).size > 0);
    // The unchecked cards' values come from the model, read off the stored OCR.
    for (const card of cards.filter(c => !checked.includes(c.name))) {
      const result = await readResult(batch.dir, card.name);
      assert.deepEqual([result.fields.author.value, result.fields.title.value, result.fields.author.review], [card.author, card.title, undefined]);
    }
  });

  it('refuses to learn while the batch runs, and from a batch without learned fields', async () => {
    const dir = join(root, 'running');
    await mkdir(dir, { recursive: true });
    await writeTestCards(dir, cards);
    const started = await httpRequest(server, 'POST', '/api/v1/batches', { body: { folder: dir, fields: [{ name: 'shelfmark', find: { by: 'label', label: 'Class' } }] } });
    assert.equal(started.status, 201, started.text);
    const id = BatchAnswer.parse(started.body).batch.id;
    const watcher = suite.add(await watchBatch(server, id));
    // Six cards of real OCR take seconds; the request comes right after the batch was queued.
    const busy = await httpRequest(server, 'POST', `/api/v1/batches/${id}/learn`);
    assert.deepEqual([busy.status, (busy.body as { error: { code: string } }).error.code], [409, 'batch/busy']);
    await watcher.untilStatus('finished');
    const none = await httpRequest(server, 'POST', `/api/v1/batches/${id}/learn`);
    assert.deepEqual([none.status, (none.body as { error: { code: string } }).error.code], [400, 'request/invalid']);
  });

  it('leaves a bundled model alone: the model goes into the batch folder, which the batch then names', async () => {
    const bundled = join(bundledTemplatesDir()!, 'library-catalogue-card.model.json');
    const hash = async () => createHash('sha256').update(await readFile(bundled)).digest('hex');
    const before = await hash();
    const batch = await batchOf('bundled', learnedFields(bundled));
    await pointAtValues(batch);
    const answer = await httpRequest(server, 'POST', `/api/v1/batches/${batch.id}/learn`);
    assert.equal(answer.status, 200, answer.text);
    const report = LearnReport.parse(answer.body);
    assert.deepEqual([report.model, report.inBatchFolder], [join(batch.dir, 'learned.model.json'), true]);
    assert.equal(await hash(), before);
    const config = BatchConfig.parse(JSON.parse(await readFile(join(batch.dir, 'config.json'), 'utf8')));
    assert.deepEqual(config.fields.map(f => (f.find.by === 'learned' ? f.find.model : f.find.by)), [report.model, report.model, 'label']);
  });
});
