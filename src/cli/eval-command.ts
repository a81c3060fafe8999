// `card-ocr eval <batch> --truth <dir> [--map map.json]`: how well a batch's fields match hand-checked values.
// Prints a per-field table and ends with `cards=N f1=0.xxxx similarity=0.xxxx`.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { evaluateBatch, formatEvalReport } from '../engine/index';
import { crossValidateCommand } from './eval-folds';
import { UsageError } from './exit-codes';

interface EvalOptions { truth: string; map?: string; details?: boolean; folds?: string; curve?: boolean; template?: string; workspace: string }

/** map.json: `{ "field": "dotted.path" }`, e.g. `{ "company": "company.transcription" }`. */
export async function readFieldMap(file: string): Promise<Record<string, string>> {
  let json: unknown;
  try { json = JSON.parse(await readFile(file, 'utf8')); } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code ? `Cannot read the map ${file} (${code})` : `${file} is not valid JSON`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json) || !Object.values(json).every(v => typeof v === 'string')) {
    throw new UsageError(`${file} must map field names to dotted truth paths, e.g. {"company": "company.transcription"}`);
  }
  return json as Record<string, string>;
}

export function registerEvalCommand(program: Command): void {
  program.command('eval')
    .description('Score a batch\'s fields against ground-truth JSON files (one per card, same base name)')
    .argument('<batch>', 'a batch folder (after card-ocr run)')
    .requiredOption('--truth <dir>', 'a folder of ground-truth JSON files')
    .option('--map <file>', 'map.json: field name → dotted path in the truth (a [] in the path marks a list split at blank lines)')
    .option('--details', 'list every key that is not an exact match')
    .option('--folds <k>', 'score the learned fields by k-fold cross-validation: each card by a model trained without it')
    .option('--curve', 'with --folds: also a learning curve (10, 20, 40, all training cards)')
    .option('--template <id|file>', 'with --folds: the template whose learned fields to train (default: the batch\'s)')
    .option('--workspace <dir>', 'the workspace whose .card-ocr/templates/ --template ids may name', process.cwd())
    .action(async (batch: string, options: EvalOptions) => {
      const map = options.map ? await readFieldMap(options.map) : {};
      if (options.folds) { await crossValidateCommand(resolve(batch), resolve(options.truth), map, options); return; }
      const report = await evaluateBatch(resolve(batch), resolve(options.truth), map);
      if (!report.ok) { throw new UsageError(report.error.message); }
      console.log(formatEvalReport(report.value, options.details ?? false));
    });
}
