module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'notification-subscriber',
  rootDir: __dirname,
};
