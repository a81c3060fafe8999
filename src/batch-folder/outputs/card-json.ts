// One JSON file per successful card, json/<card>.json, written whole (tmp file, then rename) so a crash never
// leaves half a result. Knows nothing of OCR or the checkpoint.
import { mkdirInside, readFileInside, writeFileInside } from '../no-follow';
import { dirname } from 'node:path';
import { failure, CardResult, type Outcome } from '../../protocol';
import { cardJsonPath } from '../paths';

export async function writeCardJson(dir: string, result: CardResult): Promise<void> {
  const file = cardJsonPath(dir, result.card);
  await mkdirInside(dir, dirname(file));
  await writeFileInside(dir, file, `${JSON.stringify(result, null, 2)}\n`);
}

/** A card's stored result, parsed; `batch/not-found` when the card has no result (yet). */
export async function readCardJson(dir: string, card: string): Promise<Outcome<CardResult>> {
  let text: string;
  try {
    text = await readFileInside(dir, cardJsonPath(dir, card), 'utf8');
  } catch {
    return failure('batch/not-found', `No result for card "${card}" in ${dir}`, { card });
  }
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = undefined; }
  const parsed = CardResult.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data }
    : failure('batch/invalid', `json/${card}.json is not a card result: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { card });
}
