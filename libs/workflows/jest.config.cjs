module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'workflows',
  rootDir: __dirname,
};
