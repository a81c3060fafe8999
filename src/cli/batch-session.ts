// Runs one batch request (start, resume or retry) through a fresh engine and follows it to the end in the
// terminal; returns the exit code. Shared by the run, resume and retry commands.
import { relative } from 'node:path';
import { DisposableStore } from '../common/lifecycle';
import { batchPaths, EngineClient } from '../engine/index';
import type { BatchMessage, BatchStatus, BatchSummary, Outcome, Problem } from '../protocol';
import { ExitCode } from './exit-codes';
import { createProgressView } from './progress-bar';

export interface SessionOptions {
  dataDir: string;
  workers?: number;
  verbose?: boolean;
  ocrBackend?: 'auto' | 'tesseract.js' | 'native';
}

const finalStatuses: ReadonlySet<BatchStatus> = new Set(['finished', 'paused', 'cancelled', 'failed']);

function exitCodeForProblem(problem: Problem): number {
  return ['batch/not-found', 'batch/invalid', 'batch/busy', 'request/invalid', 'template/invalid'].includes(problem.code)
    ? ExitCode.badArguments : ExitCode.couldNotRun;
}

function printOutputs(dir: string, summary: { succeeded: number; failed: number }): void {
  const paths = batchPaths(dir);
  const show = (file: string) => relative(process.cwd(), file) || '.';
  console.log(`${summary.succeeded} cards read, ${summary.failed} failed`);
  console.log(`  CSV:     ${show(paths.csvFile)}`);
  console.log(`  JSON:    ${show(paths.jsonDir)}/`);
  if (summary.failed > 0) { console.log(`  Errors:  ${show(paths.errorsDir)}/ (reasons in errors.jsonl; fix and run: card-ocr retry ${show(dir)})`); }
}

export async function runSession(options: SessionOptions, request: (client: EngineClient) => Promise<Outcome<BatchSummary>>): Promise<number> {
  const store = new DisposableStore();
  const view = createProgressView(process.stdout);
  let client: EngineClient;
  try {
    client = await EngineClient.start({
      settings: { dataDir: options.dataDir, ...(options.workers ? { workers: options.workers } : {}), ...(options.ocrBackend ? { ocrBackend: options.ocrBackend } : {}) },
      onLog: (level, message) => {
        if (options.verbose || level === 'error') { view.note(`[${level}] ${message}`); }
      },
    });
  } catch (error) {
    console.error(`Could not start the OCR engine: ${error instanceof Error ? error.message : 'unknown error'}`);
    return ExitCode.couldNotRun;
  }
  try {
    // Messages can only follow the reply naming the batch, but subscribe first so none is missed.
    const early: BatchMessage[] = [];
    let onMessage: (message: BatchMessage) => void = message => early.push(message);
    store.add(client.onDidReceiveMessage(message => onMessage(message)));
    store.add(client.onDidRestart(({ reason }) => view.note(`The engine stopped (${reason}); restarted it and resuming`)));
    const started = await request(client);
    if (!started.ok) {
      view.stop();
      console.error(started.error.message);
      return exitCodeForProblem(started.error);
    }
    const batch = started.value;
    const end = new Promise<{ status: BatchStatus; problem?: Problem; succeeded: number; failed: number }>(resolve => {
      let last = batch.progress;
      onMessage = message => {
        if (message.batchId !== batch.id) { return; }
        switch (message.type) {
          case 'progress': last = message; view.update(message); break;
          case 'card': view.cardDone(message.result.card, message.result.durationMs); break;
          case 'error': view.cardFailed(message.card, message.problem); break;
          case 'status':
            if (finalStatuses.has(message.status)) {
              resolve({ status: message.status, ...(message.problem ? { problem: message.problem } : {}), succeeded: last.succeeded, failed: last.failed });
            }
            break;
        }
      };
      for (const message of early.splice(0)) { onMessage(message); }
    });
    let interrupted = false;
    const onSigint = () => {
      if (interrupted) { return; }
      interrupted = true;
      view.note('Stopping after the cards in flight; continue later with: card-ocr resume <folder>');
      void client.pauseBatch(batch.id);
    };
    process.on('SIGINT', onSigint);
    store.add({ dispose: () => process.off('SIGINT', onSigint) });
    const result = await end;
    view.stop();
    if (result.status === 'failed') {
      console.error(`The batch could not run: ${result.problem?.message ?? 'see the log (--verbose)'}`);
      return ExitCode.couldNotRun;
    }
    printOutputs(batch.dir, result);
    if (result.status !== 'finished') { return ExitCode.interrupted; }
    return result.failed > 0 ? ExitCode.someCardsFailed : ExitCode.ok;
  } finally {
    store.dispose();
    await client.close();
  }
}
