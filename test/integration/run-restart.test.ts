// `card-ocr run` on a folder that already holds a batch made with another template says so (exit 2) instead of
// resuming with the old template; `--restart` keeps the old outputs in _previous/<date>/ and starts over.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DisposableStore } from '../../src/common/lifecycle';
import { writeCard } from '../support/make-cards';
import { runCli } from '../support/run-cli';
import { makeTmpDir } from '../support/tmp-dir';

describe('card-ocr run on a folder with another template\'s batch', function () {
  this.timeout(120_000);
  const store = new DisposableStore();
  after(() => store.dispose());

  it('refuses to resume with another template, then --restart sets the old batch aside and reads every card again', async () => {
    const dir = store.add(makeTmpDir('restart')).dir;
    const data = store.add(makeTmpDir('restart-data')).dir;
    const cards = join(dir, 'cards');
    mkdirSync(cards);
    await writeCard(join(cards, 'card-1.jpg'), { lines: ['Author: Smith, John', 'Title: A Short History'], width: 900, height: 550 });
    writeFileSync(join(cards, 'card-2.jpg'), '');
    const heading = join(dir, 'heading.json');
    const title = join(dir, 'title.json');
    writeFileSync(heading, JSON.stringify([{ name: 'author', find: { by: 'label', label: 'Author' } }]));
    writeFileSync(title, JSON.stringify([{ name: 'title', find: { by: 'label', label: 'Title' } }]));

    const first = await runCli(['run', cards, '--fields', heading, '--data-dir', data]);
    assert.equal(first.code, 1, first.stderr);
    const refused = await runCli(['run', cards, '--fields', title, '--data-dir', data]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /already holds a batch made with a list of 1 field\(s\), not a list of 1 field\(s\); start over with --restart/);
    const again = await runCli(['run', cards, '--fields', heading, '--data-dir', data]);
    assert.equal(again.code, 1, `the same fields resume: ${again.stderr}`);

    const restarted = await runCli(['run', cards, '--fields', title, '--restart', '--data-dir', data]);
    assert.equal(restarted.code, 1, restarted.stderr);
    const [kept] = readdirSync(join(cards, '_previous'));
    assert.match(kept, /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d$/);
    const old = JSON.parse(await readFile(join(cards, '_previous', kept, 'config.json'), 'utf8'));
    assert.deepEqual(old.fields.map((f: { name: string }) => f.name), ['author']);
    assert.ok(existsSync(join(cards, '_previous', kept, 'json', 'card-1.jpg.json')));
    assert.ok(existsSync(join(cards, '_previous', kept, '_errors', 'errors.jsonl')));
    const card = JSON.parse(await readFile(join(cards, 'json', 'card-1.jpg.json'), 'utf8'));
    assert.deepEqual(Object.keys(card.fields), ['title']);
    assert.equal(card.fields.title.value, 'A Short History', card.text);
    // The empty card failed again in the new batch (it came back out of the old _errors/ first).
    assert.deepEqual(readdirSync(join(cards, '_errors')).sort(), ['card-2.jpg', 'errors.jsonl']);
  });
});
