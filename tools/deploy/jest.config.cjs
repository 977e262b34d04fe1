module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'deploy-tool',
  rootDir: __dirname,
};
