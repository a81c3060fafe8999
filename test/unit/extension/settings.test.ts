// The cardOcr.preprocessing setting in package.json is a copy of the protocol's PreprocessOptions schema for VS Code's
// settings editor: checked here against the JSON Schema zod generates, so it cannot drift (a key missing, a bound off).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PreprocessOptions } from '../../../src/protocol';

const root = join(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls = (name: string): Record<string, string> => JSON.parse(readFileSync(join(root, name), 'utf8'));

describe('the cardOcr.preprocessing setting', () => {
  const setting = manifest.contributes.configuration.properties['cardOcr.preprocessing'];
  const generated = z.toJSONSchema(PreprocessOptions) as { properties: Record<string, Record<string, unknown>>; additionalProperties?: boolean };

  it('allows exactly the keys of the protocol schema, each with its type, bounds and choices', () => {
    assert.equal(setting.type, 'object');
    assert.equal(setting.additionalProperties, generated.additionalProperties ?? true);
    const strip = (property: Record<string, unknown>): Record<string, unknown> =>
      Object.fromEntries(Object.entries(property).filter(([key]) => key !== 'description' && key !== 'markdownDescription'));
    const inManifest = Object.fromEntries(Object.entries(setting.properties as Record<string, Record<string, unknown>>).map(([key, property]) => [key, strip(property)]));
    assert.deepEqual(inManifest, Object.fromEntries(Object.entries(generated.properties).map(([key, property]) => [key, strip(property)])));
  });

  it('accepts its default, and describes every key in English and German', () => {
    assert.ok(PreprocessOptions.safeParse(setting.default).success);
    for (const file of ['package.nls.json', 'package.nls.de.json']) {
      const strings = nls(file);
      for (const [key, property] of Object.entries(setting.properties as Record<string, { description: string }>)) {
        const id = property.description.replace(/^%|%$/g, '');
        assert.ok(strings[id], `${file} lacks ${id} (for ${key})`);
      }
    }
  });
});
