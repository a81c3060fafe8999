// A learned zone's retry readings: each read and stored under its own key, given to the model as the zone's
// alternatives, trained on where the first reading lost the checked value, and taken when the first reading's value
// has none of the shapes the checked values had — the first reading kept when it has one.
import * as assert from 'node:assert/strict';
import type { FieldSpec, PixelBox, RegionOcrOptions, RelativeRect } from '../../../../src/protocol';
import { LearnedLabeller } from '../../../../src/engine/learned/learned-finder';
import { learnedZones, readLearnedZones, zoneKey, type ZonePage } from '../../../../src/engine/learned/learned-zones';
import { fixedModel, ModelFiles } from '../../../../src/engine/learned/model-source';
import { retryWanted } from '../../../../src/engine/learned/retry-wanted';
import { trainModel } from '../../../../src/engine/learned/train';
import { learnedSegments, learnedTargets } from '../../../../src/engine/learned/zone-tokens';
import type { OcrPage } from '../../../../src/engine/ocr-page';
import { buildPage } from '../../../support/ocr-page-builder';

const header: RelativeRect = { left: 0, top: 0, width: 0.6, height: 0.2 };
const idZone: RelativeRect = { left: 0.6, top: 0, width: 0.4, height: 0.2 };
const again = { preprocess: { threshold: true } };
const idReading: RegionOcrOptions = { pageSegmentation: 'single-block', retry: [again, { pageSegmentation: 'sparse' }] };
const fields: FieldSpec[] = [
  { name: 'company', find: { by: 'learned', region: header } },
  { name: 'b_id', find: { by: 'learned', region: idZone, ocr: idReading } },
];
const firstKey = zoneKey(idZone, { pageSegmentation: 'single-block' });
const retryKeys = [zoneKey(idZone, { pageSegmentation: 'single-block', ...again }), zoneKey(idZone, { pageSegmentation: 'sparse' })];

function zonePage(lines: string[], box: PixelBox): ZonePage {
  const built = buildPage(lines, { confidence: 90 });
  const shift = (b: PixelBox): PixelBox => ({ x0: b.x0 + box.x0, y0: b.y0 + box.y0, x1: b.x1 + box.x0, y1: b.y1 + box.y0 });
  return { box, page: { ...built, width: 1000, height: 600, lines: built.lines.map(line => ({ ...line, box: shift(line.box), words: line.words.map(w => ({ ...w, box: shift(w.box) })) })) } };
}
const headerBox = { x0: 0, y0: 0, x1: 600, y1: 120 };
const idBox = { x0: 600, y0: 0, x1: 1000, y1: 120 };

/** A card whose id zone reads `ids` in its first reading and its retries. */
function card(company: string, ids: string[]): { page: OcrPage; zones: Map<string, ZonePage> } {
  const zones = new Map([[zoneKey(header), zonePage([company], headerBox)]]);
  [firstKey, ...retryKeys].forEach((key, i) => { if (ids[i] !== undefined) { zones.set(key, zonePage([ids[i]], idBox)); } });
  return { page: buildPage([`${company}   ${ids[0]}`]), zones };
}

const companies = ['Mootz Wilhelm', 'Abegg & Cie.', 'Beatus A.G.', 'Kolter G.m.b.H.', 'Huber Carla', 'Frey, Anna', 'Ott Martin', 'Skiff A.G.'];
/** Every third card's first reading garbles its id; a retry reads it. */
function trained(retries: boolean) {
  const cards = companies.map((company, i) => {
    const id = `B.51.322.GB.${100 + 7 * i}.`;
    const ids = i % 3 === 0 ? [`R${i}7 2${i}9 CR`, 'B.5', id] : [id, id, id];
    const { page, zones } = card(company, retries ? ids : ids.slice(0, 1));
    return { card: `c${i}`, page, segments: learnedSegments(page, fields, zones), truth: [{ field: 'company', value: company }, { field: 'b_id', value: id }] };
  });
  const { model, report } = trainModel(cards, learnedTargets(fields));
  return { labeller: new LearnedLabeller(model), model, found: report.fields.find(f => f.field === 'b_id')?.found };
}

