import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/dist-h5/**',
      '**/node_modules/**',
      '**/coverage/**',
      '**/.swc/**',
      // Deliberately broken import graphs for scripts/check-dependencies.test.mjs.
      'scripts/dependency-rules/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Test helpers talk to the API as untyped JSON on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Exactly-once rests on conditional updates; findOneAndUpdate and its kin are not atomic on
    // the embedded database (see bff/src/db/conditional-update.ts and db/conformance.test.ts).
    files: ['bff/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(findOneAndUpdate|findByIdAndUpdate|findOneAndReplace|findOneAndDelete|findByIdAndDelete)$/]',
          message:
            'Not atomic on the embedded database: make a conditional change with updateIf / updateIfAndRead (bff/src/db/conditional-update.ts), or a plain updateOne when nothing is contested.',
        },
      ],
    },
  },
  {
    files: ['miniapp/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['miniapp/**/*.js', 'miniapp/config/**'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
