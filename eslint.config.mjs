// ESLint for the service (src/, test/, bench/); web/ has its own settings. Formatting is Prettier's job.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const INFRASTRUCTURE = ['@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'pg'];

export default tseslint.config(
  { ignores: ['web/**', 'dist/**', 'coverage/**', 'node_modules/**'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Raw SQL rows (TypeORM's query()), JSON bodies (supertest, fetch) and JSON.parse are `any` by
      // their libraries' types; the tree types them where they are bound, so these only add noise.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Flags `(await m.query(...)) as Row[]`, the tree's way of typing raw rows (query<T> infers T from the cast).
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // async without await is how Promise-returning hooks (Nest guards, BullMQ, test doubles) are written.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    files: ['**/*.ts', '**/*.mjs'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.json'] })],
    },
    rules: {
      'import-x/no-duplicates': 'error',
      'import-x/first': 'error',
      'import-x/no-self-import': 'error',
      'import-x/no-useless-path-segments': 'error',
      'import-x/no-mutable-exports': 'error',
      'import-x/no-cycle': 'error',
    },
  },
  {
    // Response bodies in tests and benches are untyped JSON; `any` there says so honestly.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Outside the core, the core is reached only through its front door, src/scheduling/index.ts.
    files: ['src/**/*.ts'],
    ignores: ['src/scheduling/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/scheduling/*', '!**/scheduling/index'], message: 'Import the core through src/scheduling (its index.ts).' }] },
      ],
    },
  },
  {
    // The core is pure: no framework, database or queue, and time and randomness are passed in.
    files: ['src/scheduling/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: INFRASTRUCTURE, message: 'src/scheduling is the pure core.' }] }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The core takes the time as an argument.' },
        { object: 'Math', property: 'random', message: 'The core takes randomness as an argument.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The core takes the time as an argument.' },
      ],
    },
  },
);
