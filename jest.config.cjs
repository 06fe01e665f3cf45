// Two projects: unit (bytes only, no pool) and integration (the real pool; never skipped when CI=true).
const common = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', moduleResolution: 'node10', target: 'ES2022', esModuleInterop: true } }],
  },
  moduleNameMapper: {
    '^@htcondor-ts/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^@htcondor-ts/([a-z-]+)/node$': '<rootDir>/packages/$1/src/node.ts',
    '^htcondor-ts$': '<rootDir>/packages/htcondor/src/index.ts',
    '^htcondor-ts/node$': '<rootDir>/packages/htcondor/src/node.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  rootDir: __dirname,
};
module.exports = {
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
  // Integration tests talk to real daemons on a shared 2-core machine: generous, but bounded.
  testTimeout: 120000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/packages/*/src/**/*.test.ts', '<rootDir>/test/unit/**/*.test.ts'] },
    // The codec, ClassAd and configuration (in-memory) suites again, in a sandbox without Buffer and process (web globals only), with pino
    // resolved to its browser build as a bundler would.
    {
      ...common,
      displayName: 'web',
      testEnvironment: '<rootDir>/test/support/web-globals-environment.cjs',
      setupFilesAfterEnv: ['<rootDir>/test/support/web-globals-setup.cjs'],
      moduleNameMapper: { '^pino$': '<rootDir>/packages/core/node_modules/pino/browser.js', ...common.moduleNameMapper },
      testMatch: ['<rootDir>/packages/classad/src/**/*.test.ts', '<rootDir>/packages/core/src/wire/**/*.test.ts', '<rootDir>/packages/core/src/address/**/*.test.ts', '<rootDir>/packages/core/src/transport/websocket.test.ts', '<rootDir>/test/unit/wire-fixtures.test.ts', '<rootDir>/packages/core/src/config/*.test.ts'],
      // property.test.ts reads FUZZ_RUNS from process.env (a test knob, not library code); the unit project runs it.
      testPathIgnorePatterns: ['/node_modules/', '/packages/classad/src/property\\.test\\.ts$', '/packages/core/src/config/(oracle|portable)\\.test\\.ts$'],
    },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/packages/*/test/integration/**/*.test.ts', '<rootDir>/test/integration/**/*.test.ts'] },
  ],
};
