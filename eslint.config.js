import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const typedFiles = ['main/**/*.ts', 'db/**/*.ts', 'preload/**/*.ts', 'renderer/src/**/*.{ts,tsx}'];
const electronOnlyHere = ['main/electron/**', 'preload/bridge.ts'];
const electronMsg = 'Only main/electron/ (and preload/bridge.ts) may import electron: the core must run in browser mode and tests.';
const restrictedImports = { paths: [{ name: 'electron', message: electronMsg }], patterns: [{ group: ['electron/*'], message: electronMsg }] };
const restrictedSyntax = [
  { selector: 'ImportExpression[source.value=/^electron(\\/|$)/]', message: electronMsg },
  { selector: "CallExpression[callee.name='require'][arguments.0.value=/^electron(\\/|$)/]", message: electronMsg },
  // DAOs are leaves, built once by createDaos (db/daos.ts) for the composition root: a DAO never
  // builds (so never calls) another, and a service takes its DAOs instead of building them.
  { selector: 'NewExpression[callee.name=/Dao$/]', message: 'Build DAOs only in db/daos.ts (createDaos); take them from the composition root (core.daos, QueueDeps.daos).' },
];
// One SQL idiom in the DAOs: raw SQL with named parameters, prepared once and timed (TimedStatements,
// db/statement-cache.ts). The drizzle query builder stays out of db/dao (the schema and migrations use drizzle).
const daoIdiomMsg = 'DAOs run raw SQL with named parameters through TimedStatements (db/statement-cache.ts), not the drizzle query builder; row types come from db/schema, column mapping from db/dao/columns.ts.';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/.cache/**', 'db/migrations/**', 'main/electron/types/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', restrictedImports],
      'no-restricted-syntax': ['error', ...restrictedSyntax],
    },
  },
  {
    files: ['db/dao/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...restrictedImports.paths, { name: 'drizzle-orm', message: daoIdiomMsg }],
        patterns: [...restrictedImports.patterns, { group: ['drizzle-orm/*'], message: daoIdiomMsg }],
      }],
    },
  },
  { files: electronOnlyHere, rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' } },
  { files: ['db/daos.ts'], rules: { 'no-restricted-syntax': 'off' } },
  // Tests reach the electron test double with import('electron'); start.mjs only asks where the binary is.
  { files: ['tests/**', 'scripts/start.mjs'], rules: { 'no-restricted-syntax': 'off' } },
  // Type-checked rules (typescript-eslint's strictTypeChecked) on the app's own code. Turned off, with
  // reasons: no-non-null-assertion (noUncheckedIndexedAccess makes `!` after a checked index the
  // idiom), no-confusing-void-expression (arrow shorthand returning void is house style),
  // no-unnecessary-condition / -type-conversion (defensive checks on data from outside: JSON, SQLite
  // rows and SDK responses are typed more optimistically than they arrive), no-dynamic-delete
  // (records used as maps). Template literals may interpolate numbers and booleans.
  ...tseslint.configs.strictTypeChecked.map((c) => ({ ...c, files: typedFiles })),
  {
    files: typedFiles,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-unnecessary-type-conversion': 'off',
      '@typescript-eslint/no-dynamic-delete': 'off',
      // An async function that does not await still turns a throw into a rejection, which the
      // StepRunner / async-iterable interfaces rely on.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
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
