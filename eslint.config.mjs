import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Legacy app fixtures (examples, the e2e flow scenarios) are the tool's input, kept as written.
    ignores: ['dist/**', 'node_modules/**', '__testfixtures__/**', 'examples/**', 'coverage/**', 'test/e2e/flows/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['bin/**/*.js', 'test/**/*.cjs', 'bench/**/*.js', 'bench/**/*.mjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', __filename: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Scenario apps of the e2e tests: classic browser scripts that share globals through
    // common.js and the libraries' script tags, like the legacy apps they stand for.
    files: ['test/e2e/tenant-apps/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly', document: 'readonly', localStorage: 'readonly', sessionStorage: 'readonly', history: 'readonly',
        fetch: 'readonly', URLSearchParams: 'readonly', XMLHttpRequest: 'readonly', auth0: 'readonly', Auth0Lock: 'readonly',
        DOMAIN: 'readonly', MANAGEMENT_AUDIENCE: 'readonly', show: 'readonly', describeError: 'readonly', on: 'readonly',
        scenarioClient: 'readonly', showProfile: 'readonly',
      },
    },
    rules: { 'no-unused-vars': 'off', '@typescript-eslint/no-unused-vars': 'off', 'no-redeclare': 'off' },
  },
);
