import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import accueil from './eslint-layers.js';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'migrations/**', 'coverage/**', '.scratch/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration from src/config.ts only.' }],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.mjs'],
    plugins: { accueil },
    rules: { 'accueil/layers': 'error' },
  },
  {
    // Every query lives in src/db/, in a module named for what it answers; other layers call it.
    files: ['src/**/*.ts'],
    ignores: ['src/db/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'drizzle-orm', message: 'Queries live in src/db/: add a function there, named for what it answers.', allowTypeImports: true }],
          patterns: [{ group: ['**/db/schema'], message: 'Queries live in src/db/: import a query from there (row types are fine).', allowTypeImports: true }],
        },
      ],
    },
  },
  {
    files: ['src/config.ts', 'test/**', 'bench/**', 'vitest.config.ts', 'drizzle.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
