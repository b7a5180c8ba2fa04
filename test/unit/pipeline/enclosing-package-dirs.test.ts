import { describe, expect, it } from 'vitest';
import { enclosingPackageDirs } from '../../../src/pipeline/plan-modules.js';

describe('enclosingPackageDirs', () => {
  it('lists the packages around a member, nearest first, the root last', () => {
    const dirs = ['', 'packages', 'packages/ui', 'packages/ui/button', 'packages/uikit', 'apps/web'];
    expect(enclosingPackageDirs(dirs, 'packages/ui/button')).toEqual(['packages/ui', 'packages', '']);
  });

  it('does not take a sibling whose name starts the same for an enclosing package', () => {
    expect(enclosingPackageDirs(['', 'packages/ui', 'packages/uikit'], 'packages/uikit')).toEqual(['']);
  });

  it('adds the root even when it is not a listed package, and has nothing around the root', () => {
    expect(enclosingPackageDirs(['packages/a'], 'packages/a')).toEqual(['']);
    expect(enclosingPackageDirs(['', 'packages/a'], '')).toEqual([]);
  });
});