/** The readings OCR is asked for at run time for a card whose zones read `company` and then `ids` in turn. */
async function readsAtRunTime(ids: string[], models: Parameters<typeof retryWanted>[2], spec: FieldSpec[] = fields): Promise<string[]> {
  const page: OcrPage = { ...buildPage(['Graf Elise']), width: 1000, height: 600 };
  const texts: string[] = [];
  let id = 0;
  await readLearnedZones(page, spec, async (box, _ocr) => {
    const text = box.x0 === 0 ? 'Graf Elise' : ids[id++];
    texts.push(text);
    return { ...buildPage([text]), width: 1000, height: 600, lines: buildPage([text]).lines.map(line => ({ ...line, box: { ...line.box, x0: line.box.x0 + box.x0, x1: line.box.x1 + box.x0 }, words: line.words.map(w => ({ ...w, box: { ...w.box, x0: w.box.x0 + box.x0, x1: w.box.x1 + box.x0 } })) })) };
  }, retryWanted(page, spec, models));
  return texts;
}
const idOf = (labeller: LearnedLabeller, ids: string[]) => {
  const { page, zones } = card('Graf Elise', ids);
  return labeller.label(page, learnedSegments(page, fields, zones)).get('b_id')?.text;
};

describe("a learned zone's retry readings", () => {
  it('are read over the zone\'s own settings and stored under their own keys, the first reading\'s key as without them', async () => {
    const page: OcrPage = { ...buildPage(['Mootz Wilhelm']), width: 1000, height: 600 };
    const reads: RegionOcrOptions[] = [];
    const stored = await readLearnedZones(page, fields, async (_box, ocr) => { reads.push(ocr); return { ...buildPage([`read ${reads.length}`]), width: 1000, height: 600 }; });
    assert.deepEqual(reads.slice(1), [{ pageSegmentation: 'single-block' }, { pageSegmentation: 'single-block', preprocess: { threshold: true } }, { pageSegmentation: 'sparse' }]);
    assert.deepEqual(stored.map(z => z.key), [zoneKey(header), firstKey, ...retryKeys]);
    assert.deepEqual(stored.map(z => z.text), ['read 1', 'read 2', 'read 3', 'read 4']);
    assert.equal(firstKey, zoneKey(idZone, { pageSegmentation: 'single-block' }));
  });

  it("are the zone's alternatives in the template's order, those the card did not keep left out", () => {
    const { page, zones } = card('Mootz Wilhelm', ['B.51.322.GB.1.', 'B.51.322.GB.2.', 'B.51.322.GB.3.']);
    const segments = learnedSegments(page, fields, zones);
    assert.equal(segments[0].alternatives, undefined);
    assert.deepEqual(segments[1].alternatives?.map(p => p.text), ['B.51.322.GB.2.', 'B.51.322.GB.3.']);
    zones.delete(retryKeys[0]);
    assert.deepEqual(learnedSegments(page, fields, zones)[1].alternatives?.map(p => p.text), ['B.51.322.GB.3.']);
  });

  it('give the id from the first retry whose value has a checked shape when the first reading garbled it', () => {
    const { labeller } = trained(true);
    assert.equal(idOf(labeller, ['R67 299 CR', 'B.5', 'B.51.322.GB.777.']), 'B.51.322.GB.777.');
    // Without retry readings the garbled reading is all there is.
    assert.notEqual(idOf(labeller, ['R67 299 CR']), 'B.51.322.GB.777.');
  });

  it('leave a first reading of a checked shape as it is, and the first reading when no retry has one', () => {
    const { labeller } = trained(true);
    assert.equal(idOf(labeller, ['B.51.322.GB.555.', 'B.51.322.GB.999.', 'B.51.322.GB.998.']), 'B.51.322.GB.555.');
    assert.equal(idOf(labeller, ['R67 299 CR', 'B.5', 'Q 7']), idOf(labeller, ['R67 299 CR']));
  });

  it('are what training learns from where the first reading lost the checked value', () => {
    const { model, found } = trained(true);
    // Every card's id is found: in the first reading, or (every third card) in the retry that read it.
    assert.equal(found, companies.length);
    assert.equal(trained(false).found, companies.length - 3);
    assert.deepEqual(model.fields.b_id.shapes, ['X.d.d.X.d.']);
    assert.equal(model.fields.b_id.zone, 1);
    assert.equal(model.fields.company.zone, 0);
  });

  it('give a value nearly every checked card had from a retry where the first reading lost it', () => {
    const headerRetry: FieldSpec[] = [{ name: 'company', find: { by: 'learned', region: header, ocr: { retry: [again] } } }];
    const retryKey = zoneKey(header, again);
    const headerCard = (first: string, retry: string) => {
      const read = (text: string): ZonePage => (text === '' ? { box: headerBox, page: { ...buildPage([]), width: 1000, height: 600, lines: [], text: '' } } : zonePage([text], headerBox));
      const zones = new Map([[zoneKey(header), read(first)], [retryKey, read(retry)]]);
      const page = buildPage([first || 'x']);
      return { page, segments: learnedSegments(page, headerRetry, zones) };
    };
    const cards = companies.map((company, i) => ({ card: `c${i}`, ...headerCard(company, company), truth: [{ field: 'company', value: company }] }));
    const { model } = trainModel(cards, learnedTargets(headerRetry));
    assert.equal(model.fields.company.required, true);
    assert.equal(model.fields.company.shapes, undefined);
    const labeller = new LearnedLabeller(model);
    // A blank first reading (a faint header under the zone's confidence floors, say).
    const unseen = headerCard('', 'Graf Elise');
    assert.equal(labeller.label(unseen.page, unseen.segments).get('company')?.text, 'Graf Elise');
    const first = headerCard('Wyss Otto', 'Graf Elise');
    assert.equal(labeller.label(first.page, first.segments).get('company')?.text, 'Wyss Otto');
  });

  it('are read at run time only while the model finds the zone failing, and all of them before a model exists', async () => {
    const { model } = trained(true);
    const source = fixedModel(model);
    assert.deepEqual(await readsAtRunTime(['B.51.322.GB.555.', 'B.51.322.GB.999.', 'B.51.322.GB.998.'], source), ['Graf Elise', 'B.51.322.GB.555.']);
    assert.deepEqual(await readsAtRunTime(['R67 299 CR', 'B.5', 'B.51.322.GB.777.'], source), ['Graf Elise', 'R67 299 CR', 'B.5', 'B.51.322.GB.777.']);
    const unread = fields.map(field => (field.find.by === 'learned' ? { ...field, find: { ...field.find, model: '/nonexistent/card-ocr-model.json' } } : field));
    assert.deepEqual(await readsAtRunTime(['B.51.322.GB.555.', 'B.51.322.GB.999.', 'B.51.322.GB.998.'], new ModelFiles().source, unread),
      ['Graf Elise', 'B.51.322.GB.555.', 'B.51.322.GB.999.', 'B.51.322.GB.998.']);
  });

  it('are shared by the fields of one zone, whichever of them names them', () => {
    const shared: FieldSpec[] = [
      { name: 'company', find: { by: 'learned', region: header } },
      { name: 'location', find: { by: 'learned', region: header, ocr: { retry: [again] } } },
    ];
    const zones = learnedZones(shared);
    assert.equal(zones.length, 1);
    assert.deepEqual(zones[0].retries.map(r => r.key), [zoneKey(header, again)]);
  });
});
