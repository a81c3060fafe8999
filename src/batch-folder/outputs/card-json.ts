// One JSON file per successful card, json/<card>.json, written whole (tmp file, then rename) so a crash never
// leaves half a result. Knows nothing of OCR or the checkpoint.
import { mkdirInside, readFileInside, writeFileInside } from '../no-follow';
import { dirname } from 'node:path';
import { failure, CardResult, type Outcome } from '../../protocol';
import { cardJsonPath } from '../paths';

/** The file's exact text for a result. */
export function cardJsonText(result: CardResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export async function writeCardJson(dir: string, result: CardResult): Promise<void> {
  const file = cardJsonPath(dir, result.card);
  await mkdirInside(dir, dirname(file));
  await writeFileInside(dir, file, cardJsonText(result));
}

/** Replaces the result of a card just read with `readCardJsonText` (its folder exists, so none is made). */
export async function rewriteCardJson(dir: string, card: string, text: string): Promise<void> {
  await writeFileInside(dir, cardJsonPath(dir, card), text);
}

/** A card's stored result, parsed; `batch/not-found` when the card has no result (yet). */
export async function readCardJson(dir: string, card: string): Promise<Outcome<CardResult>> {
  const read = await readCardJsonText(dir, card);
  return read.ok ? { ok: true, value: read.value.result } : read;
}

/** As `readCardJson`, with the file's text (to tell whether rewriting it would change a byte). */
export async function readCardJsonText(dir: string, card: string): Promise<Outcome<{ result: CardResult; text: string }>> {
  let text: string;
  try {
    text = await readFileInside(dir, cardJsonPath(dir, card), 'utf8');
  } catch {
    return failure('batch/not-found', `No result for card "${card}" in ${dir}`, { card });
  }
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = undefined; }
  const parsed = CardResult.safeParse(json);
  return parsed.success ? { ok: true, value: { result: parsed.data, text } }
    : failure('batch/invalid', `json/${card}.json is not a card result: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { card });
}
