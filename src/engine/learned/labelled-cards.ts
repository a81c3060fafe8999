// Checked cards to learn from: a batch's stored OCR paired with truth files (the `card-ocr eval` format and its
// map), or the batch's cards a person checked in review. Reads files; writes nothing.
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { CardResult, failure, type FieldSpec, type Outcome } from '../../protocol';
import { benchmarkTruth, valueAt, type Json } from '../eval/truth-paths';
import type { OcrPage } from '../ocr-page';
import type { TruthValue } from './align';
import type { PointedField } from './pointed-labels';
import { pageFromResult } from './stored-page';
import { zonesFromResult, type ZonePage } from './learned-zones';
import { learnedSegments, type TokenSegment } from './zone-tokens';
import { batchPaths } from '../../batch-folder/index';

/** A card with its OCR and its checked values, as training and cross-validation need it. */
export interface LabelledCard {
  card: string;
  result: CardResult;
  page: OcrPage;
  /** The truth document in its own shape (for scoring) and the file it came from. */
  truthDocument: Json;
  truthFile: string;
  /** The checked values per field (a list field may give several). */
  truth: TruthValue[];
  /** Fields whose words a reviewer pointed at on the card: training labels exactly those words. */
  pointed?: PointedField[];
  /** The learned fields' zones as the batch stored them, by key. */
  zones: Map<string, ZonePage>;
  /** The readings the learned fields label: the page and/or those zones (see learnedSegments). */
  segments: TokenSegment[];
}

/** The stored readings a card's learned fields use. */
function readings(result: CardResult, page: OcrPage, fields: readonly FieldSpec[]): Pick<LabelledCard, 'zones' | 'segments'> {
  const zones = zonesFromResult(result);
  return { zones, segments: learnedSegments(page, fields, zones) };
}

function asText(value: Json | undefined): string {
  if (value === undefined || value === null || value === 'null' || typeof value === 'object') { return ''; }
  return String(value);
}

/** A field's checked values at its truth path (`a.b`; `a[].b` is a list, one value per item). */
export function truthValues(truth: Json, fields: readonly FieldSpec[], map: Record<string, string>): TruthValue[] {
  return fields.flatMap(field => {
    const path = map[field.name] ?? field.name;
    const type = field.type ? { type: field.type } : {};
    const list = /^(.*?)\[\]\.?(.*)$/.exec(path);
    if (!list) { return [{ field: field.name, value: asText(valueAt(truth, path)), ...type }]; }
    const items = valueAt(truth, list[1]);
    if (!Array.isArray(items)) { return [{ field: field.name, value: asText(items), ...type }]; }
    return items.map(item => ({ field: field.name, value: asText(list[2] ? valueAt(item, list[2]) : item), ...type }));
  });
}

async function readResults(dir: string): Promise<Outcome<CardResult[]>> {
  const jsonDir = batchPaths(dir).jsonDir;
  const files = await readdir(jsonDir).catch(() => undefined);
  if (!files) { return failure('batch/not-found', `No card results in ${jsonDir}; run the batch first (card-ocr run)`, { dir }); }
  const results: CardResult[] = [];
  for (const file of files.filter(f => f.endsWith('.json')).sort()) {
    const parsed = CardResult.safeParse(JSON.parse(await readFile(join(jsonDir, file), 'utf8').catch(() => 'null')));
    if (parsed.success) { results.push(parsed.data); }
  }
  return { ok: true, value: results };
}

const baseName = (name: string) => name.slice(0, name.length - extname(name).length);

/** The batch's cards that have a truth file `NAME.json` (and stored words), in name order. */
export async function readTruthCards(dir: string, truthDir: string, fields: readonly FieldSpec[], map: Record<string, string>): Promise<Outcome<LabelledCard[]>> {
  const results = await readResults(dir);
  if (!results.ok) { return results; }
  const cards: LabelledCard[] = [];
  for (const result of results.value) {
    const truthFile = `${baseName(result.card)}.json`;
    const text = await readFile(join(truthDir, truthFile), 'utf8').catch(() => undefined);
    const page = pageFromResult(result);
    if (text === undefined || !page) { continue; }
    let document: Json | undefined;
    try { document = benchmarkTruth(JSON.parse(text) as Json); } catch { return failure('batch/invalid', `${join(truthDir, truthFile)} is not valid JSON`, { truthFile }); }
    if (document === undefined) { continue; }
    cards.push({ card: result.card, result, page, truthDocument: document, truthFile, truth: truthValues(document, fields, map), ...readings(result, page, fields) });
  }
  if (cards.length === 0) { return failure('batch/not-found', `No card of ${dir} has a truth file in ${truthDir} (NAME.json beside NAME.jpg)`, { truthDir }); }
  return { ok: true, value: cards };
}

/** The cards a person checked in review (any field reviewed): every field's value as they left it. */
export async function readCheckedCards(dir: string, fields: readonly FieldSpec[]): Promise<Outcome<LabelledCard[]>> {
  const results = await readResults(dir);
  if (!results.ok) { return results; }
  const cards: LabelledCard[] = [];
  for (const result of results.value) {
    const page = pageFromResult(result);
    if (!page || !Object.values(result.fields).some(field => field.review)) { continue; }
    const document: Json = Object.fromEntries(fields.map(field => [field.name, result.fields[field.name]?.value ?? '']));
    const pointed = fields.flatMap(field => {
      const words = result.fields[field.name]?.review?.words;
      return words && words.length > 0 ? [{ field: field.name, words }] : [];
    });
    cards.push({ card: result.card, result, page, truthDocument: document, truthFile: `${baseName(result.card)}.json`, truth: truthValues(document, fields, {}),
      ...readings(result, page, fields), ...(pointed.length > 0 ? { pointed } : {}) });
  }
  if (cards.length === 0) { return failure('batch/not-found', `No card of ${dir} has been checked in review yet`, { dir }); }
  return { ok: true, value: cards };
}
