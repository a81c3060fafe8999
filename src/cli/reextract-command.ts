// `card-ocr reextract <batch>`: finds every card's fields again from its stored OCR (after a template change or
// a new model), without OCR-ing again; prints completeness per field before and after.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { withBatchLock } from '../batch-folder/index';
import { reextractBatch } from '../engine/index';
import { ExitCode, UsageError } from './exit-codes';
import { resolveTemplateArgument } from './run-command';

interface ReextractOptions { template?: string; workspace: string }

export function registerReextractCommand(program: Command): void {
  program.command('reextract')
    .description('Find every card\'s fields again from the stored OCR (no OCR); rewrites json/ and the CSV')
    .argument('<batch>', 'a batch folder (after card-ocr run)')
    .option('--template <id|file>', 'use this template\'s fields from now on (default: the batch\'s own)')
    .option('--workspace <dir>', 'the workspace whose .card-ocr/templates/ --template ids may name', process.cwd())
    .action(async (batch: string, options: ReextractOptions) => {
      const fields = options.template ? (await resolveTemplateArgument(options.template, options.workspace)).fields : undefined;
      const dir = resolve(batch);
      // It rewrites json/ and the CSV: under the folder's lock, as the engine writes, so a running batch is never torn.
      const report = await withBatchLock(dir, 'card-ocr reextract', () => reextractBatch(dir, fields));
      if (!report.ok && report.error.code === 'batch/busy') {
        console.error(report.error.message);
        process.exitCode = ExitCode.batchInUse;
        return;
      }
      if (!report.ok) { throw new UsageError(report.error.message); }
      const r = report.value;
      const width = Math.max(5, ...r.completeness.map(c => c.field.length));
      console.log(`${'field'.padEnd(width)}  before  after`);
      for (const c of r.completeness) { console.log(`${c.field.padEnd(width)}  ${String(c.before).padStart(6)}  ${String(c.after).padStart(5)}`); }
      if (r.skipped.length > 0) { console.log(`kept as they were (no stored words): ${r.skipped.length} card(s)`); }
      console.log(`cards=${r.cards} seconds=${(r.ms / 1000).toFixed(2)}`);
    });
}
