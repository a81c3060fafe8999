// `card-ocr eval <batch> --truth <dir> --oracle`: "is it the OCR or the rules?" — how many truth values are in the
// page text at all, whatever the fields found. Prints a per-path table and ends with `... oracle_recall=0.xxxx ...`.
import { resolve } from 'node:path';
import { formatOracleReport, oracleBatch } from '../engine/index';
import { UsageError } from './exit-codes';

/** `skip`: comma-separated truth paths whose values are not on the cards (e.g. `type.type`, a class label). */
export async function runOracle(batch: string, truth: string, details: boolean, skip = ''): Promise<void> {
  const report = await oracleBatch(resolve(batch), resolve(truth), skip.split(',').map(path => path.trim()).filter(Boolean));
  if (!report.ok) { throw new UsageError(report.error.message); }
  console.log(formatOracleReport(report.value, details));
}
