// The CSV as a derived export of json/: rows in card order, and a CSV someone edited by hand is kept aside
// (csv/<name>.edited-<time>.csv) before it is rewritten, never silently replaced. Knows nothing of OCR.
import { appendFileInside, createFileInside, readFileInside } from '../no-follow';
import { createHash, type Hash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { CardResult } from '../../protocol';
import { compareCardNames } from '../card-files';
import { readCardJson } from './card-json';
import { csvHeader, csvRow, writeCsvRows } from './csv-table';

const bom = '\uFEFF';

/** Splits CSV text into raw records (each with its line end), quotes respected; a last record without one is `partial`. */
export function csvRecords(text: string): { records: string[]; partial: string } {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') { quoted = !quoted; } else if (char === '\n' && !quoted) {
      records.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  return { records, partial: text.slice(start) };
}

/** The first cell of a raw record, unquoted: the card name in our rows. */
export function firstCell(record: string): string {
  if (!record.startsWith('"')) { return record.split(/[,\r\n]/, 1)[0]; }
  const match = /^"((?:[^"]|"")*)"/.exec(record);
  return match ? match[1].replace(/""/g, '"') : '';
}

/** `csv/<name>.edited-<time>.csv` beside the CSV. */
export function editedCopyPath(file: string, now: Date): string {
  return join(dirname(file), `${basename(file, '.csv')}.edited-${now.toISOString().replace(/[:.]/g, '-')}.csv`);
}

/**
 * True when the CSV holds only what the engine writes: the header, then rows each equal to its card's row from
 * json/ (a row twice, or a last row cut short by a crash, still count as ours). A missing CSV is as written.
 */
export async function isCsvAsWritten(dir: string, file: string, fieldNames: readonly string[], known: readonly CardResult[] = []): Promise<boolean> {
  let text: string;
  try { text = await readFileInside(dir, file, 'utf8'); } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') { return true; }
    throw error;
  }
  const header = bom + csvHeader(fieldNames);
  if (!text.startsWith(header)) { return false; }
  const { records, partial } = csvRecords(text.slice(header.length));
  // `known` results stand in for their JSON (a review has just rewritten it).
  const rows = new Map<string, string | undefined>(known.map(result => [result.card, csvRow(result, fieldNames)]));
  const rowOf = async (card: string): Promise<string | undefined> => {
    if (!rows.has(card)) {
      const result = await readCardJson(dir, card);
      rows.set(card, result.ok ? csvRow(result.value, fieldNames) : undefined);
    }
    return rows.get(card);
  };
  for (const record of records) {
    if ((await rowOf(firstCell(record))) !== record) { return false; }
  }
  return partial === '' || ((await rowOf(firstCell(partial))) ?? '').startsWith(partial);
}

/** Copies a hand-edited CSV aside; returns the copy's path. */
export async function keepEditedCsv(file: string, now = new Date()): Promise<string> {
  const copy = editedCopyPath(file, now);
  const batchDir = dirname(dirname(file));
  await createFileInside(batchDir, copy, await readFileInside(batchDir, file));
  return copy;
}

/** Results in card order (natural sort of file names), one per card. */
export function inCardOrder(results: Iterable<CardResult>): CardResult[] {
  const byCard = new Map<string, CardResult>();
  for (const result of results) { byCard.set(result.card, result); }
  return [...byCard.values()].sort((a, b) => compareCardNames(a.card, b.card));
}

/**
 * Rewrites the CSV from these results in card order; a CSV that differs from what the engine wrote is kept
 * first, and its copy's path returned so the caller can tell the user.
 */
export async function exportCsv(dir: string, file: string, results: Iterable<CardResult>, fieldNames: readonly string[]): Promise<{ kept?: string }> {
  const kept = (await isCsvAsWritten(dir, file, fieldNames)) ? undefined : await keepEditedCsv(file);
  await writeCsvRows(file, inCardOrder(results).map(result => csvRow(result, fieldNames)), fieldNames);
  return kept === undefined ? {} : { kept };
}

/**
 * The CSV while a batch runs: rows appended as cards finish, a running hash of every byte written, so the end of
 * the run can tell its own file from one edited meanwhile without reading json/ again.
 */
export class RunningCsv {
  private hash: Hash = createHash('sha256');

  private constructor(private readonly dir: string, readonly file: string, private readonly fieldNames: readonly string[]) {}

  /** Starts from the CSV as it now is (just created or rebuilt). */
  static async open(dir: string, file: string, fieldNames: readonly string[]): Promise<RunningCsv> {
    const csv = new RunningCsv(dir, file, fieldNames);
    csv.hash.update(await readFileInside(dir, file));
    return csv;
  }

  async append(result: CardResult): Promise<void> {
    const row = csvRow(result, this.fieldNames);
    await appendFileInside(this.dir, this.file, row);
    this.hash.update(row);
  }

  /**
   * Puts the rows in card order. Its own file is sorted as it stands; an edited one is kept, then rebuilt from the
   * JSON of `doneCards` (the checkpoint's, since rows may have been deleted by hand).
   */
  async finish(doneCards: Iterable<string>): Promise<{ kept?: string }> {
    const bytes = await readFileInside(this.dir, this.file);
    if (createHash('sha256').update(bytes).digest('hex') !== this.hash.copy().digest('hex')) {
      const kept = await keepEditedCsv(this.file);
      const results: CardResult[] = [];
      for (const card of doneCards) {
        const result = await readCardJson(this.dir, card);
        if (result.ok) { results.push(result.value); }
      }
      await writeCsvRows(this.file, inCardOrder(results).map(result => csvRow(result, this.fieldNames)), this.fieldNames);
      return { kept };
    }
    const text = bytes.toString('utf8');
    const header = bom + csvHeader(this.fieldNames);
    const byCard = new Map(csvRecords(text.slice(header.length)).records.map(record => [firstCell(record), record]));
    const cards = [...byCard.keys()].sort(compareCardNames);
    await writeCsvRows(this.file, cards.map(card => byCard.get(card)!), this.fieldNames);
    return {};
  }
}
