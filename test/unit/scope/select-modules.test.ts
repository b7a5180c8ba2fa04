import { describe, expect, it } from 'vitest';
import { DEFAULT_EXCLUDE_CATEGORIES, DEFAULT_EXCLUDE_GLOBS, SOURCE_EXTENSIONS } from '../../../src/scope/default-excludes.js';
import { createModuleFilter, selectModules, sourceExtension } from '../../../src/scope/select-modules.js';

const reason = (path: string, options = {}) => createModuleFilter(options).reasonFor(path);

describe('selectModules', () => {
  it('selects every JS/TS source extension', () => {
    for (const ext of SOURCE_EXTENSIONS) expect(reason(`src/mod${ext}`), ext).toBeNull();
    expect(reason('src/Component.TSX')).toBeNull();
    expect(sourceExtension('src/.ts')).toBeNull();
  });

  it('skips non-sources', () => {
    for (const p of ['README.md', 'src/styles.css', 'package.json', 'Makefile', 'src/data.json', 'src/x.ts.snap']) {
      expect(reason(p), p).toBe('not a JS/TS source');
    }
  });

  it.each([
    ['src/a.test.ts', 'test file'],
    ['src/a.spec.tsx', 'test file'],
    ['src/a.test-d.ts', 'test file'],
    ['src/__tests__/a.ts', 'test file'],
    ['src/__mocks__/fs.ts', 'test file'],
    ['test/helpers.ts', 'test file'],
    ['packages/x/tests/setup.js', 'test file'],
    ['src/setupTests.ts', 'test file'],
    ['types/global.d.ts', 'type declaration'],
    ['src/env.d.mts', 'type declaration'],
    ['vite.config.ts', 'config file'],
    ['packages/web/jest.config.cjs', 'config file'],
    ['.eslintrc.js', 'config file'],
    ['karma.conf.js', 'config file'],
    ['gulpfile.js', 'config file'],
    ['src/api.generated.ts', 'generated code'],
    ['src/__generated__/schema.ts', 'generated code'],
    ['src/routeTree.gen.ts', 'generated code'],
    ['vendor/lib.js', 'vendored code'],
    ['src/third_party/x.js', 'vendored code'],
    ['dist/index.js', 'build output'],
    ['packages/a/build/out.js', 'build output'],
    ['coverage/lcov-report/prettify.js', 'coverage output'],
    ['node_modules/dep/index.js', 'dependency'],
    ['public/jquery.min.js', 'minified file'],
    ['src/Button.stories.tsx', 'storybook story'],
  ])('excludes %s by default as %s', (path, label) => {
    expect(reason(path)).toBe(`excluded by default: ${label}`);
  });

  it('keeps sources that merely look like the conventions', () => {
    for (const p of ['src/testing.ts', 'src/latest.ts', 'src/contest/a.ts', 'src/builder.ts', 'src/distance.ts', 'src/config.ts', 'src/vendors.ts', 'src/minify.ts', 'src/attest.ts']) {
      expect(reason(p), p).toBeNull();
    }
  });

  it('applies user exclude, then include, then defaults', () => {
    const options = { include: ['src/**', 'lib/*.js'], exclude: ['src/legacy/**'] };
    expect(reason('src/legacy/a.ts', options)).toBe('excluded by pattern src/legacy/**');
    expect(reason('scripts/a.ts', options)).toBe('not matched by include patterns (src/**, lib/*.js)');
    expect(reason('src/a.test.ts', options)).toBe('excluded by default: test file');
    expect(reason('src/.hidden/a.ts', options)).toBeNull();
    expect(reason('lib/x.js', options)).toBeNull();
    expect(reason('src/a.test.ts', { defaultExcludes: false })).toBeNull();
  });

  it('returns the selected items themselves and a reason for every other file, in order', () => {
    const files = [{ path: 'src/a.ts', n: 1 }, { path: 'README.md', n: 2 }, { path: 'src/a.test.ts', n: 3 }, { path: 'src/b.mjs', n: 4 }];
    const result = selectModules(files, { exclude: null, include: [] });
    expect(result.selected).toEqual([files[0], files[3]]);
    expect(result.skipped).toEqual([
      { path: 'README.md', reason: 'not a JS/TS source' },
      { path: 'src/a.test.ts', reason: 'excluded by default: test file' },
    ]);
  });

  it('exports the default globs for display', () => {
    expect(DEFAULT_EXCLUDE_GLOBS).toContain('**/*.test.*');
    expect(DEFAULT_EXCLUDE_GLOBS.length).toBe(DEFAULT_EXCLUDE_CATEGORIES.reduce((n, c) => n + c.globs.length, 0));
  });
});
