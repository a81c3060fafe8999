// Runs one batch request (start, resume or retry) through a fresh engine and follows it to the end in the
// terminal; returns the exit code. Shared by the run, resume and retry commands.
import { relative } from 'node:path';
import { DisposableStore } from '../common/lifecycle';
import { EngineClient } from '../engine/index';
import type { BatchMessage, BatchStatus, BatchSummary, Outcome, Problem } from '../protocol';
import { ExitCode } from './exit-codes';
import { createProgressView } from './progress-bar';
import { t } from './l10n/index';
import { batchPaths } from '../batch-folder/index';

export interface SessionOptions {
  dataDir: string;
  workers?: number;
  verbose?: boolean;
  /** The command, named in the batch folder's lock (`card-ocr resume`). */
  command?: string;
  ocrBackend?: 'auto' | 'tesseract.js' | 'native';
}

const finalStatuses: ReadonlySet<BatchStatus> = new Set(['finished', 'paused', 'cancelled', 'failed']);

function exitCodeForProblem(problem: Problem): number {
  if (problem.code === 'batch/busy' && problem.details?.holder !== undefined) { return ExitCode.batchInUse; }
  return ['batch/not-found', 'batch/invalid', 'batch/busy', 'request/invalid', 'template/invalid'].includes(problem.code)
    ? ExitCode.badArguments : ExitCode.couldNotRun;
}

function printOutputs(dir: string, summary: { succeeded: number; failed: number }): void {
  const paths = batchPaths(dir);
  const show = (file: string) => relative(process.cwd(), file) || '.';
  console.log(t('session.summary', { succeeded: summary.succeeded, failed: summary.failed }));
  console.log(t('session.csv', { path: show(paths.csvFile) }));
  console.log(t('session.json', { path: show(paths.jsonDir) }));
  if (summary.failed > 0) { console.log(t('session.errors', { path: show(paths.errorsDir), dir: show(dir) })); }
}

export async function runSession(options: SessionOptions, request: (client: EngineClient) => Promise<Outcome<BatchSummary>>): Promise<number> {
  const store = new DisposableStore();
  const view = createProgressView(process.stdout);
  let client: EngineClient;
  try {
    client = await EngineClient.start({
      settings: { dataDir: options.dataDir, owner: `card-ocr ${options.command ?? 'run'}`, followCardLinks: true, ...(options.workers ? { workers: options.workers } : {}), ...(options.ocrBackend ? { ocrBackend: options.ocrBackend } : {}) },
      onLog: (level, message) => {
        if (options.verbose || level === 'error' || level === 'warn') { view.note(`[${level}] ${message}`); }
      },
    });
  } catch (error) {
    console.error(t('session.engineFailed', { reason: error instanceof Error ? error.message : t('session.unknownError') }));
    return ExitCode.couldNotRun;
  }
  try {
    // Messages can only follow the reply naming the batch, but subscribe first so none is missed.
    const early: BatchMessage[] = [];
    let onMessage: (message: BatchMessage) => void = message => early.push(message);
    store.add(client.onDidReceiveMessage(message => onMessage(message)));
    store.add(client.onDidRestart(({ reason }) => view.note(t('session.engineRestarted', { reason }))));
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
      view.note(t('session.stopping'));
      void client.pauseBatch(batch.id);
    };
    process.on('SIGINT', onSigint);
    store.add({ dispose: () => process.off('SIGINT', onSigint) });
    const result = await end;
    view.stop();
    if (result.status === 'failed') {
      console.error(t('session.couldNotRun', { reason: result.problem?.message ?? t('session.seeLog') }));
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
