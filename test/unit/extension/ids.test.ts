// The ids in src/extension/ids.ts and package.json's contributes must agree, or commands silently vanish.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { batchesViewId, commandIds, configurationSection, settingKeys, viewContainerId } from '../../../src/extension/ids';

interface Manifest {
  contributes: {
    commands: { command: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
    views: Record<string, { id: string; name: string }[]>;
    configuration: { properties: Record<string, unknown> };
  };
  main: string;
}

// Titles are nls keys (`%command.category%`) since the manifest was localised; read them as VS Code shows them in English.
const english = JSON.parse(readFileSync(join(__dirname, '../../../package.nls.json'), 'utf8')) as Record<string, string>;
const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8').replace(/"%([\w.-]+)%"/g, (whole, key: string) => JSON.stringify(english[key] ?? whole))) as Manifest;

describe('extension ids and package.json', () => {
  it('declares exactly the commands of ids.ts, all in the "Card OCR" category', () => {
    const declared = manifest.contributes.commands.map(c => c.command).sort();
    assert.deepEqual(declared, Object.values(commandIds).sort());
    assert.deepEqual(manifest.contributes.commands.filter(c => c.category !== 'Card OCR'), []);
  });

  it('menus only name declared commands', () => {
    const known = new Set<string>(Object.values(commandIds));
    const unknown = Object.values(manifest.contributes.menus).flat().map(m => m.command).filter(c => !known.has(c));
    assert.deepEqual(unknown, []);
  });

  it('offers OCR Folder… on folders in the Explorer context menu', () => {
    assert.deepEqual(manifest.contributes.menus['explorer/context'], [{ command: commandIds.ocrFolder, when: 'explorerResourceIsFolder', group: '7_cardOcr@1' }]);
  });

  it('has the batches view in its own activity-bar container', () => {
    assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map(c => c.id), [viewContainerId]);
    assert.deepEqual(manifest.contributes.views[viewContainerId], [{ id: batchesViewId, name: 'Card OCR Batches', contextualTitle: 'Card OCR' }]);
  });

  it('declares exactly the cardOcr.* settings that settings.ts reads', () => {
    assert.deepEqual(Object.keys(manifest.contributes.configuration.properties).sort(),
      settingKeys.map(key => `${configurationSection}.${key}`).sort());
  });

  it('points main at the extension bundle', () => {
    assert.equal(manifest.main, './dist/extension.js');
  });
});
