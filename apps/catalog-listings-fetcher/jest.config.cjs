module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'catalog-listings-fetcher',
  rootDir: __dirname,
};
