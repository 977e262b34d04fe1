module.exports = { ...require('../../jest.preset.cjs'), displayName: 'sp-api', rootDir: __dirname };
