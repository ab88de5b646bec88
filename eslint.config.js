// Flat config. The layering of STYLE.md is enforced here with no-restricted-imports:
// shared <- core <- adapters <- shells; renderer -> shared only; sync -> shared only.
// import-x forbids import cycles and production imports of core/testing (the fakes), and no core
// file but document-events.ts emits a document's *-changed event; the fixtures in
// test/lint-fixtures break each on purpose and test/lint proves the rules fire.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'worker_threads',
];

/** The *-changed events core/document-events.ts derives from the collections' change streams. */
const DOCUMENT_EVENTS =
  'leads|messages|enrollments|sequences|templates|tasks|imports|engine-settings|email-settings|scoring-model';

/** One layering rule: the patterns a folder may not import, with the reason shown to the reader. */
function layer(files, forbidden, message) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: forbidden, message }],
          paths: forbidden.includes('electron') ? [{ name: 'electron', message }] : [],
        },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      '.tsbuild/**',
      'node_modules/**',
      'test-results/**',
      'coverage/**',
      '.scratch/**',
      // Lint fixtures that must fail; test/lint/lint-rules.test.ts lints them on purpose.
      'test/lint-fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The fakes and test cores are for tests: nothing that ships may import them.
    files: ['**/src-*/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/core/testing/**'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: '**/*',
              from: '**/core/testing/**',
              message: 'core/testing holds the fakes for tests; production code uses the ports and adapters.',
            },
          ],
        },
      ],
    },
  },
  {
    // Document events come from the store's change streams in one place (decision 0011): a
    // writer that emits one by hand would announce twice, or be copied by one that forgets.
    files: ['**/src-main/**/*.ts'],
    ignores: ['**/*.test.ts', '**/core/document-events.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `CallExpression[callee.property.name='emit'] > Literal.arguments:first-child[value=/^(${DOCUMENT_EVENTS})-changed$/]`,
          message:
            'Document events are derived from the store in core/document-events.ts; write the document instead.',
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  layer(
    ['src-shared/**'],
    ['**/src-main/**', '**/src-renderer/**', '**/src-sync/**', 'electron', ...nodeBuiltins],
    'src-shared is pure: it imports nothing of ours and does no I/O.',
  ),
  layer(
    ['src-main/core/**'],
    [
      'electron',
      '**/adapters',
      '**/adapters/**',
      '**/electron/**',
      '**/headless/**',
      '**/preload/**',
      '**/src-renderer/**',
      '**/src-sync/**',
    ],
    'src-main/core talks to the world through its ports; it never imports electron, adapters or shells.',
  ),
  layer(
    ['src-main/adapters/**'],
    ['electron', '**/electron/**', '**/headless/**', '**/preload/**', '**/src-renderer/**', '**/src-sync/**'],
    'adapters implement core ports; they never import a shell.',
  ),
  layer(
    ['src-renderer/**'],
    ['**/src-main/**', '**/src-sync/**', 'electron', ...nodeBuiltins],
    'The renderer talks to core only through the typed IPC contract in src-shared.',
  ),
  layer(
    ['src-sync/**'],
    ['**/src-main/**', '**/src-renderer/**', 'electron'],
    'The sync server shares only src-shared with the app.',
  ),
);
