// ESLint for the service (src/, test/, bench/). web/ has its own settings; formatting is Prettier's job.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const INFRASTRUCTURE = ['@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'pg'];

export default tseslint.config(
  { ignores: ['web/**', 'dist/**', 'coverage/**', 'node_modules/**'] },
  { files: ['**/*.ts', '**/*.mjs'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.json'] })] },
    languageOptions: { globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly' } },
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
