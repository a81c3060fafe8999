// Runs the OCR oracle over a batch: each truth file `NAME.json` against the page text of card `NAME.<ext>`.
// Reads json/ and the truth folder; writes nothing.
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { CardResult, failure, type Outcome } from '../../protocol';
import { oracleCard, summariseOracle, type OracleCard, type OracleReport } from './oracle';
import type { Json } from './truth-paths';
import { batchPaths } from '../../batch-folder/index';

async function readJson(file: string): Promise<unknown> {
  try { return JSON.parse(await readFile(file, 'utf8')) as unknown; } catch { return undefined; }
}

/** `skip`: truth paths not looked for (see oracleCard). `batch/not-found` when the batch has no results or the truth folder no JSON; `batch/invalid` for a bad truth file. */
export async function oracleBatch(dir: string, truthDir: string, skip: readonly string[] = []): Promise<Outcome<OracleReport>> {
  const jsonDir = batchPaths(dir).jsonDir;
  const resultFiles = await readdir(jsonDir).catch(() => undefined);
  if (!resultFiles) { return failure('batch/not-found', `No card results in ${jsonDir}; run the batch first (card-ocr run)`, { dir }); }
  const truthFiles = ((await readdir(truthDir).catch(() => [])) as string[]).filter(f => f.endsWith('.json')).sort();
  if (truthFiles.length === 0) { return failure('batch/not-found', `No truth files (*.json) in ${truthDir}`, { truthDir }); }
  const texts = new Map<string, string>();
  for (const file of resultFiles.filter(f => f.endsWith('.json'))) {
    const parsed = CardResult.safeParse(await readJson(join(jsonDir, file)));
    if (parsed.success) { texts.set(parsed.data.card.slice(0, parsed.data.card.length - extname(parsed.data.card).length), parsed.data.text); }
  }
  const perCard: OracleCard[] = [];
  const missing: string[] = [];
  for (const truthFile of truthFiles) {
    const truth = await readJson(join(truthDir, truthFile));
    if (truth === undefined) { return failure('batch/invalid', `${join(truthDir, truthFile)} is not valid JSON`, { truthFile }); }
    const name = truthFile.slice(0, -'.json'.length);
    const text = texts.get(name);
    if (text === undefined) { missing.push(name); }
    perCard.push(oracleCard(name, truth as Json, text, new Set(skip)));
  }
  return { ok: true, value: summariseOracle(perCard, missing) };
}
