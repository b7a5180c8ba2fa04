import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRunnerError } from '../../../src/errors/errors.js';
import { fixtureVariants, makeFixtureRepo, type FixtureRepo } from '../../helpers/fixture-repo.js';
import {
  coverageByHand,
  coverageOf,
  gitStatus,
  hitCounts,
  removeOutputDirs,
  runAdapter,
} from '../../helpers/runner-harness.js';
import type { ToolchainName } from '../../helpers/toolchains.js';

const VERSIONS: readonly (readonly [ToolchainName, string])[] = [
  ['jest30', '30.5.2'],
  ['jest29', '29.7.0'],
];

describe.each(VERSIONS)('jest adapter with %s', (toolchain, version) => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await makeFixtureRepo('jest-js', { toolchain });
  });
  afterAll(async () => {
    await repo.cleanup();
    await removeOutputDirs();
  });

  it('runs the tests related to a module and covers exactly the requested modules', async () => {
    const { pkg, result } = await runAdapter(
      repo.dir,
      '',
      { kind: 'related', modules: ['src/pricing.js'] },
      ['src/pricing.js', 'src/format.js'],
    );
    expect(pkg.frameworkVersion).toBe(version);
    expect(result.testFiles).toEqual(['__tests__/pricing.test.js']);
    expect(Object.keys(result.coverage).sort()).toEqual([join(repo.dir, 'src/format.js'), join(repo.dir, 'src/pricing.js')]);

    const format = hitCounts(coverageOf(result.coverage, join(repo.dir, 'src/format.js')));
    expect(format.statements.length).toBeGreaterThan(0);
    expect([...format.statements, ...format.functions, ...format.branches].every((hits) => hits === 0)).toBe(true);
    const pricing = hitCounts(coverageOf(result.coverage, join(repo.dir, 'src/pricing.js')));
    expect(pricing.statements.some((hits) => hits > 0)).toBe(true);
    expect(pricing.functions.some((hits) => hits === 0)).toBe(true); // bulkQuote is untested

    expect(result.cases.map((testCase) => [testCase.name, testCase.status])).toEqual([
      ['pricing > tierDiscount > no discount below ten units', 'passed'],
      ['pricing > tierDiscount > five percent from ten units', 'passed'],
      ['pricing > orderTotal applies the tier discount', 'passed'],
      ['pricing > orderTotal rounds half cents', 'skipped'],
    ]);
    expect(result.exec.exitCode).toBe(0);
    expect(await gitStatus(repo.dir)).toBe('');
  });

  it('runs exactly the requested test files', async () => {
    const { result } = await runAdapter(repo.dir, '', { kind: 'files', files: ['__tests__/reorder.test.js'] }, ['src/reorder.js']);
    expect(result.testFiles).toEqual(['__tests__/reorder.test.js']);
    expect(result.cases).toEqual([
      expect.objectContaining({
        file: '__tests__/reorder.test.js',
        name: 'plans orders for skus below their reorder point, soonest first',
        status: 'passed',
        failureMessage: null,
      }),
    ]);
    expect(Object.keys(result.coverage)).toEqual([join(repo.dir, 'src/reorder.js')]);
  });

  it('returns no cases but zero-hit coverage of the module when no test relates to it', async () => {
    // Jest skips coverage entirely when it runs no test; the adapter runs one unrelated test file to get it.
    const { result } = await runAdapter(repo.dir, '', { kind: 'related', modules: ['src/format.js'] }, ['src/format.js']);
    expect(result.testFiles).toEqual([]);
    expect(result.cases).toEqual([]);
    expect(result.exec.exitCode).toBe(0);
    const entries = Object.entries(result.coverage);
    expect(entries.map(([key]) => key.endsWith('/src/format.js'))).toEqual([true]);
    const data = entries[0]![1] as { s: Record<string, number> };
    expect(Object.keys(data.s).length).toBeGreaterThan(0);
    expect(Object.values(data.s).every((hits) => hits === 0)).toBe(true);
  });

  it('gives the same coverage as jest invoked by hand', async () => {
    const { pkg, result } = await runAdapter(repo.dir, '', { kind: 'files', files: ['__tests__/pricing.test.js'] }, ['src/pricing.js']);
    const byHand = await coverageByHand(repo.dir, (dir) => [
      pkg.runnerEntry as string,
      '__tests__/pricing.test.js',
      '--coverage',
      '--coverageReporters=json',
      `--coverageDirectory=${dir}`,
      '--collectCoverageFrom=src/pricing.js',
    ]);
    expect(byHand.code, byHand.stderr).toBe(0);
    const file = join(repo.dir, 'src/pricing.js');
    expect(coverageOf(result.coverage, file)).toEqual(coverageOf(byHand.coverage, file));
  });
});

describe.each(VERSIONS)('jest adapter on fixture variants with %s', (toolchain) => {
  const { variant, cleanup } = fixtureVariants('jest-js', toolchain);
  afterAll(async () => {
    await cleanup();
    await removeOutputDirs();
  });

  it('reports a failing case with its message, and still measures coverage', async () => {
    const repo = await variant('failing-test');
    const { result } = await runAdapter(repo.dir, '', { kind: 'files', files: ['__tests__/pricing-edge.test.js'] }, ['src/pricing.js']);
    expect(result.cases).toHaveLength(2);
    expect(result.cases[0]).toMatchObject({ name: 'pricing edge cases > small orders pay the minimum charge', status: 'passed', failureMessage: null });
    expect(result.cases[1]).toMatchObject({ name: 'pricing edge cases > bulk quotes list the cheapest unit price first', status: 'failed' });
    expect(result.cases[1]?.failureMessage).toMatch(/expect\(received\)\.toEqual\(expected\)/);
    expect(result.cases[1]?.failureMessage).not.toMatch(/\u001b\[/);
    expect(result.exec.exitCode).not.toBe(0);
    expect(Object.keys(result.coverage)).toEqual([join(repo.dir, 'src/pricing.js')]);
  });

  it('covers a module whose path holds glob characters', async () => {
    const repo = await variant('bracket-names');
    const { result } = await runAdapter(repo.dir, '', { kind: 'related', modules: ['src/(admin)/audit.js'] }, ['src/(admin)/audit.js']);
    expect(result.testFiles).toEqual(['__tests__/audit.test.js']);
    expect(Object.keys(result.coverage)).toEqual([join(repo.dir, 'src/(admin)/audit.js')]);
    expect(hitCounts(coverageOf(result.coverage, join(repo.dir, 'src/(admin)/audit.js'))).statements.some((hits) => hits > 0)).toBe(true);
  });

  it('turns a config that cannot load into a TestRunnerError quoting the cause', async () => {
    const repo = await variant('broken-config');
    const error = await runAdapter(repo.dir, '', { kind: 'related', modules: ['src/pricing.js'] }, ['src/pricing.js']).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TestRunnerError);
    expect((error as Error).message).toMatch(/^jest in the root package stopped \(exit code 1\) without writing test results: /);
    expect((error as Error).message).toContain('jest-environment-warehouse');
  });
});
