// Field names are data, never object keys that meet Object.prototype: a property test over odd names (JS
// prototype keys among them) through template load, review, the card JSON and the CSV.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { newBatchConfig, writeBatchConfig } from '../../../../src/batch-folder/config';
import { batchPaths } from '../../../../src/batch-folder/paths';
import { CheckpointJournal } from '../../../../src/batch-folder/checkpoint-journal';
import { readCardJson, writeCardJson } from '../../../../src/batch-folder/outputs/card-json';
import { writeCsv } from '../../../../src/batch-folder/outputs/csv-table';
import { reviewCard } from '../../../../src/engine/review';
import { CardResult, FieldSpec, ReviewBody, type FieldValue } from '../../../../src/protocol';
import { readCsv } from '../../../support/batch-watch';
import { makeTmpDir } from '../../../support/tmp-dir';

const region = { by: 'region', region: { left: 0, top: 0, width: 1, height: 1 } } as const;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);

/** Names a template may hold: JS prototype keys, or anything FieldName's grammar allows. */
const fieldName = fc.oneof(fc.constantFrom(...prototypeKeys, 'prototype', 'hasOwn'), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/));

describe('odd field names', () => {
  it('rejects "__proto__" at template load and accepts the other prototype keys', () => {
    assert.equal(FieldSpec.safeParse({ name: '__proto__', find: region }).success, false);
    for (const name of prototypeKeys.filter(n => n !== '__proto__' && /^[A-Za-z_]\w*$/.test(n))) {
      assert.equal(FieldSpec.safeParse({ name, find: region }).success, true, name);
    }
    // A review naming it either fails or carries nothing: it never reaches the prototype.
    const review = ReviewBody.safeParse(JSON.parse('{"fields":{"__proto__":"x"}}'));
    assert.ok(!review.success || (Object.keys(review.data.fields).length === 0 && Object.getPrototypeOf(review.data.fields) === Object.prototype));
  });

  it('a review round trip keeps every value, in the JSON and in the CSV, for any accepted names', async function () {
    this.timeout(60_000);
    await fc.assert(fc.asyncProperty(fc.uniqueArray(fieldName, { minLength: 1, maxLength: 6 }), fc.nat(), async (names, seed) => {
      const usable = names.filter(name => FieldSpec.safeParse({ name, find: region }).success);
      if (usable.length === 0) { return; }
      const tmp = makeTmpDir('odd-names');
      try {
        await writeBatchConfig(tmp.dir, newBatchConfig({ dir: tmp.dir, fields: usable.map(name => ({ name, find: region })), language: 'eng', options: {} }));
        const fields = Object.fromEntries(usable.map((name, i): [string, FieldValue] => [name, { value: `v${i}`, confidence: 50, flags: ['low-confidence'] }]));
        const result: CardResult = { card: 'a.jpg', text: 't', confidence: 50, fields, needsReview: true, width: 10, height: 10, durationMs: 1, processedAt: '2026-01-01T00:00:00.000Z' };
        await writeCardJson(tmp.dir, result);
        const journal = await CheckpointJournal.open(tmp.dir);
        journal.started('a.jpg'); journal.done('a.jpg');
        await journal.close();
        await writeCsv(batchPaths(tmp.dir).csvFile, [result], usable);
        const read = await readCardJson(tmp.dir, 'a.jpg');
        assert.ok(read.ok);
        assert.deepEqual(Object.keys(read.value.fields), usable);

        // Correct one field, send nothing for the others; then review again, accepting another.
        const corrected = usable[seed % usable.length];
        const first = await reviewCard(tmp.dir, 'a.jpg', ReviewBody.parse({ fields: { [corrected]: 'fixed' } }).fields);
        assert.ok(first.ok, first.ok ? '' : first.error.message);
        const accepted = usable[(seed + 1) % usable.length];
        const second = await reviewCard(tmp.dir, 'a.jpg', {}, undefined, { accept: [accepted] });
        assert.ok(second.ok, second.ok ? '' : second.error.message);

        const stored = await readCardJson(tmp.dir, 'a.jpg');
        assert.ok(stored.ok, stored.ok ? '' : stored.error.message);
        const expected = usable.map((name, i) => (name === corrected ? 'fixed' : `v${i}`));
        assert.deepEqual(usable.map(name => stored.value.fields[name].value), expected);
        for (const name of usable) {
          const reviewed = name === corrected || name === accepted;
          assert.deepEqual(stored.value.fields[name].flags, reviewed ? [] : ['low-confidence'], name);
        }
        const rows = await readCsv(batchPaths(tmp.dir).csvFile);
        assert.deepEqual(rows.map(row => row.slice(0, usable.length + 1)), [['card', ...usable], ['a.jpg', ...expected]]);
      } finally {
        tmp.dispose();
      }
    }), { numRuns: 60, examples: [[['constructor', 'toString'], 0], [['valueOf', 'hasOwnProperty', '__proto__', 'b'], 1]] });
  });
});
