// Templates fail loudly: unknown keys anywhere, derived fields naming no field and regexes that do not compile
// are named by field and key before any card is read; what issue 11 adds (learned fields, a model) is accepted.
import * as assert from 'node:assert/strict';
import { checkFieldList, checkTemplate, describeTemplateFault } from '../../../src/protocol';

const base = { id: 'cards', name: 'Cards', version: 1 };
const region = { by: 'region', region: { left: 0, top: 0, width: 0.5, height: 0.2 } };

function fault(json: unknown): string | undefined {
  const found = checkTemplate(json);
  return found && describeTemplateFault(found);
}

describe('template check', () => {
  it('accepts the sound templates, with learned fields, a model, a page segmentation and deu+eng', () => {
    assert.equal(fault({ ...base, language: 'deu+eng', pageSegmentation: 'auto', model: 'library.crf', preprocess: { greyscale: false, normalise: false },
      fields: [{ name: 'title', find: { by: 'learned' } }, { name: 'year', find: { by: 'learned', model: 'other.crf' } }] }), undefined);
  });

  it('names each fault by path, field and key', () => {
    const cases: Array<[unknown, string]> = [
      [{ ...base, colour: 'blue', fields: [] }, 'colour: unknown key (misspelt, or not a template setting)'],
      [{ ...base, preprocess: { normalize: true }, fields: [] }, 'preprocess.normalize: unknown key (misspelt, or not a template setting)'],
      [{ ...base, fields: [{ name: 'id', find: { ...region, ocr: { retry: [{ preprocess: { treshold: true } }] } } }] },
        'fields.0.find.ocr.retry.0.preprocess.treshold (field "id", key find.ocr.retry.0.preprocess.treshold): unknown key (misspelt, or not a template setting)'],
      [{ ...base, fields: [{ name: 'a', find: { by: 'label', label: 'A', lable: 'B' } }] }, 'fields.0.find.lable (field "a", key find.lable): unknown key (misspelt, or not a template setting)'],
      [{ ...base, fields: [{ name: 'a', find: region }, { name: 'b', find: { by: 'derived', from: 'c', pattern: 'x', value: 'y' } }] },
        'fields.1.find.from (field "b", key find.from): names no field of this template ("c"; fields: a, b)'],
      [{ ...base, fields: [{ name: 'a', find: region, validate: { pattern: '([' } }] }, 'fields.0.validate.pattern (field "a", key validate.pattern): not a valid regular expression'],
      [{ ...base, fields: [{ name: 'a', find: { by: 'pattern', pattern: '(?<a>[' } }] }, 'fields.0.find.pattern (field "a", key find.pattern): not a valid regular expression'],
      [{ ...base, language: 'Deutsch', fields: [] }, 'language: tesseract language codes joined by +, e.g. deu+eng'],
    ];
    for (const [json, expected] of cases) { assert.equal(fault(json), expected); }
  });

  it('checks a bare field list the same way', () => {
    const found = checkFieldList([{ name: 'a', find: region, normalise: ['nfc'], typ: 'text' }]);
    assert.deepEqual(found, { path: '0.typ', field: 'a', key: 'typ', message: 'unknown key (misspelt, or not a template setting)' });
  });
});
