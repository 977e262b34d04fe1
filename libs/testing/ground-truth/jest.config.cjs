module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'testing-ground-truth',
  rootDir: __dirname,
};
