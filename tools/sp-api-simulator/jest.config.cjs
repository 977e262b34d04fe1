module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'sp-api-simulator',
  rootDir: __dirname,
};
