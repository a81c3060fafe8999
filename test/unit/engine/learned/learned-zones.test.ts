// The zones of a template's learned fields: one key per region and reading however its keys are ordered, one
// reading per zone however many fields share it, and a stored zone rebuilt as the page it was read as.
import * as assert from 'node:assert/strict';
import type { FieldSpec, PixelBox, RegionOcrOptions } from '../../../../src/protocol';
import { learnedZones, readLearnedZones, readsZones, zoneKey, zonesFromStored } from '../../../../src/engine/learned/learned-zones';
import type { OcrPage } from '../../../../src/engine/ocr-page';
import { buildPage } from '../../../support/ocr-page-builder';

const header = { left: 0.05, top: 0.1, width: 0.5, height: 0.25 };
const fields: FieldSpec[] = [
  { name: 'company', find: { by: 'learned', region: header, ocr: { pageSegmentation: 'single-block', preprocess: { suppressRules: true, cropBorder: true } } } },
  { name: 'location', find: { by: 'learned', region: { height: 0.25, width: 0.5, top: 0.1, left: 0.05 }, ocr: { preprocess: { cropBorder: true, suppressRules: true }, pageSegmentation: 'single-block' } } },
  { name: 'notes', find: { by: 'learned' } },
  { name: 'shelfmark', find: { by: 'region', region: header } },
];

describe('learned zones', () => {
  it('gives fields with the same region and reading one zone, whatever the order of their keys', () => {
    const zones = learnedZones(fields);
    assert.equal(zones.length, 1);
    assert.equal(zones[0].key, zoneKey({ top: 0.1, left: 0.05, height: 0.25, width: 0.5 }, { pageSegmentation: 'single-block', preprocess: { cropBorder: true, suppressRules: true } }));
    assert.notEqual(zones[0].key, zoneKey(header));
  });

  it('says a template reads zones with region fields or learned fields with a region, not with plain learned ones', () => {
    assert.equal(readsZones(fields), true);
    assert.equal(readsZones([fields[2]]), false);
    assert.equal(readsZones([fields[0]]), true);
  });

  it('reads each zone once, at its box on the card, and rebuilds it from what it stored', async () => {
    const page: OcrPage = { ...buildPage(['Mootz Wilhelm', 'Basel']), width: 1000, height: 600 };
    const reads: Array<{ box: PixelBox; ocr: RegionOcrOptions }> = [];
    const zone = { ...buildPage(['M o o t z   W i l h e l m', 'Basel,'], { confidence: 87.25 }), width: 1000, height: 600 };
    const stored = await readLearnedZones(page, fields, async (box, ocr) => { reads.push({ box, ocr }); return zone; });
    assert.deepEqual(reads.map(r => r.box), [{ x0: 50, y0: 60, x1: 550, y1: 210 }]);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].text, 'M o o t z W i l h e l m\nBasel,');
    assert.equal(stored[0].words[0].confidence, 87.3);
    const rebuilt = zonesFromStored(stored, 1000, 600).get(stored[0].key);
    assert.deepEqual(rebuilt?.box, { x0: 50, y0: 60, x1: 550, y1: 210 });
    assert.deepEqual(rebuilt?.page.lines.map(line => line.words.map(w => w.text)), [['M', 'o', 'o', 't', 'z', 'W', 'i', 'l', 'h', 'e', 'l', 'm'], ['Basel,']]);
  });

  it('leaves out a stored zone whose words do not spell its text', () => {
    const words = [{ text: 'Basel', confidence: 90, box: { x0: 0, y0: 0, x1: 50, y1: 20 } }];
    assert.equal(zonesFromStored([{ key: 'k', box: { x0: 0, y0: 0, x1: 100, y1: 100 }, text: 'Bern', words }], 1000, 600).size, 0);
    assert.equal(zonesFromStored(undefined, 1000, 600).size, 0);
  });
});
