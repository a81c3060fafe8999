// Which finished cards need review, remembered per card JSON by its size and modification time: a review queue
// over a 40,000-card batch then stats each file instead of reading and parsing it on every page. A review
// rewrites the JSON, so a changed file is read again. The queue can come least-confident first (active learning).
import { stat } from 'node:fs/promises';
import type { CardResult } from '../protocol';
import { cardJsonPath, type CardOrder, orderCards, readBatchConfig, readCardJson, readCheckpoint } from '../batch-folder/index';

/** Per field: its confidence when it has a value, else null (what the least-confident order needs of a card). */
type FieldScores = Record<string, number | null>;
/** `confidence` is learnedConfidence over the fields named in `learned` (joined), kept instead of every field's
 *  score so that 400,000 remembered cards stay small. */
interface Known { mtimeMs: number; size: number; needsReview: boolean; learned: string; confidence: number }

/** `least-confident`: the cards whose learned fields the model was least sure of first (the batch's default for a
 *  template with learned fields); ties keep the order they finished in. */
export type QueueOrder = CardOrder | 'least-confident';

/** Files stated at once: enough to keep the disk busy, few enough not to exhaust file handles. */
const parallel = 64;

function scoresOf(result: CardResult): FieldScores {
  return Object.fromEntries(Object.entries(result.fields).map(([name, field]) => [name, field.value.trim() === '' ? null : (field.confidence ?? 0)]));
}

/**
 * How sure the model was of a card: its least confident learned value; -1 when no learned field found anything
 * (the model knows least there), so such cards come first.
 */
export function learnedConfidence(scores: FieldScores, learned: readonly string[]): number {
  const known = learned.map(name => scores[name]).filter((score): score is number => score !== null && score !== undefined);
  return known.length === 0 ? -1 : Math.min(...known);
}

export class ReviewFlags {
  private readonly known = new Map<string, Known>();

  /** @param maxEntries past this many remembered files, start afresh (memory stays bounded). */
  constructor(private readonly maxEntries = 400_000) {}

  /** The card's `needsReview`, or undefined when its JSON is missing or unreadable. */
  async needsReview(dir: string, card: string): Promise<boolean | undefined> {
    return (await this.entry(dir, card))?.needsReview;
  }

  /** `learned`: the learned fields whose confidence is wanted; undefined: any remembered entry will do. */
  private async entry(dir: string, card: string, learned?: readonly string[]): Promise<Known | undefined> {
    const file = cardJsonPath(dir, card);
    const info = await stat(file).catch(() => undefined);
    if (!info) { return undefined; }
    const key = learned?.join('\n');
    const hit = this.known.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size && (key === undefined || hit.learned === key)) { return hit; }
    const result = await readCardJson(dir, card);
    if (!result.ok) { return undefined; }
    if (this.known.size >= this.maxEntries) { this.known.clear(); }
    const known = {
      mtimeMs: info.mtimeMs, size: info.size, needsReview: result.value.needsReview,
      learned: key ?? '', confidence: learnedConfidence(scoresOf(result.value), learned ?? []),
    };
    this.known.set(file, known);
    return known;
  }

  /**
   * Finished cards whose `needsReview` is `wanted`, one page at a time, read in full. Without `order`, a batch with
   * learned fields lists least-confident first, any other as its cards finished.
   */
  async list(dir: string, page: { offset: number; limit: number }, wanted: boolean, order?: QueueOrder): Promise<{ cards: CardResult[]; total: number }> {
    const learned = order === undefined || order === 'least-confident' ? await learnedFieldNames(dir) : [];
    const byConfidence = order === 'least-confident' || (order === undefined && learned.length > 0);
    const done = orderCards([...(await readCheckpoint(dir)).done], byConfidence ? 'finished' : (order as CardOrder | undefined));
    const kept: Array<{ card: string; confidence: number }> = [];
    for (let i = 0; i < done.length; i += parallel) {
      const slice = done.slice(i, i + parallel);
      const entries = await Promise.all(slice.map(card => this.entry(dir, card, byConfidence ? learned : undefined)));
      slice.forEach((card, j) => {
        const entry = entries[j];
        if (entry?.needsReview === wanted) { kept.push({ card, confidence: byConfidence ? entry.confidence : 0 }); }
      });
    }
    if (byConfidence) { kept.sort((a, b) => a.confidence - b.confidence); }   // stable: ties stay in finish order
    const cards: CardResult[] = [];
    for (const { card } of kept.slice(page.offset, page.offset + page.limit)) {
      const result = await readCardJson(dir, card);
      if (result.ok) { cards.push(result.value); }
    }
    return { cards, total: kept.length };
  }
}

/** The batch's learned fields, by name; none when its config cannot be read. */
async function learnedFieldNames(dir: string): Promise<string[]> {
  const config = await readBatchConfig(dir);
  return config.ok ? config.value.fields.filter(field => field.find.by === 'learned').map(field => field.name) : [];
}
