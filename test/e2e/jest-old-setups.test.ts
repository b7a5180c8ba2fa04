/**
 * Jest setups of older real repositories, through the bundled CLI with the zero-token generator:
 * - jest-mirrored (Jest 25, babel-jest): `roots: ["test"]`, tests in a mirrored test/ tree reaching the
 *   changed src/units/length.js through the barrel src/index.js (luxon's shape);
 * - jest-config-dir (Jest 24): the config only the `test` script names (`jest --config
 *   test/jest.config.js`), a new factory re-exported by a barrel (tsyringe's). The module no file
 *   imports (variant `unimported`) is measured at 0% in test/unit/runners/jest-old-versions.test.ts.
 * Every changed module is measured, on both sides where it existed at the base.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/report/types.js';
import { makeFixtureRepo, type FixtureRepoOptions } from '../helpers/fixture-repo.js';
import { runZeroToken } from '../helpers/zero-token-run.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function runOn(fixture: string, options: FixtureRepoOptions): Promise<RunReport> {
  const repo = await makeFixtureRepo(fixture, options);
  cleanups.push(repo.cleanup);
  return (await runZeroToken(repo)).report;
}

describe('older Jest setups', () => {
  it('measures a module the tests reach through a barrel when roots hold only the test tree (Jest 25, babel-jest)', async () => {
    const report = await runOn('jest-mirrored', { toolchain: 'jest25' });
    const length = report.files.find((entry) => entry.path === 'src/units/length.js');
    expect(length?.status, length?.reason ?? '').toBe('measured');
    expect(length?.relatedTests).toContain('test/units/length.test.js');
    expect(length?.base?.lines.covered).toBeGreaterThan(0);
    // parse's changed lines are covered by the existing tests; compare(), added, is not.
    expect(length?.head?.patch.covered).toBeGreaterThan(0);
    expect(length?.head?.patch.covered).toBeLessThan(length?.head?.patch.total ?? 0);
  }, 600_000);

  it('measures a new module with the config only the test script names (Jest 24)', async () => {
    const report = await runOn('jest-config-dir', { toolchain: 'jest24' });
    const reexported = report.files.find((entry) => entry.path === 'src/factories/instance-per-container-caching-factory.js');
    expect(reexported?.status, reexported?.reason ?? '').toBe('measured');
    // The tests that reach it through src/index.js ran with the config's setup file: none failed.
    expect(reexported?.reason ?? '').not.toMatch(/failed/);
    expect(reexported?.relatedTests).toEqual(['src/__tests__/container.test.js']);
    expect(reexported?.head?.lines.total).toBeGreaterThan(0);
    // The config's coveragePathIgnorePatterns leave index.js out of coverage: the report says where to look.
    const barrel = report.files.find((entry) => entry.path === 'src/factories/index.js');
    expect(barrel?.reason).toMatch(/coveragePathIgnorePatterns/);
  }, 600_000);
});
