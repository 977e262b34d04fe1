module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'report-creator',
  rootDir: __dirname,
};
