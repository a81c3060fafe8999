// `card-ocr eval <batch> --truth <dir> [--map map.json]`: how well a batch's fields match hand-checked values.
// Prints a per-field table and ends with `cards=N f1=0.xxxx similarity=0.xxxx`.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { evaluateBatch, formatEvalReport } from '../engine/index';
import { runOracle } from './oracle-option';
import { crossValidateCommand } from './eval-folds';
import { UsageError } from './exit-codes';
import { t } from './l10n/index';

interface EvalOptions { truth: string; map?: string; details?: boolean; oracle?: boolean; skip?: string; folds?: string; repeats?: string; curve?: boolean; template?: string; workspace: string }

/** map.json: `{ "field": "dotted.path" }`, e.g. `{ "company": "company.transcription" }`. */
export async function readFieldMap(file: string): Promise<Record<string, string>> {
  let json: unknown;
  try { json = JSON.parse(await readFile(file, 'utf8')); } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code ? t('usage.cannotReadMap', { file, code }) : t('usage.notJson', { file }));
  }
  if (!json || typeof json !== 'object' || Array.isArray(json) || !Object.values(json).every(v => typeof v === 'string')) {
    throw new UsageError(t('usage.badMap', { file }));
  }
  return json as Record<string, string>;
}

export function registerEvalCommand(program: Command): void {
  program.command('eval')
    .description(t('help.eval'))
    .argument('<batch>', t('help.evalBatch'))
    .requiredOption('--truth <dir>', 'a folder of ground-truth JSON files')
    .option('--map <file>', t('help.evalMap'))
    .option('--details', t('help.evalDetails'))
    .option('--oracle', t('help.evalOracle'))
    .option('--skip <paths>', t('help.evalSkip'))
    .option('--folds <k>', t('help.evalFolds'))
    .option('--repeats <n>', t('help.evalRepeats'), '1')
    .option('--curve', t('help.evalCurve'))
    .option('--template <id|file>', t('help.evalTemplate'))
    .option('--workspace <dir>', t('help.evalWorkspace'), process.cwd())
    .action(async (batch: string, options: EvalOptions) => {
      if (options.oracle) { await runOracle(batch, options.truth, options.details ?? false, options.skip); return; }
      const map = options.map ? await readFieldMap(options.map) : {};
      if (options.folds) { await crossValidateCommand(resolve(batch), resolve(options.truth), map, options); return; }
      const report = await evaluateBatch(resolve(batch), resolve(options.truth), map);
      if (!report.ok) { throw new UsageError(report.error.message); }
      console.log(formatEvalReport(report.value, options.details ?? false));
    });
}
