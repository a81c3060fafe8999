// Mocha's spec output, then one last line "N passed, N failed, N skipped" that CI reads. mocha runs without
// `exit: true`: if anything the tests opened is still open some seconds after the run (a server, a socket, an
// engine child), the handles are named and the run fails, with the last line counting them as one more failure.
const Mocha = require('mocha');
const { EVENT_RUN_END } = Mocha.Runner.constants;

const leakGraceMs = 15_000;

function describeHandle(handle) {
  const kind = handle.constructor?.name ?? typeof handle;
  if (kind === 'ChildProcess') { return `ChildProcess pid ${handle.pid}: ${(handle.spawnargs ?? []).join(' ').slice(0, 160)}`; }
  if (kind === 'Server') { return `Server ${JSON.stringify(handle.address?.() ?? null)}`; }
  if (kind === 'Socket') { return `Socket ${handle.remoteAddress ?? ''}:${handle.remotePort ?? ''} (local port ${handle.localPort ?? '-'})`; }
  return kind;
}

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      // After spec's epilogue, so it is the very last line.
      process.nextTick(() => console.log(`${passes} passed, ${failures} failed, ${pending} skipped`));
      // Unref'd: a clean run exits before it fires.
      setTimeout(() => {
        const open = process._getActiveHandles().filter(h => h !== process.stdout && h !== process.stderr && h !== process.stdin);
        console.log(`leaked handles: ${leakGraceMs / 1000} s after the run, ${open.length} still open:`);
        for (const handle of open) { console.log(`  ${describeHandle(handle)}`); }
        console.log(`${passes} passed, ${failures + 1} failed, ${pending} skipped`);
        // mocha sets the exit code from its failure count in an 'exit' listener; this later one has the last word.
        process.on('exit', () => { process.exitCode = 1; });
        process.exit(1);
      }, leakGraceMs).unref();
    });
  }
}
module.exports = SummaryReporter;
