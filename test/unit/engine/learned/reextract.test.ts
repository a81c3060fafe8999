// Re-extraction of a batch gives the same files however it runs: in worker threads or in the calling thread, and
// as the plain serial loop it replaced (read, find again, write each card, then the CSV), byte for byte; a card
// that comes out as it was is not rewritten.
import * as assert from 'node:assert/strict';
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeBatchConfig } from '../../../../src/batch-folder/config';
import { CheckpointJournal } from '../../../../src/batch-folder/checkpoint-journal';
import { batchPaths } from '../../../../src/batch-folder/paths';
import { fixedModel, sharedModelFiles } from '../../../../src/engine/learned/model-source';
import { reextractBatch, reextractCard } from '../../../../src/engine/learned/reextract';
import { readCardJson, writeCardJson } from '../../../../src/batch-folder/outputs/card-json';
import { writeCsv } from '../../../../src/batch-folder/outputs/csv-table';
import { bundledTemplatesDir, readTemplateFile } from '../../../../src/engine/templates';
import { LearnedModel, type CardResult, type FieldSpec } from '../../../../src/protocol';
import { variedCard } from '../../../support/stored-cards';
import { makeTmpDir, type TmpDir } from '../../../support/tmp-dir';

async function libraryTemplate(): Promise<{ fields: FieldSpec[]; model: string }> {
  const template = await readTemplateFile(join(bundledTemplatesDir() ?? 'templates', 'library-catalogue-card.json'));
  if (!template.ok) { throw new Error(template.error.message); }
  return { fields: template.value.fields, model: template.value.model ?? '' };
}

/** A finished batch of `size` varied stored cards; card 3 has a reviewed field, card 5 no words (skipped). */
async function storedBatch(dir: string, size: number, fields: FieldSpec[]): Promise<void> {
  const now = '2026-12-01T00:00:00.000Z';
  await writeBatchConfig(dir, { version: 1, id: 'r', name: 'r', fields, language: 'deu+eng', options: {}, status: 'finished', createdAt: now, updatedAt: now });
  const journal = await CheckpointJournal.open(dir);
  for (let i = 0; i < size; i++) {
    let card: CardResult = variedCard(i);
    if (i === 3) { card = { ...card, fields: { title: { value: 'Checked title', confidence: 90, flags: [], review: { originalValue: 'x', reviewedAt: now } } } }; }
    if (i === 5) { card = { ...card, words: undefined, fields: { title: { value: 'Old title', confidence: 50, flags: [] } } }; }
    journal.started(card.card);
    await writeCardJson(dir, card);
    journal.done(card.card);
  }
  await journal.close();
}

/** What re-extraction did before it was spread over threads: each card in turn, then the CSV. */
async function serialReextract(dir: string, fields: FieldSpec[]): Promise<void> {
  const rows: CardResult[] = [];
  for (const name of (await readdir(join(dir, 'json'))).sort()) {
    const stored = await readCardJson(dir, name.replace(/\.json$/, ''));
    assert.ok(stored.ok);
    const next = await reextractCard(stored.value, fields, sharedModelFiles.source);
    if (next) { await writeCardJson(dir, next); }
    rows.push(next ?? stored.value);
  }
  await writeCsv(batchPaths(dir).csvFile, rows, fields.map(f => f.name));
}

async function files(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const sub of ['json', 'csv']) {
    for (const name of await readdir(join(dir, sub))) { out.set(`${sub}/${name}`, await readFile(join(dir, sub, name), 'latin1')); }
  }
  return out;
}

