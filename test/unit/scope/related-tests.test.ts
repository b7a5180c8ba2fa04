import { describe, expect, it } from 'vitest';
import { findRelatedTests } from '../../../src/scope/related-tests.js';

const repoFiles = [
  'src/util/math.ts',
  'src/util/math.test.ts',
  'src/util/math.spec.js',
  'src/util/__tests__/math.ts',
  'src/util/__tests__/math.test.tsx',
  'src/util/other.test.ts',
  'src/util/math.d.ts',
  'src/util/math.test.snap',
  'test/util/math.test.ts',
  'test/unit/util/math.test.ts',
  'test/math.test.mjs',
  'test/math.js',
  'test/other/math.test.ts',
  'test/helpers/math.ts',
  'tests/integration/math.spec.ts',
  'src/lib/math.test.ts',
  'src/widgets/index.ts',
  'src/widgets/index.test.ts',
  'src/widgets.test.ts',
  'src/__tests__/widgets.test.ts',
  'packages/core/src/parse.ts',
  'packages/core/test/parse.test.ts',
  'packages/other/test/parse.test.ts',
  'docs/math.test.ts',
];

describe('findRelatedTests', () => {
  it('finds conventional tests of a module, closest first', () => {
    expect(findRelatedTests('src/util/math.ts', repoFiles)).toEqual([
      'src/util/math.spec.js',
      'src/util/math.test.ts',
      'src/util/__tests__/math.test.tsx',
      'src/util/__tests__/math.ts',
      'test/unit/util/math.test.ts',
      'test/util/math.test.ts',
      'test/math.js',
      'test/math.test.mjs',
      'tests/integration/math.spec.ts',
    ]);
  });

  it('does not take tests of another module with the same name', () => {
    const found = findRelatedTests('src/util/math.ts', repoFiles);
    for (const unrelated of ['src/lib/math.test.ts', 'test/other/math.test.ts', 'test/helpers/math.ts', 'docs/math.test.ts', 'src/util/other.test.ts']) {
      expect(found).not.toContain(unrelated);
    }
  });

  it('treats dir/index.ts as also named after its directory', () => {
    expect(findRelatedTests('src/widgets/index.ts', repoFiles)).toEqual(['src/widgets/index.test.ts', 'src/widgets.test.ts', 'src/__tests__/widgets.test.ts']);
  });

  it('stays within the package in a monorepo', () => {
    expect(findRelatedTests('packages/core/src/parse.ts', repoFiles)).toEqual(['packages/core/test/parse.test.ts']);
  });

  it('returns nothing for non-sources or modules without tests', () => {
    expect(findRelatedTests('README.md', repoFiles)).toEqual([]);
    expect(findRelatedTests('src/util/lonely.ts', repoFiles)).toEqual([]);
  });
});
