import { describe, expect, it } from 'vitest';
import { assignTestPaths, chooseTestPath } from '../../../../src/generation/module/choose-test-path.js';
import { inferTestLayout } from '../../../../src/generation/module/test-layout.js';
import { runnerCollects, vitestRules } from '../../../../src/runners/test-includes.js';

const DEFAULT = '{dir}/{name}.testmaster.test{ext}';
const place = (module: string, repoFiles: readonly string[], collects?: (path: string) => boolean): string =>
  chooseTestPath(module, collects ? { repoFiles, collects } : { repoFiles }, DEFAULT);

describe('chooseTestPath: the module own test wins', () => {
  it('goes beside the module own test, wherever it is', () => {
    expect(place('src/money.ts', ['src/money.ts', 'test/money.test.ts'])).toBe('test/money.testmaster.test.ts');
    expect(place('src/reorder.js', ['src/reorder.js', '__tests__/reorder.test.js'])).toBe('__tests__/reorder.testmaster.test.js');
    expect(place('src/util/x.ts', ['src/util/x.ts', 'src/util/__tests__/x.ts'])).toBe('src/util/__tests__/x.testmaster.test.ts');
    expect(place('src/util/x.ts', ['src/util/x.ts', 'test/util/x.test.ts'])).toBe('test/util/x.testmaster.test.ts');
  });
  it('keeps the .spec suffix of the module own test, against the majority', () => {
    const files = ['src/app.service.ts', 'src/app.service.spec.ts', 'src/a.ts', 'src/a.test.ts', 'src/b.ts', 'src/b.test.ts'];
    expect(place('src/app.service.ts', files)).toBe('src/app.service.testmaster.spec.ts');
  });
  it('ignores tests TestMaster proposed', () => {
    expect(place('src/money.ts', ['src/money.ts', 'test/money.testmaster.test.ts'])).toBe('src/money.testmaster.test.ts');
  });
});

describe('chooseTestPath: the repository convention for a module with no test of its own', () => {
  // A barrel re-exports src/util/x.ts; the only test reaching x is the compat/array one, through the barrel.
  const barrelImporter = ['src/index.ts', 'src/compat/array/chunk.ts', 'src/compat/array/chunk.spec.ts'];
  it('sibling: beside the module, never beside a test that imports it through a barrel', () => {
    const files = [...barrelImporter, 'src/util/x.ts', 'src/util/y.ts', 'src/util/y.spec.ts'];
    expect(place('src/util/x.ts', files)).toBe('src/util/x.testmaster.spec.ts');
  });
  it('__tests__ beside the module', () => {
    const files = ['src/util/x.ts', 'src/util/y.ts', 'src/util/__tests__/y.test.ts', 'src/a/z.ts', 'src/a/__tests__/z.test.ts'];
    expect(place('src/util/x.ts', files)).toBe('src/util/__tests__/x.testmaster.test.ts');
    expect(place('src/b/w.ts', files)).toBe('src/b/__tests__/w.testmaster.test.ts');
  });
  it('a mirrored test/ tree', () => {
    const files = ['src/util/x.ts', 'src/util/y.ts', 'test/util/y.test.ts', 'src/a/z.ts', 'test/a/z.test.ts', 'src/index.ts', 'test/index.test.ts'];
    expect(place('src/util/x.ts', files)).toBe('test/util/x.testmaster.test.ts');
    expect(place('src/new/deep/w.ts', files)).toBe('test/new/deep/w.testmaster.test.ts');
  });
  it('a flat tests/ directory', () => {
    const files = ['src/util/x.ts', 'src/util/y.ts', 'tests/y.test.ts', 'src/a/z.ts', 'tests/z.test.ts'];
    expect(place('src/util/x.ts', files)).toBe('tests/x.testmaster.test.ts');
    expect(place('src/b/w.ts', files)).toBe('tests/w.testmaster.test.ts');
  });
  it('a tests/ tree named by module and topic (<module>.<topic>.test.js)', () => {
    const files = ['index.js', 'lib/cmd.js', 'lib/opt.js', 'lib/arg.js', 'tests/cmd.action.test.js', 'tests/cmd.alias.test.js', 'tests/arg.variadic.test.js'];
    expect(place('lib/opt.js', files)).toBe('tests/opt.testmaster.test.js');
  });
  it('a dotted test name still pairs whole when a source carries the whole name', () => {
    const files = ['src/app.service.ts', 'src/app.ts', 'test/app.service.test.ts', 'src/x.ts'];
    expect(inferTestLayout('src/x.ts', files).dirs[0]).toBe('test');
    expect(place('src/app.service.ts', files)).toBe('test/app.service.testmaster.test.ts');
  });
  it('the majority wins when the repository mixes conventions', () => {
    const files = ['src/a.ts', 'src/a.test.ts', 'src/b.ts', 'test/b.test.ts', 'src/c.ts', 'test/c.test.ts', 'src/x.ts'];
    expect(place('src/x.ts', files)).toBe('test/x.testmaster.test.ts');
  });
  it('beside the module when the repository has no test to learn from', () => {
    expect(place('src/money.ts', ['src/money.ts'])).toBe('src/money.testmaster.test.ts');
  });
  it('a TypeScript test for a JavaScript module only when the repository writes them so, never across families', () => {
    const files = ['src/a.js', 'src/a.test.js', 'src/b.ts', 'src/b.test.ts', 'src/x.mjs'];
    expect(place('src/x.mjs', files)).toBe('src/x.testmaster.test.mjs');
  });
});

