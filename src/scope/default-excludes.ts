/**
 * What counts as a source module, and the files excluded by default (tests, declarations, config,
 * generated, vendored, build output, minified), grouped so a skip reason can name the category.
 * Globs are picomatch globs over repository-relative POSIX paths, matched with `dot: true`.
 */

/** Extensions of JS/TS source modules. */
export const SOURCE_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

export interface ExcludeCategory {
  /** Used in skip reasons: "excluded by default: <label>". */
  readonly label: string;
  readonly globs: readonly string[];
}

export const DEFAULT_EXCLUDE_CATEGORIES: readonly ExcludeCategory[] = [
  { label: 'type declaration', globs: ['**/*.d.ts', '**/*.d.mts', '**/*.d.cts', '**/*.d.*.ts'] },
  {
    label: 'test file',
    globs: [
      '**/*.test.*',
      '**/*.spec.*',
      '**/*.test-d.*',
      '**/*.e2e.*',
      '**/__tests__/**',
      '**/__mocks__/**',
      '**/__fixtures__/**',
      '**/test/**',
      '**/tests/**',
      '**/{setupTests,setup-tests,jest.setup,vitest.setup,test-setup}.*',
    ],
  },
  { label: 'dependency', globs: ['**/node_modules/**'] },
  { label: 'vendored code', globs: ['**/vendor/**', '**/third_party/**', '**/third-party/**'] },
  { label: 'build output', globs: ['**/dist/**', '**/build/**', '**/.next/**', '**/.nuxt/**', '**/.output/**', '**/.svelte-kit/**'] },
  { label: 'coverage output', globs: ['**/coverage/**', '**/.nyc_output/**'] },
  { label: 'generated code', globs: ['**/*.generated.*', '**/*.gen.*', '**/__generated__/**'] },
  { label: 'minified file', globs: ['**/*.min.*', '**/*-min.js', '**/*.bundle.js'] },
  {
    label: 'config file',
    globs: [
      '**/*.config.*',
      '**/*.conf.*',
      '**/.*rc.*',
      '**/.*rc',
      '**/{Gruntfile,gruntfile,Gulpfile,gulpfile,Jakefile}.*',
    ],
  },
  { label: 'storybook story', globs: ['**/*.stories.*', '**/.storybook/**'] },
];

/** Every default exclude glob, flat (for showing the effective configuration). */
export const DEFAULT_EXCLUDE_GLOBS: readonly string[] = DEFAULT_EXCLUDE_CATEGORIES.flatMap((category) => category.globs);
