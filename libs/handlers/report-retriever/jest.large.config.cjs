// The large tests alone: one at a time, with the time a million-row report takes.
module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'report-retriever-handlers (large)',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.large.spec.ts'],
  testTimeout: 600_000,
};
