module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'aws-support',
  rootDir: __dirname,
};
