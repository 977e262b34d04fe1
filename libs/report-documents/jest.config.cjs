module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'report-documents',
  rootDir: __dirname,
};
