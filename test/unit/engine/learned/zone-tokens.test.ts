// The token sequence of a card whose learned fields read zones: the page only when a field needs it, each zone's
// tokens after the previous with the zone's index and zone-relative positions as features, a page without zones
// exactly as before; alignment and a trained model work over that sequence.
import * as assert from 'node:assert/strict';
import type { FieldSpec, PixelBox, RelativeRect } from '../../../../src/protocol';
import { alignCard } from '../../../../src/engine/learned/align';
import { pageTokens, tokenFeatures } from '../../../../src/engine/learned/features';
import { LearnedLabeller } from '../../../../src/engine/learned/learned-finder';
import { zoneKey, type ZonePage } from '../../../../src/engine/learned/learned-zones';
import { trainModel } from '../../../../src/engine/learned/train';
import { learnedSegments, sequenceFeatures, sequenceTokens } from '../../../../src/engine/learned/zone-tokens';
import type { OcrPage } from '../../../../src/engine/ocr-page';
import { buildPage } from '../../../support/ocr-page-builder';

const header: RelativeRect = { left: 0, top: 0, width: 0.6, height: 0.2 };
const idZone: RelativeRect = { left: 0.6, top: 0, width: 0.4, height: 0.2 };
const single = { pageSegmentation: 'single-block' } as const;
const fields: FieldSpec[] = [
  { name: 'company', find: { by: 'learned', region: header, ocr: single } },
  { name: 'location', find: { by: 'learned', region: header, ocr: single } },
  { name: 'b_id', find: { by: 'learned', region: idZone } },
];

/** A zone's reading in card pixels: the lines laid out from the zone's corner. */
function zonePage(lines: string[], box: PixelBox, confidence = 90): ZonePage {
  const built = buildPage(lines, { confidence });
  const shift = (b: PixelBox): PixelBox => ({ x0: b.x0 + box.x0, y0: b.y0 + box.y0, x1: b.x1 + box.x0, y1: b.y1 + box.y0 });
  return { box, page: { ...built, width: 1000, height: 600, lines: built.lines.map(line => ({ ...line, box: shift(line.box), words: line.words.map(w => ({ ...w, box: shift(w.box) })) })) } };
}
const headerBox = { x0: 0, y0: 0, x1: 600, y1: 120 };
const idBox = { x0: 600, y0: 0, x1: 1000, y1: 120 };

function card(company: string, location: string, id: string): { page: OcrPage; zones: Map<string, ZonePage> } {
  return {
    page: buildPage([`${company}   ${id}`, location, 'Britische Liste Amendment 12.']),
    zones: new Map([[zoneKey(header, single), zonePage([company, location], headerBox)], [zoneKey(idZone), zonePage([id], idBox)]]),
  };
}

const texts = (segments: ReturnType<typeof learnedSegments>) => sequenceTokens(segments).map(t => t.word.text);

