// Lint rules that keep the layering of docs/conventions: src/core is pure (no DOM, UI, GPU, itk-wasm or
// comlink); only src/io imports itk-wasm; only Node entry points import Node built-ins or the `webgpu` package.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const browserGlobals = ['window', 'document', 'navigator', 'self', 'location', 'localStorage', 'indexedDB', 'fetch', 'Worker', 'HTMLElement', 'customElements'];

export default tseslint.config(
  { ignores: ['dist/', 'dist-*/', 'node_modules/', 'coverage/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // TypeScript checks names itself; plain JS entry points run in Node.
  { files: ['**/*.ts'], rules: { 'no-undef': 'off' } },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
  // Published constants (algorithm coefficients, reference values) are kept as printed, digits beyond f64 included.
  { files: ['src/core/stats/**', 'test/**'], rules: { 'no-loss-of-precision': 'off' } },
  {
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['lit', 'lit/*', '@lit/*'], message: 'src/core is free of UI code.' },
            { group: ['uplot', 'uplot/*'], message: 'src/core is free of plotting code.' },
            { group: ['itk-wasm', '@itk-wasm/*'], message: 'Only src/io imports itk-wasm.' },
            { group: ['comlink'], message: 'Workers are wrapped outside src/core.' },
            { group: ['webgpu', 'webgpu-utils'], message: 'GPU code lives in src/gpu.' },
            { group: ['node:*', 'fs', 'path', 'os', 'url', 'worker_threads', 'child_process'], message: 'src/core runs in browsers too: no Node built-ins.' },
            { group: ['**/ui/**', '**/io/**', '**/gpu/**', '**/pipeline/**', '**/cli/**'], message: 'src/core imports no later layer.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...browserGlobals.map((name) => ({ name, message: 'src/core is free of DOM and browser APIs.' }))],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/io/**', 'src/core/**', 'src/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['itk-wasm', '@itk-wasm/*'], message: 'Only src/io imports itk-wasm.' }] },
      ],
    },
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['itk-wasm', '@itk-wasm/*'], message: 'Only src/io imports itk-wasm.' },
            {
              group: ['**/core/**', '**/gpu/**', '**/io/**'],
              allowTypeImports: true,
              message: 'Components hold no numeric logic: go through the pipeline client (type imports are fine).',
            },
          ],
        },
      ],
    },
  },
);
