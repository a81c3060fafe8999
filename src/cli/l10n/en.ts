// The CLI's English strings: the keys every other bundle translates, and the fallback. One line here and one in
// de.ts per string (the compiler and test/unit/l10n insist), then `t('key', { args })`.
export const en = {
  'program.description': 'Turn folders of scanned index and catalogue cards into CSV and JSON, offline',
  'session.engineFailed': 'Could not start the OCR engine: {reason}',
  'session.unknownError': 'unknown error',
  'session.engineRestarted': 'The engine stopped ({reason}); restarted it and resuming',
  'session.stopping': 'Stopping after the cards in flight; continue later with: card-ocr resume <folder>',
  'session.couldNotRun': 'The batch could not run: {reason}',
  'session.seeLog': 'see the log (--verbose)',
  'session.summary': '{succeeded} cards read, {failed} failed',
  'session.csv': '  CSV:     {path}',
  'session.json': '  JSON:    {path}/',
  'session.errors': '  Errors:  {path}/ (reasons in errors.jsonl; fix and run: card-ocr retry {dir})',
  'progress.bar': '{bar} {percentage}% | {value}/{total} cards | {failed} failed | {speed} cards/s | ETA {eta}',
  'progress.cardOk': '{position} {card} ok {seconds}s',
  'progress.cardFailed': '{position} {card} failed {code}: {message}',
  'serve.rootNotFolder': '--root {root} is not a folder',
  'serve.portTaken': 'Port {port} is taken; using {used} instead',
  'serve.server': 'Card OCR server: {url}',
  'serve.dashboard': 'Dashboard: {url}',
  'serve.discovery': 'Token and address for other tools: {file}',
  'serve.roots': 'Batches may use folders in: {roots}',
  'serve.noRoots': 'No --root given: batches only from uploads',
  'serve.shuttingDown': 'Shutting down ({signal}); running batches are paused and can be resumed',
} as const;

export type CliMessageKey = keyof typeof en;
