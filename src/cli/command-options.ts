// Options shared by the run, resume and retry commands, and how their values are checked.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { defaultDataDir } from './data-dir';

export interface EngineCommandOptions { workers?: number; dataDir: string; verbose?: boolean; ocrBackend?: 'auto' | 'tesseract.js' | 'native' }

function parseWorkers(value: string): number {
  const workers = Number(value);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) { throw new InvalidArgumentError('a whole number from 1 to 64'); }
  return workers;
}

export function addEngineOptions(command: Command): Command {
  return command
    .addOption(new Option('--workers <n>', 'OCR workers (default: the number of cores)').argParser(parseWorkers))
    .addOption(new Option('--data-dir <dir>', 'where the engine keeps its cache and language links').default(defaultDataDir(), '$XDG_DATA_HOME/card-ocr'))
    .addOption(new Option('--ocr-backend <backend>', 'which tesseract reads: auto (native tesseract 5 where it has the languages), native, or tesseract.js').choices(['auto', 'native', 'tesseract.js']))
    .option('--verbose', 'print the engine log');
}
