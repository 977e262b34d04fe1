module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'workspace-scripts',
  rootDir: __dirname,
};
