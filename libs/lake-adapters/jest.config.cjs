module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'lake-adapters',
  rootDir: __dirname,
};
