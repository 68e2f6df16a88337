import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';
import { WORDS_FROM_CATALOGUES } from './renderer/words-from-catalogues.js';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'worker_threads', 'util', 'url', 'stream'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', '.electron-native/**', 'coverage/**', 'test-results/**', '.tmp-*/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  // Boundaries (ARCHITECTURE.md): each folder says where its code may run.
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: restrict([...nodeBuiltins, 'electron', '**/electron/**', '**/renderer/**', 'react', 'react-dom'], 'shared/ runs on both sides: no Node, DOM, Electron or renderer imports.'),
  },
  {
    files: ['electron/core/**/*.ts', 'electron/bridge/**/*.ts', 'migrations/**/*.ts'],
    rules: restrict(['electron', '**/renderer/**'], 'The core runs under plain Node: only electron/main.ts and its adapters import electron.'),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([...nodeBuiltins, 'electron', '**/electron/**', 'better-sqlite3', 'kysely', 'pg'], 'The renderer talks to the main process only through the API client.'),
    },
  },
  // Issue 16: what a user reads comes from a catalogue (shared/i18n). Text in JSX and the attributes a
  // person reads (title, aria-label, placeholder, label…) must not be literal in a converted file.
  {
    files: WORDS_FROM_CATALOGUES,
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'should-validate-template': true,
          'jsx-attributes': { include: ['title', 'action', 'actions', 'footer', 'aria-label', 'aria-description', 'placeholder', 'alt', 'label', 'hint', 'summary', 'emptyText', 'empty', 'description', 'confirmLabel', 'heading'], exclude: [] },
          words: { exclude: ['[0-9!-/:-@[-`{-~\\s·•–—…×€%→←↑↓✓✗✕✎●○◇■★♥♿▚⚠⏱−⊘◀▶▾▸]+', '[A-Z_-]+', 'F[0-9]{1,2}', '(Alt|Ctrl|Shift)\\+.*', 'Enter|Esc|Tab|PgUp|PgDn|Del|Space'] },
        },
      ],
    },
  },
);
