module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'report-creator-handlers',
  rootDir: __dirname,
};
