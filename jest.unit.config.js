// Unit tier: *.spec.ts beside the code; no database, no broker.
module.exports = {
  ...require('./jest.preset'),
  displayName: 'unit',
  testMatch: ['<rootDir>/{apps,libs,scripts,bench}/**/*.spec.ts'],
};
