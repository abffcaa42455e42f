const aliases = ['contracts','messaging','persistence','auth','observability','config','testing'];
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    ...Object.fromEntries(aliases.map((a) => [`^@app/${a}$`, `<rootDir>/libs/${a}/src/index.ts`])),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testMatch: ['**/*.spec.ts'],
};
