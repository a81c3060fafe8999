// The engine child's entry point (bundled to dist/engine.js, forked by EngineClient): wires IPC to the service.
// An uncaught exception is logged and ends the process non-zero; the parent decides what happens next.
import { errorMessage } from '../common/assert';
import { EngineRequest, type EngineOutput } from '../protocol';
import { EngineService } from './engine-service';

function send(output: EngineOutput): void {
  // After the parent is gone there is nobody to tell; the batch state is on disk regardless.
  if (process.connected) { process.send?.(output); }
}

function main(): void {
  if (!process.send) {
    console.error('dist/engine.js is the Card OCR engine child; start it through EngineClient (or card-ocr), not directly');
    process.exit(2);
  }
  // TEST HOOK: crash tests name a card here; the engine SIGKILLs itself when it starts that card. Never set it otherwise.
  const service = new EngineService(send, process.env.CARD_OCR_TEST_CRASH_ON_CARD || undefined);
  let shuttingDown = false;

  process.on('message', (raw: unknown) => {
    const parsed = EngineRequest.safeParse(raw);
    if (!parsed.success) {
      service.log('error', `ignored a malformed request: ${parsed.error.issues.map(issue => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
      return;
    }
    const request = parsed.data;
    if (request.type === 'shutdown') { shuttingDown = true; }
    // handle() answers every request itself and never rejects.
    void service.handle(request).then(() => {
      // IPC keeps order: once this last message is written, the shutdown reply before it is too.
      if (request.type === 'shutdown') { process.send?.({ type: 'log', level: 'debug', message: 'engine stopped' }, () => process.exit(0)); }
    });
  });

  // The parent went away without a shutdown (it crashed or was killed): finish the cards in flight, then go.
  process.on('disconnect', () => {
    if (shuttingDown) { return; }
    shuttingDown = true;
    void service.handle({ type: 'shutdown', requestId: 0 }).then(() => process.exit(0));
  });

  process.on('uncaughtException', error => {
    send({ type: 'log', level: 'error', message: `engine crashed: ${error.stack ?? errorMessage(error)}` });
    process.exit(70);
  });
  process.on('unhandledRejection', reason => {
    send({ type: 'log', level: 'error', message: `engine crashed on an unhandled rejection: ${reason instanceof Error ? reason.stack : errorMessage(reason)}` });
    process.exit(70);
  });
}

main();
