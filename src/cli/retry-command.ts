// `card-ocr retry <folder>`: move the cards in _errors/ back and read them again; successes leave _errors/.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runSession } from './batch-session';
import { addEngineOptions, type EngineCommandOptions } from './command-options';
import { t } from './l10n/index';

export function registerRetryCommand(program: Command): void {
  addEngineOptions(program.command('retry')
    .description(t('help.retry'))
    .argument('<folder>', t('help.batchFolder')))
    .action(async (folder: string, options: EngineCommandOptions) => {
      process.exitCode = await runSession({ ...options, command: 'retry' }, client => client.retryBatch(resolve(folder)));
    });
}
