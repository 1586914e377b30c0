// Jest over the TypeScript LWC sources (sfdx-lwc-jest strips types; tsconfig.test.json type-checks the tests).
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  moduleFileExtensions: ['ts', 'js', 'html'],
  testMatch: ['**/lwc/**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.verify/', '/preview/'],
  setupFilesAfterEnv: ['<rootDir>/scripts/test/jest-setup.js'],
  collectCoverageFrom: ['force-app/**/lwc/**/*.ts', '!**/__tests__/**'],
  coverageReporters: ['text-summary', 'json-summary', 'lcov'],
  coverageThreshold: { global: { lines: 90 } },
  // @lwc/jest-transformer's cache key ignores coverage instrumentation: a file cached by a run without coverage
  // would silently drop out of a later coverage total. Runs with and without coverage get separate caches.
  cacheDirectory: `<rootDir>/.jest-cache/${process.argv.some((arg) => arg.startsWith('--coverage')) ? 'coverage' : 'plain'}`,
};
