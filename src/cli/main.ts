// The headless `card-ocr` command (bundled to dist/cli.js): one commander program, one file per command.
// Exit codes: 0 ok, 1 some cards in _errors/, 2 bad arguments, 3 could not run, 4 batch in use (see exit-codes.ts).
import { Command, CommanderError } from 'commander';
import { registerEvalCommand } from './eval-command';
import { ExitCode, UsageError } from './exit-codes';
import { registerLearnCommand } from './learn-command';
import { registerReextractCommand } from './reextract-command';
import { registerReportCommand } from './report-command';
import { registerResumeCommand } from './resume-command';
import { registerRetryCommand } from './retry-command';
import { registerRunCommand } from './run-command';
import { registerServeCommand } from './serve-command';
import { registerTemplatesCommand } from './templates-command';
import { t } from './l10n/index';

function buildProgram(): Command {
  const program = new Command('card-ocr')
    .description(t('program.description'))
    // Commander's own errors (unknown option, missing argument) are bad arguments: exit 2, not its default 1.
    .exitOverride()
    .showHelpAfterError();
  registerRunCommand(program);
  registerRetryCommand(program);
  registerResumeCommand(program);
  registerServeCommand(program);
  registerTemplatesCommand(program);
  registerEvalCommand(program);
  registerReportCommand(program);
  registerLearnCommand(program);
  registerReextractCommand(program);
  return program;
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.badArguments;
    } else if (error instanceof UsageError) {
      console.error(`card-ocr: ${error.message}`);
      process.exitCode = ExitCode.badArguments;
    } else {
      console.error(error instanceof Error ? error.stack : error);
      process.exitCode = ExitCode.couldNotRun;
    }
  }
}

void main();