describe('token sequence from zones', () => {
  it('is the zones alone, in template order, when every learned field has a region', () => {
    const { page, zones } = card('Mootz Wilhelm', 'Basel', 'B.51.322.GB.123');
    const segments = learnedSegments(page, fields, zones);
    assert.deepEqual(segments.map(s => s.zone?.index), [0, 1]);
    assert.deepEqual(texts(segments), ['Mootz', 'Wilhelm', 'Basel', 'B', '.', '51', '.', '322', '.', 'GB', '.', '123']);
    const tokens = sequenceTokens(segments);
    // Lines are numbered across the zones; each token keeps its zone and its box in card pixels.
    assert.deepEqual(tokens.map(t => t.line), [0, 0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    assert.deepEqual(tokens.map(t => t.zone), [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    assert.deepEqual(tokens[3].word.box, { ...zones.get(zoneKey(idZone))!.page.lines[0].words[0].box, x1: tokens[3].word.box.x1 });
  });

  it('starts with the page when a learned field has no region, and is the page alone without zones', () => {
    const { page, zones } = card('Mootz Wilhelm', 'Basel', 'B.51.322.GB.123');
    const withPage = learnedSegments(page, [...fields, { name: 'information', find: { by: 'learned' } }], zones);
    assert.deepEqual(withPage.map(s => s.zone?.index), [undefined, 0, 1]);
    assert.equal(sequenceTokens(withPage)[0].word.text, 'Mootz');
    assert.equal(sequenceTokens(withPage).filter(t => t.zone === undefined).length, pageTokens(page).length);
    const alone = learnedSegments(page, [{ name: 'title', find: { by: 'learned' } }], zones);
    assert.deepEqual(alone, [{ page }]);
    // The page's tokens and features are exactly those of today: a model trained before zones labels as before.
    assert.deepEqual(sequenceTokens(alone), pageTokens(page));
    assert.deepEqual(sequenceFeatures(alone), tokenFeatures(page));
  });

  it('leaves out a zone the card did not keep, and keeps the others at their index', () => {
    const { page, zones } = card('Mootz Wilhelm', 'Basel', 'B.51.322.GB.123');
    zones.delete(zoneKey(header, single));
    assert.deepEqual(learnedSegments(page, fields, zones).map(s => s.zone?.index), [1]);
  });

  it("keeps a zone's words by its confidence floors", () => {
    const { page } = card('Mootz Wilhelm', 'Basel', 'B.51.322.GB.123');
    const floored: FieldSpec[] = [{ name: 'information', find: { by: 'learned', region: header, ocr: { minMeanConfidence: 50 } } }];
    const faint = new Map([[zoneKey(header, { minMeanConfidence: 50 }), zonePage(['~ ,. ~'], headerBox, 30)]]);
    assert.deepEqual(sequenceTokens(learnedSegments(page, floored, faint)), []);
  });

  it("says which zone a token comes from and measures its place within the zone", () => {
    const { page, zones } = card('Mootz Wilhelm', 'Basel', 'B.51.322.GB.123');
    const features = sequenceFeatures(learnedSegments(page, fields, zones));
    const id = features[3];
    assert.ok(id.includes('zone=1'));
    // At x = 610 of a 1000-pixel card, but at the left edge of its zone.
    assert.ok(id.includes('x=0') && id.includes('zone1|x=0') && id.includes('zone1|line=0'), id.join(' '));
    assert.ok(features[2].includes('zone0|line=1'));
    assert.equal(features.length, sequenceTokens(learnedSegments(page, fields, zones)).length);
  });
});

describe('alignment and training over zone tokens', () => {
  it('labels a value in the zone that holds it, not in another', () => {
    const { page, zones } = card('Basel Bank', 'Basel', 'B.51.322.GB.123');
    const tokens = sequenceTokens(learnedSegments(page, fields, zones));
    const { labels } = alignCard(tokens, [{ field: 'company', value: 'Basel Bank' }, { field: 'location', value: 'Basel' }, { field: 'b_id', value: 'B.51.322.GB.123' }]);
    assert.deepEqual(tokens.map((t, i) => `${t.word.text}:${labels[i]}`).slice(0, 5), ['Basel:company', 'Bank:company', 'Basel:location', 'B:b_id', '.:b_id']);
  });

  it("learns which of a zone's words are which field and finds them on an unseen card", () => {
    const companies = ['Mootz Wilhelm', 'Abegg Hans', 'Beatus AG', 'Kolter Emil', 'Huber Carla', 'Frey Anna'];
    const places = ['Basel', 'Lugano', 'Geneva', 'Bern', 'Zurich', 'Chur'];
    const training = companies.map((company, i) => {
      const { page, zones } = card(company, places[i], `B.51.322.GB.${100 + i}`);
      return { card: `c${i}`, page, segments: learnedSegments(page, fields, zones),
        truth: [{ field: 'company', value: company }, { field: 'location', value: places[i] }, { field: 'b_id', value: `B.51.322.GB.${100 + i}` }] };
    });
    const { model } = trainModel(training, fields.map(f => ({ name: f.name })));
    const unseen = card('Graf Elise', 'Thun', 'B.51.322.GB.777');
    const values = new LearnedLabeller(model).label(unseen.page, learnedSegments(unseen.page, fields, unseen.zones));
    assert.deepEqual(Object.fromEntries([...values].map(([field, value]) => [field, value.text])), { company: 'Graf Elise', location: 'Thun', b_id: 'B.51.322.GB.777' });
    // Boxes are card pixels: the id's lies in the id zone.
    assert.ok((values.get('b_id')?.box?.x0 ?? 0) >= 600);
  });
});
