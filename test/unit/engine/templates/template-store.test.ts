// The template library on real files: bundled templates, workspace templates, invalid files, resolve and save.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DisposableStore } from '../../../../src/common/lifecycle';
import { bundledTemplatesDir, findPackageRoot } from '../../../../src/engine/templates/package-root';
import { listTemplates, resolveTemplate, saveTemplate, workspaceTemplatesDir } from '../../../../src/engine/templates/template-store';
import { Template } from '../../../../src/protocol';
import { makeTmpDir } from '../../../support/tmp-dir';

const root = resolve(__dirname, '../../../..');

function writeJson(file: string, json: unknown): void {
  writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json));
}

const minimal = (id: string, name = `Template ${id}`) => ({
  id, name, version: 2, fields: [{ name: 'shelfmark', find: { by: 'label', label: 'Standort:' } }],
});

describe('template library', () => {
  let store: DisposableStore;
  let workspace: string;
  beforeEach(() => {
    store = new DisposableStore();
    workspace = store.add(makeTmpDir('templates')).dir;
  });
  afterEach(() => store.dispose());

  it('finds the bundled templates beside package.json, from source and from dist/', () => {
    assert.equal(bundledTemplatesDir(), join(root, 'templates'));
    assert.equal(findPackageRoot(join(root, 'dist')), root);
    assert.equal(findPackageRoot(join(root, 'src/engine/templates')), root);
  });

  it('lists the bundled templates, valid against the Template schema, with the agreed fields', async () => {
    const listing = await listTemplates();
    assert.deepEqual(listing.problems, []);
    assert.deepEqual(listing.templates.map(entry => [entry.template.id, entry.source]), [['blacklist-index-card', 'bundled'], ['library-catalogue-card', 'bundled']]);
    const blacklist = listing.templates[0].template;
    assert.deepEqual(blacklist.fields.map(field => field.name), ['company', 'location', 'b_id', 'date', 'information']);
    // The catalogue template's fields are the library benchmark's leaves, so outputs map 1:1 onto its shape (#11).
    assert.deepEqual(listing.templates[1].template.fields.map(field => field.name),
      ['type', 'last_name', 'first_name', 'title', 'year', 'place', 'pages', 'publisher', 'format', 'editor', 'shelfmark', 'subjects']);
    for (const entry of listing.templates) { assert.equal(Template.safeParse(JSON.parse(await readFile(entry.file, 'utf8'))).success, true); }
  });

  // #11: the bundled catalogue template became a learned one for real cards; the generated sample cards keep
  // their rule-based template under an id of its own, so the two never shadow each other.
  it('keeps the samples\' rule-based template valid and apart from the bundled learned one', async () => {
    const sample = Template.parse(JSON.parse(await readFile(join(root, 'samples/sample-catalogue-card.json'), 'utf8')));
    assert.equal(sample.id, 'sample-catalogue-card');
    assert.deepEqual(sample.fields.map(field => field.name), ['author', 'title', 'imprint', 'pages', 'format', 'shelfmark']);
    const bundled = await resolveTemplate('library-catalogue-card');
    assert.ok(bundled.ok);
    assert.ok(bundled.value.fields.every(field => field.find.by === 'learned'));
    // The model is named relative to the template and resolved beside it.
    assert.equal(bundled.value.model, join(root, 'templates/library-catalogue-card.model.json'));
  });

  it('adds workspace templates, a workspace one shadowing a bundled one with the same id', async () => {
    const dir = workspaceTemplatesDir(workspace);
    mkdirSync(dir, { recursive: true });
    writeJson(join(dir, 'my-cards.json'), minimal('my-cards'));
    writeJson(join(dir, 'library.json'), minimal('library-catalogue-card', 'Our catalogue cards'));
    const listing = await listTemplates(workspace);
    assert.deepEqual(listing.templates.map(entry => [entry.template.id, entry.source, entry.template.name]), [
      ['blacklist-index-card', 'bundled', 'Index card with a header zone (company, location, id, date, information)'],
      ['library-catalogue-card', 'workspace', 'Our catalogue cards'],
      ['my-cards', 'workspace', 'Template my-cards'],
    ]);
  });

  it('names the file and the field of an invalid template, and still lists the good ones', async () => {
    const dir = workspaceTemplatesDir(workspace);
    mkdirSync(dir, { recursive: true });
    const badRegex = { ...minimal('bad-regex'), fields: [{ name: 'x', find: { by: 'pattern', pattern: '(?<x>[' } }] };
    writeJson(join(dir, 'bad-regex.json'), badRegex);
    writeJson(join(dir, 'not-json.json'), '{ "id": ');
    writeJson(join(dir, 'good.json'), minimal('good'));
    const listing = await listTemplates(workspace);
    assert.deepEqual(listing.templates.map(entry => entry.template.id), ['blacklist-index-card', 'good', 'library-catalogue-card']);
    assert.deepEqual(listing.problems, [
      { code: 'template/invalid', message: `The template ${join(dir, 'bad-regex.json')} is invalid at fields.0.find.pattern (field "x", key find.pattern): not a valid regular expression`,
        details: { file: join(dir, 'bad-regex.json'), field: 'fields.0.find.pattern', fieldName: 'x', key: 'find.pattern' } },
      { code: 'template/invalid', message: `The template ${join(dir, 'not-json.json')} is not valid JSON`, details: { file: join(dir, 'not-json.json') } },
    ]);
  });

  it('resolves an id, a file path, and names what it searched for an unknown id', async () => {
    const byId = await resolveTemplate('library-catalogue-card', workspace);
    assert.equal(byId.ok && byId.value.fields.length, 12);
    const file = join(workspace, 'loose.json');
    writeJson(file, minimal('loose'));
    const byPath = await resolveTemplate(file);
    assert.equal(byPath.ok && byPath.value.id, 'loose');
    const unknown = await resolveTemplate('no-such-cards', workspace);
    assert.deepEqual(unknown, { ok: false, error: {
      code: 'request/not-found',
      message: `No template "no-such-cards" (looked in ${join(root, 'templates')}, ${workspaceTemplatesDir(workspace)}; known: blacklist-index-card, library-catalogue-card)`,
      details: { id: 'no-such-cards' },
    } });
    const missingFile = await resolveTemplate(join(workspace, 'absent.json'));
    assert.deepEqual(missingFile.ok ? undefined : missingFile.error.code, 'template/invalid');
  });

  it('resolves an id whose workspace file is invalid to that file\'s problem', async () => {
    const dir = workspaceTemplatesDir(workspace);
    mkdirSync(dir, { recursive: true });
    writeJson(join(dir, 'broken.json'), { ...minimal('broken'), version: 0 });
    const result = await resolveTemplate('broken', workspace);
    assert.deepEqual(result.ok ? undefined : result.error.details, { file: join(dir, 'broken.json'), field: 'version' });
  });

  it('saves a valid template into the workspace and refuses an invalid one', async () => {
    const saved = await saveTemplate(workspace, minimal('saved-cards'));
    assert.equal(saved.ok && saved.value.file, join(workspaceTemplatesDir(workspace), 'saved-cards.json'));
    const again = await resolveTemplate('saved-cards', workspace);
    assert.deepEqual(again.ok && again.value, minimal('saved-cards'));
    const refused = await saveTemplate(workspace, { ...minimal('two-names'), fields: [minimal('a').fields[0], minimal('b').fields[0]] });
    assert.deepEqual(refused, { ok: false, error: { code: 'template/invalid', message: 'The template is invalid at fields: field names must be unique', details: { field: 'fields' } } });
  });
});
