module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'token-broker',
  rootDir: __dirname,
};
