// Tesseract codes as names in the language picker: ISO codes through Intl in the UI language, tesseract's own
// codes through the translator, unknown codes as they are.
import * as assert from 'node:assert/strict';
import { languageLabel, languageName, splitLanguages } from '../../../src/extension/language-names';

describe('language names for the picker', () => {
  it('names ISO 639-2 codes in the UI language, with the code', () => {
    assert.deepEqual(['deu', 'eng', 'fra', 'lat'].map(code => languageLabel(code, 'en')), ['German (deu)', 'English (eng)', 'French (fra)', 'Latin (lat)']);
    assert.deepEqual(['deu', 'eng', 'gsw'].map(code => languageLabel(code, 'de')), ['Deutsch (deu)', 'Englisch (eng)', 'Schweizerdeutsch (gsw)']);
  });

  it('names tesseract\'s own codes through the translator, and leaves unknown codes alone', () => {
    const german: Record<string, string> = { 'German Fraktur': 'Deutsch Fraktur', 'Chinese (Simplified)': 'Chinesisch (vereinfacht)', vertical: 'vertikal' };
    const translate = (english: string): string => german[english] ?? english;
    assert.equal(languageLabel('frk', 'de', translate), 'Deutsch Fraktur (frk)');
    assert.equal(languageName('chi_sim_vert', 'de', translate), 'Chinesisch (vereinfacht) (vertikal)');
    assert.equal(languageLabel('xyz_abc', 'en'), 'xyz_abc');
  });

  it('splits a spec into codes', () => {
    assert.deepEqual(splitLanguages('deu+eng'), ['deu', 'eng']);
    assert.deepEqual(splitLanguages('eng'), ['eng']);
    assert.deepEqual(splitLanguages(''), []);
  });
});
