module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'report-retriever-handlers',
  rootDir: __dirname,
};
