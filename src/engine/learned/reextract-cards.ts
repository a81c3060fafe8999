// Re-extraction of a run of cards (in the engine or in one of its worker threads): each card read, its fields
// found again from the stored OCR, its json/ file replaced only when a byte changes, its CSV row kept.
import type { FieldSpec } from '../../protocol';
import { cardJsonText, csvRow, readCardJsonText, rewriteCardJson } from '../../batch-folder/index';
import type { ModelSource } from './model-source';
import { reextractCard } from './reextract-card';

/** What a run of cards gives back: plain data, so a worker thread can post it. */
export interface CardsDone {
  /** Per card (in the order given), its CSV row; undefined for a card without a readable result. */
  rows: Array<string | undefined>;
  /** Per field (in template order): cards with a non-empty value before and after. */
  before: number[];
  after: number[];
  /** Cards whose stored result has no words: left as they were. */
  skipped: string[];
}

/** Cards read and written at once: file reads and writes overlap the labelling. */
const inFlight = 16;

export async function reextractCards(dir: string, cards: readonly string[], fields: readonly FieldSpec[], models: ModelSource): Promise<CardsDone> {
  const names = fields.map(f => f.name);
  // Each model once for the run, not a stat of its file per card; and a model file replaced mid-run cannot leave
  // the batch labelled half by one model, half by the other.
  const labellers = new Map<string | undefined, ReturnType<ModelSource>>();
  const once: ModelSource = path => labellers.get(path) ?? labellers.set(path, models(path)).get(path) as ReturnType<ModelSource>;
  const done: CardsDone = { rows: new Array(cards.length).fill(undefined), before: names.map(() => 0), after: names.map(() => 0), skipped: [] };
  const one = async (index: number): Promise<void> => {
    const card = cards[index];
    const stored = await readCardJsonText(dir, card);
    if (!stored.ok) { return; }
    const { result, text } = stored.value;
    const next = await reextractCard(result, fields, once);
    if (!next) { done.skipped.push(card); done.rows[index] = csvRow(result, names); return; }
    names.forEach((name, i) => {
      if ((result.fields[name]?.value ?? '') !== '') { done.before[i]++; }
      if ((next.fields[name]?.value ?? '') !== '') { done.after[i]++; }
    });
    // A card whose fields came out as they were keeps its file untouched (and its modification time).
    const again = cardJsonText(next);
    if (again !== text) { await rewriteCardJson(dir, card, again); }
    done.rows[index] = csvRow(next, names);
  };
  let nextIndex = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => { while (nextIndex < cards.length) { await one(nextIndex++); } }));
  return done;
}
