// `card-ocr report <folder>`: a batch's quality report, computed now from json/ and _errors/, printed as a
// table (or JSON). Printing only; the numbers come from the engine's computeQualityReport.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { QualityReport } from '../protocol';
import { ExitCode, UsageError } from './exit-codes';
import { t } from './l10n/index';
import { computeQualityReport, hasBatch, withBatchLock, writeQualityReport } from '../batch-folder/index';

interface ReportOptions { json?: boolean; write?: boolean }

const percent = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);

/** The report as the lines `card-ocr report` prints. */
export function formatQualityReport(report: QualityReport, dir: string): string[] {
  const c = report.cards;
  const lines = [
    `Batch ${report.batchId ?? '(no config.json)'} in ${dir}`,
    `cards: ${c.total} total, ${c.succeeded} read, ${c.failed} failed, ${c.needsReview} need review (data ${c.data}, blank ${c.blank}, reference ${c.reference})`,
  ];
  if ((c.emptyText ?? 0) > 0) { lines.push(`empty page text: ${c.emptyText} card(s) with no letter or digit read`); }
  if (report.fields.length > 0) {
    const width = Math.max(5, ...report.fields.map(field => field.name.length));
    const row = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(width) : cell.padStart(10))).join('  ');
    lines.push('', row(['field', 'filled', 'complete', 'missing', 'invalid', 'low-conf', 'reviewed', 'mean conf']));
    for (const f of report.fields) {
      lines.push(row([f.name, `${f.filled}/${c.data}`, percent(f.completeness), String(f.missing), String(f.invalid),
        String(f.lowConfidence), String(f.reviewed), f.meanConfidence === null ? '-' : f.meanConfidence.toFixed(1)]));
    }
  }
  if (report.needsReview.length > 0) {
    lines.push('', 'needs review:');
    for (const card of report.needsReview) {
      const flags = Object.entries(card.flags).map(([name, list]) => `${name}: ${list.join(', ')}`).join('; ');
      lines.push(`  ${card.card}  ${flags || 'no text read'}`);
    }
  }
  if (report.problemCards.length > 0) {
    lines.push('', 'problem cards:');
    for (const card of report.problemCards) { lines.push(`  ${card.card}  ${card.code}  ${card.message}`); }
  }
  return lines;
}

export function registerReportCommand(program: Command): void {
  program.command('report')
    .description(t('help.report'))
    .argument('<folder>', t('help.reportFolder'))
    .option('--json', t('help.reportJson'))
    .option('--write', t('help.reportWrite'))
    .action(async (folder: string, options: ReportOptions) => {
      const dir = resolve(folder);
      const info = await stat(dir).catch(() => undefined);
      if (!info?.isDirectory()) { throw new UsageError(t('usage.notFolder', { folder })); }
      if (!(await hasBatch(dir))) { throw new UsageError(t('usage.notBatch', { folder })); }
      // Writing report.json takes the folder's lock, as every writer of a batch folder does; reading needs none.
      const written = options.write ? await withBatchLock(dir, 'card-ocr report --write', async () => ({ ok: true as const, value: await writeQualityReport(dir) })) : undefined;
      if (written && !written.ok && written.error.code !== 'batch/busy') { throw new UsageError(written.error.message); }
      if (written && !written.ok) {
        console.error(written.error.message);
        process.exitCode = ExitCode.batchInUse;
        return;
      }
      const report = written ? written.value : await computeQualityReport(dir);
      console.log(options.json ? JSON.stringify(report, null, 2) : formatQualityReport(report, folder).join('\n'));
    });
}
