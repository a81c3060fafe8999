// `card-ocr retry <folder>`: move the cards in _errors/ back and read them again; successes leave _errors/.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runSession } from './batch-session';
import { addEngineOptions, type EngineCommandOptions } from './command-options';

export function registerRetryCommand(program: Command): void {
  addEngineOptions(program.command('retry')
    .description('read the cards in <folder>/_errors/ again (after fixing them); the CSV gains their rows once')
    .argument('<folder>', 'a folder holding a batch (config.json)'))
    .action(async (folder: string, options: EngineCommandOptions) => {
      process.exitCode = await runSession({ ...options, command: 'retry' }, client => client.retryBatch(resolve(folder)));
    });
}
