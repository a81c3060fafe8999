// Batch-start precedence, one function for the extension, the CLI and the server: request > template > settings > defaults.
import * as assert from 'node:assert/strict';
import { StartBatchParams, startBatchParams, type StartTemplate } from '../../../src/protocol';

const template: StartTemplate = {
  id: 'cards', fields: [{ name: 'author', find: { by: 'label', label: 'Author' } }], language: 'deu',
  preprocess: { deskew: false, threshold: true }, pageSegmentation: 'sparse',
};

describe('batch-start precedence', () => {
  it('takes the defaults with nothing given: no fields, eng, no options', () => {
    assert.deepEqual(startBatchParams({ dir: '/c' }), { dir: '/c', fields: [], language: 'eng', options: {} });
    // The same as the wire schema's own defaults.
    assert.deepEqual(startBatchParams({ dir: '/c' }), StartBatchParams.parse({ dir: '/c' }));
  });

  it('lets the template win over the settings, and merges preprocessing step by step', () => {
    const params = startBatchParams({ dir: '/c', template, settings: { language: 'fra', preprocess: { deskew: true, normalise: false } } });
    assert.deepEqual(params, {
      dir: '/c', fields: template.fields, templateId: 'cards', language: 'deu',
      options: { preprocess: { deskew: false, normalise: false, threshold: true }, pageSegmentation: 'sparse' },
    });
  });

  it('falls back to the settings\' language when the template names none', () => {
    const { language: _language, ...noLanguage } = template;
    assert.equal(startBatchParams({ dir: '/c', template: noLanguage, settings: { language: 'fra' } }).language, 'fra');
  });

  it('lets the request win over the template: language, fields, template id, options', () => {
    const params = startBatchParams({
      dir: '/c', name: 'N', restart: true, template, settings: { language: 'fra' },
      request: { language: 'eng+deu', fields: [], templateId: 'other', options: { workers: 2, preprocess: { threshold: false }, pageSegmentation: 'auto' } },
    });
    assert.deepEqual(params, {
      dir: '/c', name: 'N', fields: [], templateId: 'other', language: 'eng+deu', restart: true,
      options: { workers: 2, preprocess: { deskew: false, threshold: false }, pageSegmentation: 'auto' },
    });
  });
});
