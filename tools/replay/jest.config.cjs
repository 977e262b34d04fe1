module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'replay-tool',
  rootDir: __dirname,
};
