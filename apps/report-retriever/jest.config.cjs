module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'report-retriever',
  rootDir: __dirname,
};
