module.exports = { ...require('../../jest.preset.cjs'), displayName: 'lake', rootDir: __dirname };
