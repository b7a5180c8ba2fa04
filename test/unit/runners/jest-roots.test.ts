// Jest with `roots` limited to the test directory: its file map holds no source file, so a module no
// test imports would get no coverage at all. The adapter adds the module's directory to the roots of
// the measuring run, and the module is reported with zero hits (0% covered), not missing.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootsCovering } from '../../../src/runners/jest-adapter.js';
import { makeFixtureRepo, type FixtureRepo } from '../../helpers/fixture-repo.js';
import { coverageOf, gitStatus, hitCounts, removeOutputDirs, runAdapter } from '../../helpers/runner-harness.js';

describe('jest adapter with roots limited to the test directory', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await makeFixtureRepo('jest-js', { toolchain: 'jest30', variants: ['roots'] });
  });
  afterAll(async () => {
    await repo.cleanup();
    await removeOutputDirs();
  });

  it('reports a module no test imports with zero hits, beside a tested one', async () => {
    const { result } = await runAdapter(repo.dir, '', { kind: 'related', modules: ['src/pricing.js', 'src/format.js'] }, ['src/pricing.js', 'src/format.js']);
    expect(result.testFiles).toEqual(['__tests__/pricing.test.js']);
    const format = hitCounts(coverageOf(result.coverage, join(repo.dir, 'src/format.js')));
    expect(format.statements.length).toBeGreaterThan(0);
    expect(format.statements.every((hits) => hits === 0)).toBe(true);
    expect(hitCounts(coverageOf(result.coverage, join(repo.dir, 'src/pricing.js'))).statements.some((hits) => hits > 0)).toBe(true);
    expect(await gitStatus(repo.dir)).toBe('');
  });

  it('reports a module with zero hits when no test relates to any requested module', async () => {
    const { result } = await runAdapter(repo.dir, '', { kind: 'related', modules: ['src/format.js'] }, ['src/format.js']);
    const format = hitCounts(coverageOf(result.coverage, join(repo.dir, 'src/format.js')));
    expect(format.statements.length).toBeGreaterThan(0);
    expect(format.statements.every((hits) => hits === 0)).toBe(true);
  });
});

describe('rootsCovering', () => {
  const project = { rootDir: '/repo', roots: ['/repo/__tests__'] };
  it('adds the directory of each module outside the roots, once', () => {
    expect(rootsCovering(['/repo/src/a.js', '/repo/src/b.js', '/repo/lib/c.js'], [project])).toEqual(['/repo/__tests__', '/repo/src', '/repo/lib']);
  });
  it('adds the top directory holding a nested module, so the files a test imports it through are mapped too', () => {
    // luxon: roots ["test"]; test/zones/IANA.test.js -> src/luxon.js -> ... -> src/zones/IANAZone.js
    const mirrored = { rootDir: '/repo', roots: ['/repo/test'] };
    expect(rootsCovering(['/repo/src/zones/IANAZone.js', '/repo/src/impl/util.js'], [mirrored])).toEqual(['/repo/test', '/repo/src']);
  });
  it('drops a root the added directory already holds, and maps the whole rootDir for a module directly in it', () => {
    expect(rootsCovering(['/repo/src/a.js'], [{ rootDir: '/repo', roots: ['/repo/src/__tests__'] }])).toEqual(['/repo/src']);
    expect(rootsCovering(['/repo/index.js'], [{ rootDir: '/repo', roots: ['/repo/test'] }])).toEqual(['/repo']);
  });
  it('changes nothing when every module is under a root, or with several projects', () => {
    expect(rootsCovering(['/repo/src/a.js'], [{ rootDir: '/repo', roots: ['/repo'] }])).toBeNull();
    expect(rootsCovering(['/repo/src/a.js'], [project, { rootDir: '/repo/other', roots: ['/repo/other'] }])).toBeNull();
  });
});
