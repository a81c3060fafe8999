// `card-ocr resume <folder>`: continue a batch where it stopped; settings come from the folder's config.json.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runSession } from './batch-session';
import { addEngineOptions, type EngineCommandOptions } from './command-options';

export function registerResumeCommand(program: Command): void {
  addEngineOptions(program.command('resume')
    .description('continue the batch in <folder> after a stop or crash; cards already done are skipped')
    .argument('<folder>', 'a folder holding a batch (config.json)'))
    .action(async (folder: string, options: EngineCommandOptions) => {
      process.exitCode = await runSession({ ...options, command: 'resume' }, client => client.resumeBatch(resolve(folder)));
    });
}
