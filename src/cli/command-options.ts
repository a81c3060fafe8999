// Options shared by the run, resume and retry commands, and how their values are checked.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { defaultDataDir } from './data-dir';
import { t } from './l10n/index';

export interface EngineCommandOptions { workers?: number; dataDir: string; verbose?: boolean; ocrBackend?: 'auto' | 'tesseract.js' | 'native' }

function parseWorkers(value: string): number {
  const workers = Number(value);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) { throw new InvalidArgumentError(t('usage.workers')); }
  return workers;
}

export function addEngineOptions(command: Command): Command {
  return command
    .addOption(new Option('--workers <n>', t('help.workers')).argParser(parseWorkers))
    .addOption(new Option('--data-dir <dir>', t('help.dataDir')).default(defaultDataDir(), '$XDG_DATA_HOME/card-ocr'))
    .addOption(new Option('--ocr-backend <backend>', t('help.ocrBackend')).choices(['auto', 'native', 'tesseract.js']))
    .option('--verbose', t('help.verbose'));
}
