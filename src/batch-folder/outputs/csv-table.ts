// The batch's CSV: one row per successful card, Excel-friendly (UTF-8 BOM, every value quoted, CRLF).
// Appended per card; rebuilt once from the JSON results on resume and retry, so it never holds a card twice
// (csv-export.ts: card order, hand edits kept aside).
import { appendFileInside, createFileInside, mkdirInside, writeFileInside } from '../no-follow';
import { dirname } from 'node:path';
import type { CardResult } from '../../protocol';

const bom = '\uFEFF';

/** The batch folder of a CSV: it lies at `<batch>/csv/<name>.csv`; nothing is written through a link below it. */
function batchDirOf(file: string): string { return dirname(dirname(file)); }

function quote(value: string): string {
  // A leading = + - @ (or tab, CR) would make Excel run the cell as a formula; a leading apostrophe keeps it text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

function line(values: readonly string[]): string {
  return `${values.map(quote).join(',')}\r\n`;
}

/** Columns: card, one per field in template order, then the card's confidence, review flag and full text. */
export function csvHeader(fieldNames: readonly string[]): string {
  return line(['card', ...fieldNames, 'confidence', 'needs_review', 'text']);
}

export function csvRow(result: CardResult, fieldNames: readonly string[]): string {
  return line([
    result.card,
    // Own keys only: a field named `constructor` must not read Object.prototype's.
    ...fieldNames.map(name => (Object.hasOwn(result.fields, name) ? result.fields[name].value : '')),
    result.confidence === null ? '' : result.confidence.toFixed(1),
    result.needsReview ? 'yes' : 'no',
    result.text,
  ]);
}

/** Creates the CSV with its header when it does not exist yet; an existing file is left as it is. */
export async function ensureCsv(file: string, fieldNames: readonly string[]): Promise<void> {
  await mkdirInside(batchDirOf(file), dirname(file));
  await createFileInside(batchDirOf(file), file, bom + csvHeader(fieldNames)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') { throw error; }
  });
}

export async function appendCsvRow(file: string, result: CardResult, fieldNames: readonly string[]): Promise<void> {
  await appendFileInside(batchDirOf(file), file, csvRow(result, fieldNames));
}

/** Rewrites the CSV from these results (tmp file, then rename), in the order given. */
export async function writeCsv(file: string, results: Iterable<CardResult>, fieldNames: readonly string[]): Promise<void> {
  await writeCsvRows(file, [...results].map(result => csvRow(result, fieldNames)), fieldNames);
}

/** Rewrites the CSV from rows already formatted by `csvRow` (tmp file, then rename). */
export async function writeCsvRows(file: string, rows: readonly string[], fieldNames: readonly string[]): Promise<void> {
  await mkdirInside(batchDirOf(file), dirname(file));
  await writeFileInside(batchDirOf(file), file, [bom + csvHeader(fieldNames), ...rows].join(''));
}
