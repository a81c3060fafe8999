// The eval report as text for the terminal: a table per field, then one machine-readable line. Pure.
import type { EvalReport } from './evaluate';

const fixed = (n: number) => n.toFixed(4);

/** Per-field table, then the last line `cards=N f1=0.xxxx similarity=0.xxxx`. `details` adds every imperfect key. */
export function formatEvalReport(report: EvalReport, details = false): string {
  const lines: string[] = [];
  if (details) {
    for (const card of report.perCard) {
      lines.push(`${card.card}  similarity=${fixed(card.similarity)}`);
      for (const key of card.keys.filter(k => k.similarity < 1)) {
        lines.push(`  ${key.path}  ${fixed(key.similarity)}  truth=${JSON.stringify(key.truth)}  value=${key.value === undefined ? '(none)' : JSON.stringify(key.value)}`);
      }
    }
    lines.push('');
  }
  const width = Math.max(5, ...report.fields.map(f => f.field.length));
  lines.push(`${'field'.padEnd(width)}  keys  precision  recall  f1      similarity`);
  for (const f of report.fields) {
    lines.push(`${f.field.padEnd(width)}  ${String(f.keys).padStart(4)}  ${fixed(f.precision)}     ${fixed(f.recall)}  ${fixed(f.f1)}  ${fixed(f.meanSimilarity)}`);
  }
  if (report.missingResults.length > 0) {
    lines.push(`no result for ${report.missingResults.length} card(s): ${report.missingResults.join(', ')}`);
  }
  lines.push(`f1_macro=${fixed(report.f1Macro)} f1_micro=${fixed(report.f1)} (macro: the mean of each card's F1, as the benchmarks report it)`);
  lines.push(`cards=${report.cards} f1=${fixed(report.f1)} similarity=${fixed(report.similarity)}`);
  return lines.join('\n');
}
