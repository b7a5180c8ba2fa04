// Jest 24 and 25 on fixtures shaped like the real repositories where no module used to be measured:
// - jest-mirrored (Jest 25, babel-jest with ES modules): `roots: ["test"]`, a mirrored test/ tree whose
//   tests import the barrel src/index.js, the changed module two files away in src/units/. Jest follows
//   imports only through files under its roots, so the whole src/ tree joins them for the run.
// - jest-config-dir (Jest 24): the config lives in test/jest.config.js, which only the package's
//   `test` script names (--config); without it Jest takes the test fixtures for tests and runs
//   without the setup file that defines the matchers the tests use.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureRepo, type FixtureRepo } from '../../helpers/fixture-repo.js';
import { coverageOf, gitStatus, hitCounts, removeOutputDirs, runAdapter } from '../../helpers/runner-harness.js';

afterAll(removeOutputDirs);

describe.each(['jest25'] as const)('jest adapter, roots limited to a mirrored test tree (%s)', (toolchain) => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await makeFixtureRepo('jest-mirrored', { toolchain });
  });
  afterAll(() => repo.cleanup());

  it('relates the tests that reach the module through the barrel and measures it', async () => {
    const { result } = await runAdapter(repo.dir, '', { kind: 'related', modules: ['src/units/length.js'] }, ['src/units/length.js']);
    expect([...result.testFiles].sort()).toEqual(['test/units/length.test.js', 'test/units/mass.test.js']);
    expect(result.cases.every((c) => c.status === 'passed')).toBe(true);
    const length = hitCounts(coverageOf(result.coverage, join(repo.dir, 'src/units/length.js')));
    expect(length.statements.some((hits) => hits > 0)).toBe(true);
    expect(length.functions).toContain(0); // compare(), added by the head, is not called by any test
    expect(await gitStatus(repo.dir)).toBe('');
  });
});

describe.each(['jest24', 'jest30'] as const)('jest adapter, config named only by the test script (%s)', (toolchain) => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await makeFixtureRepo('jest-config-dir', { toolchain, variants: ['unimported'] });
  });
  afterAll(() => repo.cleanup());

  it('runs with that config: the related tests pass and the new module re-exported by the barrel is measured', async () => {
    const module = 'src/factories/instance-per-container-caching-factory.js';
    const { pkg, result } = await runAdapter(repo.dir, '', { kind: 'related', modules: [module] }, [module]);
    expect(pkg.runnerConfig).toBe('test/jest.config.js');
    expect(result.testFiles).toEqual(['src/__tests__/container.test.js']);
    expect(result.cases.length).toBeGreaterThan(0);
    expect(result.cases.every((c) => c.status === 'passed')).toBe(true);
    const factory = hitCounts(coverageOf(result.coverage, join(repo.dir, module)));
    expect(factory.functions).toEqual([0, 0]);
  });

  it('reports a new module no test imports with zero hits', async () => {
    const module = 'src/factories/predicate-aware-factory.js';
    const { result } = await runAdapter(repo.dir, '', { kind: 'related', modules: [module] }, [module]);
    expect(result.testFiles).toEqual([]);
    const factory = hitCounts(coverageOf(result.coverage, join(repo.dir, module)));
    expect(factory.statements.length).toBeGreaterThan(0);
    expect(factory.statements.every((hits) => hits === 0)).toBe(true);
    expect(await gitStatus(repo.dir)).toBe('');
  });
});
