module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'notification-subscriber-handlers',
  rootDir: __dirname,
};
