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
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/packages/*/test/integration/**/*.test.ts', '<rootDir>/test/integration/**/*.test.ts'] },
  ],
};
