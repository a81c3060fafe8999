// A request's field list is checked like a template file: a misspelt key is a 400 naming field and key.
import * as assert from 'node:assert/strict';
import { fieldListProblem } from '../../../src/server/field-list-check';
import { statusOf } from '../../../src/server/http-errors';

describe('field list check of API bodies', () => {
  it('answers template/invalid (400) naming the field and the key, and nothing for sound or absent fields', () => {
    const found = fieldListProblem({ folder: 'x', fields: [{ name: 'author', find: { by: 'label', label: 'Author', untill: 'line-end' } }] });
    assert.deepEqual(found, { code: 'template/invalid', message: 'Invalid fields: 0.find.untill (field "author", key find.untill): unknown key (misspelt, or not a template setting)',
      details: { field: 'fields.0.find.untill' } });
    assert.equal(statusOf(found!.code), 400);
    assert.equal(fieldListProblem({ folder: 'x', fields: [{ name: 'author', find: { by: 'label', label: 'Author' } }] }), undefined);
    assert.equal(fieldListProblem({ folder: 'x' }), undefined);
  });
});
