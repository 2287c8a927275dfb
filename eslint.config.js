'use strict';
// ESLint's recommended rules, for Node's CommonJS, plus strict mode in every file.
const js = require('@eslint/js');
const globals = require('globals');

module.exports = [
  { ignores: ['node_modules/', '__test__/ecosystem/node_modules/', 'target/', '__test__/types/**/*.js', 'benches/timers/**'] },
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'commonjs',
      globals: { ...globals.node },
    },
    rules: {
      strict: ['error', 'global'],
      'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node } },
  },
  {
    files: ['__test__/instances/*.js'],
    languageOptions: { globals: { ...globals.jest } },
  },
];
