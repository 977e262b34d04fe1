module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'asl-export',
  rootDir: __dirname,
};
