module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'auth-adapters',
  rootDir: __dirname,
};
