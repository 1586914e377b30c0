// ESLint 9 flat config: Salesforce's LWC rules with the typescript-eslint parser for our .ts LWC sources,
// plus Node rules for the project's scripts. Zero warnings allowed (npm run lint uses --max-warnings 0).
const lwcConfig = require('@salesforce/eslint-config-lwc');
const tseslint = require('typescript-eslint');
const globals = require('globals');

const LWC_TS = ['force-app/**/lwc/**/*.ts', 'dev-app/**/lwc/**/*.ts'];
const onLwcTs = (configs) => configs.map((config) => ({ ...config, files: LWC_TS }));

module.exports = [
  {
    ignores: [
      '**/lwc/**/*.js', // tsc output
      'node_modules/**',
      'coverage/**',
      '.verify/**',
      '.jest-cache/**',
      'preview/dist/**',
      'preview/.build/**',
      'types/**',
      '**/staticresources/*.js', // copied from npm packages by the build
    ],
  },
  ...onLwcTs(lwcConfig.configs.recommended),
  ...onLwcTs(tseslint.configs.recommended),
  {
    files: LWC_TS,
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: false, sourceType: 'module' },
    },
    rules: {
      'no-unused-vars': 'off', // replaced by @typescript-eslint/no-unused-vars
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['force-app/**/lwc/**/__tests__/**/*.ts'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
    rules: {
      '@lwc/lwc/no-async-operation': 'off',
      '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off',
    },
  },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['preview/**/*.ts', 'scripts/**/*.ts'] })),
  {
    files: ['scripts/**/*.{js,mjs,cjs}', 'tests/**/*.{js,mjs}', 'preview/**/*.{js,mjs}', '*.config.{js,mjs}'],
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 'latest' },
  },
  {
    files: ['preview/src/**/*.js', 'preview/bench/*.js'],
    languageOptions: { globals: { ...globals.browser }, sourceType: 'module' },
  },
  // Bench-only LWCs in plain JavaScript (npm run bench): the LWC rules and parser (decorators).
  ...lwcConfig.configs.recommended.map((config) => ({ ...config, files: ['preview/bench/modules/**/*.js'] })),
];
