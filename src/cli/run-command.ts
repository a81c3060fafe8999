// `card-ocr run <folder>`: OCR a folder of cards as a new batch (or resume the batch already in it).
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { resolveTemplate } from '../engine/index';
import { Language, startBatchParams } from '../protocol';
import { runSession } from './batch-session';
import { addEngineOptions, type EngineCommandOptions } from './command-options';
import { UsageError } from './exit-codes';
import { readFieldsArgument, templateArgument, type FieldsArgument } from './template-argument';

interface RunOptions extends EngineCommandOptions { fields?: string; template?: string; workspace: string; lang?: string; name?: string; restart?: boolean }

/** Reads `--template <id|file>`: a bundled or workspace (`<workspace>/.card-ocr/templates/`) template, or a file. */
export async function resolveTemplateArgument(value: string, workspaceDir: string = process.cwd()): Promise<FieldsArgument> {
  const found = await resolveTemplate(value, resolve(workspaceDir));
  if (!found.ok) { throw new UsageError(found.error.message); }
  return templateArgument(found.value);
}

async function checkFolder(folder: string): Promise<string> {
  const dir = resolve(folder);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) { throw new UsageError(`${folder} is not a folder`); }
  return dir;
}

export function registerRunCommand(program: Command): void {
  addEngineOptions(program.command('run')
    .description('OCR every card image in <folder>; writes csv/, json/ and _errors/ inside it')
    .argument('<folder>', 'a folder of card images')
    .option('--fields <file>', 'a template JSON with the fields to extract (without it, each card gets its full text)')
    .option('--template <id|file>', 'a template by id or file')
    .option('--workspace <dir>', 'the workspace whose .card-ocr/templates/ --template ids may name', process.cwd())
    .option('--lang <language>', 'tesseract language(s), e.g. deu or deu+eng (default: the template\'s, else eng)')
    .option('--name <name>', 'the batch name (default: the folder name)')
    .option('--restart', 'the folder holds a batch made with another template: keep its outputs in _previous/<date>/ and start over'))
    .action(async (folder: string, options: RunOptions) => {
      if (options.fields && options.template) { throw new UsageError('give --fields or --template, not both'); }
      const dir = await checkFolder(folder);
      const fields = options.fields ? await readFieldsArgument(options.fields)
        : options.template ? await resolveTemplateArgument(options.template, options.workspace) : { fields: [] };
      const params = startBatchParams({
        dir, template: fields, ...(options.name ? { name: options.name } : {}), ...(options.restart ? { restart: true } : {}),
        request: { ...(options.lang ? { language: options.lang } : {}), options: options.workers ? { workers: options.workers } : {} },
      });
      if (!Language.safeParse(params.language).success) { throw new UsageError(`--lang "${params.language}" is not a tesseract language such as deu or deu+eng`); }
      process.exitCode = await runSession(options, client => client.startBatch(params));
    });
}
