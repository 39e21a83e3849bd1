// Type-aware lint with zero warnings. Module boundaries from docs/architecture.md are enforced here:
// typeorm only in persistence, bullmq only in queue/worker, pdfkit only in case-files, process.env only
// in config, and pure cores import nothing but @app/common.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import n from 'eslint-plugin-n';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

const restrict = (paths, patterns = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({
        name,
        message: `${name} is confined to its own lib (see docs/architecture.md)`,
      })),
      patterns,
    },
  ],
});

const deepImports = [{ group: ['@app/*/*'], message: 'import a lib through its index (@app/<name>) only' }];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.bioaudit/**',
      // Helpers' private builds and tree copies (gitignored).
      '.helpers/**',
      'out/**',
      'bin/**',
      '**/*.js',
      '**/*.mjs',
      'apps/portal/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { n },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'n/no-process-env': 'error',
      ...restrict(
        ['typeorm', 'bullmq', 'pdfkit', 'pg', 'pg-copy-streams', '@electric-sql/pglite'],
        deepImports,
      ),
    },
  },
  {
    // The portal: hooks called unconditionally and with every dependency they read.
    files: ['apps/portal/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['libs/config/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'libs/testing/**/*.ts'],
    rules: { 'n/no-process-env': 'off' },
  },
  { files: ['libs/persistence/**/*.ts'], rules: restrict(['bullmq', 'pdfkit'], deepImports) },
  {
    files: ['libs/queue/**/*.ts', 'apps/worker/**/*.ts'],
    rules: restrict(['typeorm', 'pdfkit', 'pg', 'pg-copy-streams', '@electric-sql/pglite'], deepImports),
  },
  {
    files: ['libs/case-files/**/*.ts'],
    rules: restrict(['typeorm', 'bullmq', 'pg', 'pg-copy-streams', '@electric-sql/pglite'], deepImports),
  },
  {
    files: ['libs/*/src/core/**/*.ts'],
    rules: restrict(
      [
        'typeorm',
        'bullmq',
        'pdfkit',
        'pg',
        'pg-copy-streams',
        '@electric-sql/pglite',
        '@nestjs/common',
        '@nestjs/core',
        'node:fs',
        'fs',
      ],
      [
        ...deepImports,
        { group: ['@app/*', '!@app/common'], message: 'a pure core imports only @app/common' },
      ],
    ),
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      'libs/testing/**/*.ts',
      'test/**/*.ts',
      'bench/**/*.ts',
    ],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
  prettier,
);