describe('re-extraction of a batch', function () {
  this.timeout(240_000);
  let tmp: TmpDir;
  beforeEach(() => { tmp = makeTmpDir('reextract'); });
  afterEach(() => tmp.dispose());

  it('writes the same json and CSV bytes in threads, in the calling thread, and as the serial loop', async () => {
    const { fields } = await libraryTemplate();
    const base = join(tmp.dir, 'base', 'cards');
    await mkdir(base, { recursive: true });
    await storedBatch(base, 450, fields);
    const ways: Array<[string, (dir: string) => Promise<unknown>]> = [
      ['serial', dir => serialReextract(dir, fields)],
      ['one thread', dir => reextractBatch(dir, undefined, undefined, { threads: 1 })],
      ['two threads', dir => reextractBatch(dir, undefined, undefined, { threads: 2 })],
    ];
    const outputs = new Map<string, Map<string, string>>();
    for (const [name, run] of ways) {
      const dir = join(tmp.dir, name.replace(' ', '-'), 'cards');
      await cp(base, dir, { recursive: true });
      await run(dir);
      outputs.set(name, await files(dir));
    }
    const serial = outputs.get('serial');
    assert.ok(serial && serial.size === 451);
    const card3 = JSON.parse(serial.get('json/card-000003.jpg.json') ?? '') as CardResult;
    assert.equal(card3.fields.title.value, 'Checked title', 'a reviewed value stays');
    assert.ok(Object.values((JSON.parse(serial.get('json/card-000007.jpg.json') ?? '') as CardResult).fields).some(f => f.value !== ''), 'fields were found');
    for (const name of ['one thread', 'two threads']) {
      const got = outputs.get(name);
      assert.ok(got);
      assert.deepEqual([...got.keys()], [...serial.keys()]);
      for (const [file, text] of serial) { assert.ok(got.get(file) === text, `${name}: ${file} differs from the serial loop`); }
    }
  });

  it('reports the same in threads as in the calling thread, with a model held in memory too', async () => {
    const { fields, model } = await libraryTemplate();
    const source = fixedModel(LearnedModel.parse(JSON.parse(await readFile(model, 'utf8'))));
    const one = join(tmp.dir, 'one', 'cards');
    const two = join(tmp.dir, 'two', 'cards');
    await mkdir(one, { recursive: true });
    await storedBatch(one, 420, fields);
    await cp(one, two, { recursive: true });
    const a = await reextractBatch(one, undefined, source, { threads: 1 });
    const b = await reextractBatch(two, undefined, source, { threads: 2 });
    assert.ok(a.ok && b.ok);
    assert.deepEqual({ ...b.value, ms: 0 }, { ...a.value, ms: 0 });
    assert.deepEqual(a.value.skipped, ['card-000005.jpg']);
    assert.equal(a.value.cards, 419);
    assert.ok(a.value.completeness.some(c => c.after > c.before));
    assert.deepEqual(await files(two), await files(one));
  });

  it('fails, naming the model, when a thread cannot read it; the CSV is not rewritten', async () => {
    const bad = join(tmp.dir, 'bad.model.json');
    await writeFile(bad, '{"not":"a model"}');
    const batch = join(tmp.dir, 'cards');
    await mkdir(batch);
    await storedBatch(batch, 420, [{ name: 'title', find: { by: 'learned', model: bad } }]);
    await assert.rejects(reextractBatch(batch, undefined, undefined, { threads: 2 }), /bad\.model\.json is not a card-ocr model/);
    await assert.rejects(stat(batchPaths(batch).csvFile));
  });

  it('leaves a card whose result comes out as it was untouched', async () => {
    const { fields } = await libraryTemplate();
    await storedBatch(tmp.dir, 20, fields);
    assert.ok((await reextractBatch(tmp.dir)).ok);
    const file = join(tmp.dir, 'json', 'card-000007.jpg.json');
    const first = await stat(file);
    const text = await readFile(file, 'utf8');
    await new Promise(resolve => setTimeout(resolve, 30));
    assert.ok((await reextractBatch(tmp.dir)).ok);
    assert.equal((await stat(file)).mtimeMs, first.mtimeMs);
    assert.equal(await readFile(file, 'utf8'), text);
  });

  it('keeps the stored value of a learned field whose zone the card was never read for', async () => {
    const { fields } = await libraryTemplate();
    // The template now reads `title` from a zone; the card was read before, so its result holds no reading of it.
    const zoned = fields.map(f => (f.name === 'title' ? { ...f, find: { by: 'learned' as const, region: { left: 0, top: 0, width: 1, height: 0.5 } } } : f));
    const card: CardResult = { ...variedCard(2), fields: { ...variedCard(2).fields, title: { value: 'Stored title', confidence: 80, flags: [] } } };
    const next = await reextractCard(card, zoned, sharedModelFiles.source);
    assert.equal(next?.fields.title.value, 'Stored title');
    const plain = await reextractCard(card, fields, sharedModelFiles.source);
    assert.notEqual(plain?.fields.title.value, 'Stored title');
  });
});
