module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'reports',
  rootDir: __dirname,
};
