module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'catalog-listings-fetcher-handlers',
  rootDir: __dirname,
};
