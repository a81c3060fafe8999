// TypeScript tests run through tsx; the summary reporter prints the "N passed, N failed" line CI reads.
module.exports = {
  require: ['tsx/cjs'],
  extension: ['ts'],
  spec: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/browser/**/*.test.ts', 'test/vscode/**/*.test.ts'],
  reporter: './test/support/summary-reporter.cjs',
  timeout: 60000,
  exit: true,
};
