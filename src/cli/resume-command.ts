// `card-ocr resume <folder>`: continue a batch where it stopped; settings come from the folder's config.json.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runSession } from './batch-session';
import { addEngineOptions, type EngineCommandOptions } from './command-options';
import { t } from './l10n/index';

export function registerResumeCommand(program: Command): void {
  addEngineOptions(program.command('resume')
    .description(t('help.resume'))
    .argument('<folder>', t('help.batchFolder')))
    .action(async (folder: string, options: EngineCommandOptions) => {
      process.exitCode = await runSession({ ...options, command: 'resume' }, client => client.resumeBatch(resolve(folder)));
    });
}
