// TypeScript tests run through tsx; the summary reporter prints the "N passed, N failed" line CI reads.
// No `exit: true`: the run ends by itself once every test has closed what it opened, so a leaked handle (a server,
// an engine child) shows as a run that does not end, instead of being cut off unseen.
module.exports = {
  require: ['tsx/cjs'],
  extension: ['ts'],
  spec: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/browser/**/*.test.ts', 'test/vscode/**/*.test.ts'],
  reporter: './test/support/summary-reporter.cjs',
  timeout: 60000,
};
