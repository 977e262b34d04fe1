module.exports = { ...require('../../jest.preset.cjs'), displayName: 'lwa', rootDir: __dirname };
