module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'testing-in-memory-lake',
  rootDir: __dirname,
};
