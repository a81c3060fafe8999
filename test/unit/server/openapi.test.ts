// The OpenAPI document is a snapshot: any change to the API's schemas or paths must be deliberate.
// Regenerate with `UPDATE_SNAPSHOTS=1 npx mocha test/unit/server/openapi.test.ts` and review the diff.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../../../src/server/index';

const snapshotFile = join(__dirname, 'openapi.snapshot.json');

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) { for (const item of value) { refsIn(item, found); } }
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') { found.push(item); } else { refsIn(item, found); }
    }
  }
  return found;
}

describe('OpenAPI document', () => {
  const document = openApiDocument();

  it('matches the committed snapshot', () => {
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (process.env.UPDATE_SNAPSHOTS === '1') { writeFileSync(snapshotFile, text); }
    assert.deepEqual(JSON.parse(text), JSON.parse(readFileSync(snapshotFile, 'utf8')));
  });

  it('lists every route of issues 3 and 5', () => {
    assert.deepEqual(Object.keys(document.paths as object).sort(), [
      '/batches', '/batches/{id}', '/batches/{id}/cancel', '/batches/{id}/cards', '/batches/{id}/cards/{card}',
      '/batches/{id}/cards/{card}/image', '/batches/{id}/cards/{card}/review',
      '/batches/{id}/csv', '/batches/{id}/errors', '/batches/{id}/learn', '/batches/{id}/report', '/batches/{id}/resume', '/batches/{id}/retry', '/folder-cards', '/folder-cards/image', '/health',
      '/openapi.json', '/preview', '/upload', '/ws/task/{id}',
    ]);
  });

  it('points every $ref at a schema it defines', () => {
    const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
    const missing = [...new Set(refsIn(document))].filter(ref => !(ref.replace('#/components/schemas/', '') in schemas));
    assert.deepEqual(missing, []);
  });
});
