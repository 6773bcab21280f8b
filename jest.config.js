// jest 30 with @swc/jest: TypeScript is stripped per file (no type checking here; `npm run
// typecheck` does that), ES modules stay ES modules. Native ESM in jest needs
// NODE_OPTIONS=--experimental-vm-modules, which scripts/test.mjs sets.
const ESM_REQUIRED_FROM_CJS = ['jose', 'strip-bom'];

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // Only *.test.ts are test files; helpers, fixtures and harnesses beside them are not.
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  extensionsToTreatAsEsm: ['.ts'],
  // @swc/jest emits ES modules where jest loads a file as one (every .ts here) and CommonJS
  // where a CommonJS file require()s it.
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: false, decorators: false } }, env: { targets: { node: '22' } }, sourceMaps: 'inline' }],
    // ESM-only packages that CommonJS dependencies require() (the Teams SDK requires jose,
    // @microsoft/app-manifest requires strip-bom). Node 22 allows that; jest only on Node
    // >= 24.9, so they are compiled to CommonJS for those requires.
    [`/node_modules/(${ESM_REQUIRED_FROM_CJS.join('|')})/.+\\.js$`]: ['@swc/jest', { env: { targets: { node: '22' } } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_REQUIRED_FROM_CJS.join('|')})/)`],
  setupFiles: ['<rootDir>/test/jest-setup.ts'],
  // Database and end-to-end tests start PGlite and HTTP servers; a slow, shared machine must
  // not turn that into a failure.
  testTimeout: 180_000,
  maxWorkers: 2,
};
