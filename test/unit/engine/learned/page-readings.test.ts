// Other readings of the whole card for learned page fields: each read once and stored under its own key, each
// labelled by a token model trained on readings like it, and each field taken from the reading whose value the
// model is surest of — so a title one reading garbles comes from the reading that read it.
import * as assert from 'node:assert/strict';
import type { FieldSpec, RegionOcrOptions, RegionReading } from '../../../../src/protocol';
import { LearnedLabeller } from '../../../../src/engine/learned/learned-finder';
import { pageReadings, readLearnedZones, readsZones, zoneKey, type ZonePage } from '../../../../src/engine/learned/learned-zones';
import { trainModel } from '../../../../src/engine/learned/train';
import { learnedSegments, learnedTargets } from '../../../../src/engine/learned/zone-tokens';
import type { OcrPage } from '../../../../src/engine/ocr-page';
import { buildPage } from '../../../support/ocr-page-builder';

const block: RegionReading = { pageSegmentation: 'single-block' };
const best: RegionReading = { pageSegmentation: 'auto', language: 'eng_best' };
const withReadings: RegionOcrOptions = { retry: [block, best] };
const fields: FieldSpec[] = [
  { name: 'author', find: { by: 'learned', ocr: withReadings } },
  { name: 'title', find: { by: 'learned' } },
  { name: 'year', find: { by: 'learned', ocr: { retry: [block] } } },
];
const wholeCard = { left: 0, top: 0, width: 1, height: 1 };
const [blockKey, bestKey] = [zoneKey(wholeCard, block), zoneKey(wholeCard, best)];

const authors = ['MEYER, Hans', 'BRUNNER, Otto', 'KELLER, Anna', 'FREI, Karl', 'HUBER, Lena', 'OTT, Max', 'VOGT, Paul', 'GRAF, Eva', 'RUF, Ida', 'BAUR, Urs', 'WYSS, Jon', 'LANG, Ada'];
const titles = ['Über die Wirkung des Lichtes', 'Studien zur Geschichte Basels', 'Beiträge zur Kenntnis der Alpen', 'Die Flora des Jura',
  'Untersuchungen über den Zucker', 'Zur Theorie der Wärme', 'Das Recht der Stadt', 'Der Handel am Rhein', 'Vom Bau der Zellen',
  'Die Sprache der Urkunden', 'Über Kristalle im Granit', 'Die Schulen des Kantons'];
/** Garbled as OCR garbles a faint line: letters for letters, marks, broken words, low confidence. */
const garble = (text: string) => text.split(' ').map((word, i) => (i % 2 === 0 ? `${word.slice(0, 2)}~${word.length}:` : `|${word.slice(-2)}1l`)).join(' ');

function page(lines: string[], unsure: string[] = []): OcrPage {
  return buildPage(lines, { confidences: Object.fromEntries(unsure.flatMap(line => line.split(' ').map(word => [word, 30]))) });
}
const lines = (i: number, title: string) => [authors[i], title, `Basel ${1890 + i}`, 'Diss. phil.'];

/** Card `i`: the first reading garbles the title on cards `garbledFirst`, the single-block one on `garbledBlock`. */
function card(i: number, garbledFirst: boolean, garbledBlock: boolean) {
  const title = titles[i];
  const read = (garbled: boolean) => (garbled ? page(lines(i, garble(title)), [garble(title)]) : page(lines(i, title)));
  const zones = new Map<string, ZonePage>([
    [blockKey, { page: read(garbledBlock), box: { x0: 0, y0: 0, x1: 1000, y1: 600 } }],
    [bestKey, { page: read(false), box: { x0: 0, y0: 0, x1: 1000, y1: 600 } }],
  ]);
  const first = read(garbledFirst);
  return { page: first, zones, truth: [{ field: 'author', value: authors[i] }, { field: 'title', value: title }, { field: 'year', value: String(1890 + i) }] };
}

function trained(readings: boolean) {
  const cards = Array.from({ length: 10 }, (_, i) => {
    const c = card(i, i % 3 === 0, i % 3 === 1);
    const zones = readings ? c.zones : new Map<string, ZonePage>();
    return { card: `c${i}`, page: c.page, truth: c.truth, segments: learnedSegments(c.page, fields, zones) };
  });
  const { model } = trainModel(cards, learnedTargets(fields));
  return { model, labeller: new LearnedLabeller(model) };
}
const titleOf = (labeller: LearnedLabeller, i: number, garbledFirst: boolean, garbledBlock: boolean) => {
  const c = card(i, garbledFirst, garbledBlock);
  return labeller.label(c.page, learnedSegments(c.page, fields, c.zones)).get('title')?.text;
};

describe("other readings of the whole card for learned page fields", () => {
  it('are each read once over the whole card, stored under their own keys, whichever fields name them', async () => {
    assert.deepEqual(pageReadings(fields).map(r => r.key), [blockKey, bestKey]);
    assert.equal(readsZones(fields), true);
    assert.equal(readsZones([{ name: 'title', find: { by: 'learned' } }]), false);
    const card: OcrPage = { ...buildPage(['MEYER, Hans']), width: 800, height: 500 };
    const reads: Array<{ box: unknown; ocr: RegionReading }> = [];
    const stored = await readLearnedZones(card, fields, async (box, ocr) => { reads.push({ box, ocr }); return buildPage([`read ${reads.length}`]); });
    assert.deepEqual(reads, [{ box: { x0: 0, y0: 0, x1: 800, y1: 500 }, ocr: block }, { box: { x0: 0, y0: 0, x1: 800, y1: 500 }, ocr: best }]);
    assert.deepEqual(stored.map(z => [z.key, z.text]), [[blockKey, 'read 1'], [bestKey, 'read 2']]);
  });

  it('train a token model per reading, on the cards as that reading gives them', () => {
    const { model } = trained(true);
    assert.deepEqual(model.readings?.map(r => r.key), [blockKey, bestKey]);
    assert.equal(trained(false).model.readings, undefined);
  });

  it('give each field the value of the reading the model is surest of', () => {
    const { labeller } = trained(true);
    // Held-out cards: the first reading garbles the title, another reads it right; and the other way round.
    assert.equal(titleOf(labeller, 10, true, false), titles[10]);
    assert.equal(titleOf(labeller, 11, false, true), titles[11]);
    assert.equal(titleOf(labeller, 11, true, true), titles[11]);
    // Without other readings the first reading's garble is all there is.
    assert.notEqual(titleOf(trained(false).labeller, 10, true, false), titles[10]);
  });

  it('leave a model trained without them, and a card stored without them, as they were', () => {
    const { labeller } = trained(false);
    const c = card(10, false, false);
    const alone = labeller.label(c.page, learnedSegments(c.page, fields, new Map()));
    assert.deepEqual(labeller.label(c.page, learnedSegments(c.page, fields, c.zones)), alone);
    assert.equal(trained(true).labeller.label(c.page, learnedSegments(c.page, fields, new Map())).get('title')?.text, titles[10]);
  });
});
