import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const electronOnlyHere = ['main/electron/**', 'preload/bridge.ts'];
const electronMsg = 'Only main/electron/ (and preload/bridge.ts) may import electron: the core must run in browser mode and tests.';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/.cache/**', 'db/migrations/**', 'main/electron/types/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: electronMsg }], patterns: [{ group: ['electron/*'], message: electronMsg }] }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression[source.value=/^electron(\\/|$)/]', message: electronMsg },
        { selector: "CallExpression[callee.name='require'][arguments.0.value=/^electron(\\/|$)/]", message: electronMsg },
      ],
    },
  },
  { files: electronOnlyHere, rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' } },
  // Tests reach the electron test double with import('electron'); start.mjs only asks where the binary is.
  { files: ['tests/**', 'scripts/start.mjs'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Tests may poke at untyped JSON (OpenAPI documents, provider bodies) without ceremony.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['.dependency-cruiser.cjs'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
  },
);
