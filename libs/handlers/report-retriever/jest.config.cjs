// `*.large.spec.ts` (the 1,000,000-row report) run with `nx run report-retriever-handlers:test-large`.
module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'report-retriever-handlers',
  rootDir: __dirname,
  testPathIgnorePatterns: ['/node_modules/', '\\.large\\.spec\\.ts$'],
};