describe('chooseTestPath: the runner include globs', () => {
  it('falls back to the next convention when the first is not collected', () => {
    // Most tests sit beside their modules, but the runner only collects test/**: the mirrored tree is used.
    const files = ['src/a.ts', 'src/a.test.ts', 'src/b.ts', 'src/b.test.ts', 'src/c.ts', 'test/c.test.ts', 'src/x.ts'];
    const rules = vitestRules(`export default defineConfig({ test: { include: ['test/**/*.test.ts'] } });`)!;
    expect(place('src/x.ts', files, (p) => runnerCollects(rules, p))).toBe('test/x.testmaster.test.ts');
  });
  it('takes the other suffix when only it is collected', () => {
    const rules = vitestRules(`export default { test: { include: ['src/**/*.spec.ts'] } }`)!;
    expect(place('src/x.ts', ['src/x.ts'], (p) => runnerCollects(rules, p))).toBe('src/x.testmaster.spec.ts');
  });
});

describe('chooseTestPath: a configured pattern', () => {
  it('is always followed', () => {
    expect(chooseTestPath('src/money.ts', { repoFiles: ['src/money.ts', 'test/money.test.ts'] }, 'generated/{dir}/{name}.test{ext}')).toBe('generated/src/money.test.ts');
  });
});

describe('inferTestLayout', () => {
  it('says how the first directory was chosen', () => {
    expect(inferTestLayout('src/x.ts', ['src/x.ts', 'src/x.test.ts']).basis).toBe('own test');
    expect(inferTestLayout('src/x.ts', ['src/x.ts', 'src/y.ts', 'test/y.test.ts']).basis).toBe('convention');
    expect(inferTestLayout('src/x.ts', ['src/x.ts']).basis).toBe('default');
  });
});

describe('assignTestPaths', () => {
  it('never gives two modules one path, and numbers a path where a file already exists', () => {
    const repoFiles = ['src/index.ts', 'src/cli/index.ts', 'src/money.ts', 'test/index.test.ts', 'test/money.test.ts'];
    const paths = assignTestPaths(
      [
        { modulePath: 'src/index.ts', repoFiles },
        { modulePath: 'src/cli/index.ts', repoFiles },
        { modulePath: 'src/money.ts', repoFiles },
      ],
      DEFAULT,
      (repoPath) => repoPath === 'test/money.testmaster.test.ts',
    );
    expect(Object.fromEntries(paths)).toEqual({
      'src/index.ts': 'test/index.testmaster.test.ts',
      'src/cli/index.ts': 'src/cli/index.testmaster.test.ts',
      'src/money.ts': 'test/money.testmaster-2.test.ts',
    });
  });

  it('numbers the path in the shared directory when the runner would not collect a test beside the module', () => {
    const repoFiles = ['src/a/index.ts', 'src/b/index.ts', 'src/x/c.ts', 'tests/c.test.ts', 'src/y/d.ts', 'tests/d.test.ts'];
    const collects = (repoPath: string): boolean => repoPath.startsWith('tests/');
    const paths = assignTestPaths([{ modulePath: 'src/a/index.ts', repoFiles, collects }, { modulePath: 'src/b/index.ts', repoFiles, collects }], DEFAULT, () => false);
    expect(Object.fromEntries(paths)).toEqual({ 'src/a/index.ts': 'tests/index.testmaster.test.ts', 'src/b/index.ts': 'tests/index.testmaster-2.test.ts' });
  });
});
