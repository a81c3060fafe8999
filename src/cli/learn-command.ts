// `card-ocr learn <batch>`: trains the learned fields' model from checked cards (a truth folder with its map, or
// the cards checked in review), prints a learning report and writes the model beside the template.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { learnedTargets, readCheckedCards, readTruthCards, trainModel, type TrainingReport } from '../engine/index';
import { readFieldMap } from './eval-command';
import { UsageError } from './exit-codes';
import { batchOrTemplateFields, learnedOnly } from './learn-fields';

interface LearnOptions { truth?: string; map?: string; output?: string; template?: string; workspace: string }

export function formatTrainingReport(report: TrainingReport): string {
  const width = Math.max(5, ...report.fields.map(f => f.field.length));
  const lines = [`${'field'.padEnd(width)}  with value  found in OCR  not found  learned as`];
  for (const f of report.fields) {
    lines.push(`${f.field.padEnd(width)}  ${String(f.withValue).padStart(10)}  ${String(f.found).padStart(12)}  ${String(f.notFound).padStart(9)}  ${f.asClass ? 'card class' : 'tokens'}`);
  }
  lines.push(`trained on ${report.cards} cards (${report.tokens} tokens, ${report.attributes} attributes) in ${(report.trainingMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}

export function registerLearnCommand(program: Command): void {
  program.command('learn')
    .description('Train the model of a template\'s learned fields from checked cards; writes the model file')
    .argument('<batch>', 'a batch folder (after card-ocr run): its stored OCR is the training text')
    .option('--truth <dir>', 'a folder of truth JSON files (NAME.json per card); without it, the cards checked in review')
    .option('--map <file>', 'map.json: field name → dotted path in the truth files')
    .option('--template <id|file>', 'the template whose learned fields to train (default: the batch\'s fields)')
    .option('--workspace <dir>', 'the workspace whose .card-ocr/templates/ --template ids may name', process.cwd())
    .option('-o, --output <file>', 'where to write the model (default: the file the template names)')
    .action(async (batch: string, options: LearnOptions) => {
      const dir = resolve(batch);
      const fields = learnedOnly(await batchOrTemplateFields(dir, options.template, options.workspace));
      const map = options.map ? await readFieldMap(options.map) : {};
      const cards = options.truth ? await readTruthCards(dir, resolve(options.truth), fields, map) : await readCheckedCards(dir, fields);
      if (!cards.ok) { throw new UsageError(cards.error.message); }
      const output = options.output ? resolve(options.output) : fields.map(f => (f.find.by === 'learned' ? f.find.model : undefined)).find(Boolean);
      if (!output) { throw new UsageError('The template names no model file: give -o <file>'); }
      const { model, report } = trainModel(cards.value, learnedTargets(fields));
      await writeFile(output, `${JSON.stringify(model)}\n`);
      console.log(formatTrainingReport(report));
      console.log(`wrote ${output}`);
    });
}
