// Lint: type-aware rules where they catch real bugs (floating promises), the rooms of DESIGN.md as
// import boundaries, and a size limit per file with no exemption list.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noIo = ['node:*', 'fs', 'http', 'https', 'net', 'child_process', 'pino', 'better-sqlite3', 'pg', 'undici',
  '@slack/*', 'discord.js', 'rss-parser', 'node-cron', 'prom-client', 'ws'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/out/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // core/ is pure: no I/O, no clock, no env, no logger; it may import only core/.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: noIo, message: 'core/ is pure: no I/O modules.' },
          { group: ['../flows/*', '../adapters/*', '../config/*', '../../flows/*', '../../adapters/*', '../../config/*', '../../../*', '../ports.js', '../../ports.js'], message: 'core/ imports only core/ (config entry types are in core/types.ts).' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'core/ reads no env: take values as arguments.' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'core/ has no clock: take `now` as an argument.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core/ has no clock: take `now` as an argument.' }],
    },
  },
  {
    // flows/ see only core/ and ports.ts.
    files: ['src/flows/**/*.ts'],
    ignores: ['src/flows/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: noIo, message: 'flows/ do no I/O themselves: go through a port.' },
          { group: ['../adapters/*', '../../adapters/*', '../config/*', '../../config/*', '../main.js', '../app.js', '../timers.js', '../../timers.js', '../log.js', '../../log.js'], message: 'flows/ import only core/ and ports.ts (config entry types are in core/types.ts).' },
        ],
      }],
      // The clock is injected (ports.ts Clock), so tests can move time and shutdown budgets stay testable.
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'flows/ use the injected clock (deps.clock).' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'flows/ use the injected clock (deps.clock.now()).' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
