// ESLint (flat config): typescript-eslint's recommended rules on every TypeScript file, formatting left to
// Prettier (eslint-config-prettier turns off the rules it would fight), and the engine kept free of Node and
// the editor (the same boundary test/unit/engine/ioBoundary.test.ts checks, here as you type).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const NODE_AND_EDITOR = [
  {
    group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'url', 'util'],
    message: 'The engine reaches the outside only through EngineHost (server/src/engine/host.ts).',
  },
  {
    group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*'],
    message: 'The engine knows nothing of the editor or the protocol.',
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'media/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
      // Control characters in patterns are deliberate here: the formatters and tests find and replace them.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['server/src/engine/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: NODE_AND_EDITOR }] },
  },
  {
    files: ['bin/*.js', 'scripts/schema-libs/*.cjs', 'scripts/yaml-lib/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        Buffer: 'readonly',
      },
    },
  },
);
