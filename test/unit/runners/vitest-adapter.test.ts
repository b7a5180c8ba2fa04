import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRunnerError } from '../../../src/errors/errors.js';
import { FILE_LEVEL_CASE_NAME } from '../../../src/runners/jest-style-results.js';
import { fixtureVariants, makeFixtureRepo, type FixtureRepo } from '../../helpers/fixture-repo.js';
import {
  coverageByHand,
  coverageOf,
  gitStatus,
  hitCounts,
  removeOutputDirs,
  runAdapter,
} from '../../helpers/runner-harness.js';
import { toolchainModules, type ToolchainName } from '../../helpers/toolchains.js';

const VERSIONS: readonly (readonly [ToolchainName, string])[] = [
  ['vitest5', '5.1.1'],
  ['vitest3', '3.2.7'],
  ['vitest1', '1.6.1'],
];

describe.each(VERSIONS)('vitest adapter with %s', (toolchain, version) => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await makeFixtureRepo('vitest-ts', { toolchain });
  });
  afterAll(async () => {
    await repo.cleanup();
    await removeOutputDirs();
  });

  it('runs the tests related to a module and covers exactly the requested modules', async () => {
    const { pkg, result } = await runAdapter(
      repo.dir,
      '',
      { kind: 'related', modules: ['src/money.ts'] },
      ['src/money.ts', 'src/labels.ts'],
    );
    expect(pkg.frameworkVersion).toBe(version);
    // cart.ts imports money.ts, so its test is related too; rates.test.ts is not.
    expect([...result.testFiles].sort()).toEqual(['test/cart.test.ts', 'test/money.test.ts']);
    expect(Object.keys(result.coverage).sort()).toEqual([join(repo.dir, 'src/labels.ts'), join(repo.dir, 'src/money.ts')]);

    const labels = hitCounts(coverageOf(result.coverage, join(repo.dir, 'src/labels.ts')));
    expect(labels.statements.length).toBeGreaterThan(0);
    expect(labels.statements.every((hits) => hits === 0)).toBe(true);
    expect(labels.functions.every((hits) => hits === 0)).toBe(true);
    expect(labels.branches.every((hits) => hits === 0)).toBe(true);
    const money = hitCounts(coverageOf(result.coverage, join(repo.dir, 'src/money.ts')));
    expect(money.statements.some((hits) => hits > 0)).toBe(true);
    expect(money.statements.some((hits) => hits === 0)).toBe(true); // splitEvenly is untested

    expect(result.cases).toContainEqual(
      expect.objectContaining({ file: 'test/money.test.ts', name: 'formatPrice > formats dollars and cents', status: 'passed', failureMessage: null }),
    );
    expect(result.cases).toContainEqual(
      expect.objectContaining({ file: 'test/cart.test.ts', name: 'Cart > rejects a zero quantity', status: 'skipped' }),
    );
    expect(result.cases.filter((testCase) => testCase.file === 'test/money.test.ts')).toHaveLength(5);
    expect(result.exec.exitCode).toBe(0);
    expect(await gitStatus(repo.dir)).toBe('');
  });

  it('runs exactly the requested test files', async () => {
    const { result } = await runAdapter(repo.dir, '', { kind: 'files', files: ['test/rates.test.ts'] }, ['src/rates.ts']);
    expect(result.testFiles).toEqual(['test/rates.test.ts']);
    expect(result.cases.map((testCase) => testCase.name)).toEqual([
      'RateConverter > asks the source once per pair',
      'RateConverter > converts amounts',
    ]);
    expect(Object.keys(result.coverage)).toEqual([join(repo.dir, 'src/rates.ts')]);
  });

  it('lists a module no test loads with zero hits, and collects no coverage when none is asked for', async () => {
    const untested = await runAdapter(repo.dir, '', { kind: 'related', modules: ['src/labels.ts'] }, ['src/labels.ts']);
    expect(untested.result.testFiles).toEqual([]);
    expect(untested.result.cases).toEqual([]);
    const labels = hitCounts(coverageOf(untested.result.coverage, join(repo.dir, 'src/labels.ts')));
    expect(labels.statements.length).toBeGreaterThan(0);
    expect(labels.statements.every((hits) => hits === 0)).toBe(true);

    const { result } = await runAdapter(repo.dir, '', { kind: 'files', files: ['test/cart.test.ts'] }, []);
    expect(result.testFiles).toEqual(['test/cart.test.ts']);
    expect(result.coverage).toEqual({});
  });

  it('gives the same coverage as vitest invoked by hand', async () => {
    const { pkg, result } = await runAdapter(repo.dir, '', { kind: 'files', files: ['test/money.test.ts'] }, ['src/money.ts']);
    const byHand = await coverageByHand(repo.dir, (dir) => [
      pkg.runnerEntry as string,
      'run',
      'test/money.test.ts',
      '--coverage.enabled',
      '--coverage.reporter=json',
      `--coverage.reportsDirectory=${dir}`,
      '--coverage.include=src/money.ts',
    ]);
    expect(byHand.code, byHand.stderr).toBe(0);
    const file = join(repo.dir, 'src/money.ts');
    expect(coverageOf(result.coverage, file)).toEqual(coverageOf(byHand.coverage, file));
  });
});

describe.each(VERSIONS)('vitest adapter on fixture variants with %s', (toolchain) => {
  const { variant, cleanup } = fixtureVariants('vitest-ts', toolchain);
  afterAll(async () => {
    await cleanup();
    await removeOutputDirs();
  });

  it('reports a failing case with its message, and still measures coverage', async () => {
    const repo = await variant('failing-test');
    const { result } = await runAdapter(repo.dir, '', { kind: 'files', files: ['test/money-edge.test.ts'] }, ['src/money.ts']);
    expect(result.cases).toHaveLength(2);
    expect(result.cases[0]).toMatchObject({ name: 'formatPrice edge cases > groups thousands', status: 'passed', failureMessage: null });
    expect(result.cases[1]).toMatchObject({ name: 'formatPrice edge cases > formats yen without a fraction', status: 'failed' });
    expect(result.cases[1]?.failureMessage).toContain('¥15.00');
    expect(result.exec.exitCode).not.toBe(0);
    expect(Object.keys(result.coverage)).toEqual([join(repo.dir, 'src/money.ts')]);
  });

  it('leaves out a test file whose path merely contains the requested one', async () => {
    const repo = await variant('lookalike-tests');
    const { result, outputDir } = await runAdapter(repo.dir, '', { kind: 'files', files: ['test/money.test.ts'] }, ['src/money.ts']);
    // Vitest's substring filter picked smoke-test/money.test.ts too: the adapter reran without it.
    const first = JSON.parse(await readFile(join(outputDir, 'vitest-results.json'), 'utf8')) as { testResults: { name: string }[] };
    expect(first.testResults.map((file) => file.name).sort()).toEqual([
      join(repo.dir, 'smoke-test/money.test.ts'),
      join(repo.dir, 'test/money.test.ts'),
    ]);
    expect(result.testFiles).toEqual(['test/money.test.ts']);
    expect(result.cases.every((testCase) => testCase.file === 'test/money.test.ts')).toBe(true);
  });

  it('reports a test file that fails to load as one failed file-level case', async () => {
    const repo = await variant('broken-test-file');
    const { result } = await runAdapter(repo.dir, '', { kind: 'files', files: ['test/discounts.test.ts'] }, ['src/money.ts']);
    expect(result.testFiles).toEqual(['test/discounts.test.ts']);
    expect(result.cases).toHaveLength(1);
    expect(result.cases[0]).toMatchObject({ file: 'test/discounts.test.ts', name: FILE_LEVEL_CASE_NAME, status: 'failed' });
    expect(result.cases[0]?.failureMessage).toContain('discounts');
  });

  it('covers modules whose names hold glob characters, and only them', async () => {
    const repo = await variant('bracket-names');
    const { result } = await runAdapter(repo.dir, '', { kind: 'related', modules: ['src/routes/[slug].ts'] }, ['src/routes/[slug].ts']);
    expect(result.testFiles).toEqual(['test/routes.test.ts']);
    // '[slug].ts' read as a glob would match 's.ts', 'l.ts'...; '[...rest].ts' must stay out too.
    expect(Object.keys(result.coverage)).toEqual([join(repo.dir, 'src/routes/[slug].ts')]);
    const slug = hitCounts(coverageOf(result.coverage, join(repo.dir, 'src/routes/[slug].ts')));
    expect(slug.statements.some((hits) => hits > 0)).toBe(true);
  });

  it('never lets the config rewrite itself (coverage.thresholds.autoUpdate)', async () => {
    const repo = await variant('autoupdate-thresholds');
    const { result } = await runAdapter(repo.dir, '', { kind: 'files', files: ['test/money.test.ts'] }, ['src/money.ts']);
    expect(result.cases.length).toBeGreaterThan(0);
    expect(await gitStatus(repo.dir)).toBe('');
  });

  it('turns a config that cannot load into a TestRunnerError quoting the cause', async () => {
    const repo = await variant('broken-config');
    const error = await runAdapter(repo.dir, '', { kind: 'related', modules: ['src/money.ts'] }, ['src/money.ts']).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TestRunnerError);
    expect((error as Error).message).toMatch(/^vitest in the root package stopped \(exit code 1\) without writing test results: /);
    expect((error as Error).message).toContain('vite-plugin-coverage-badge');
  });
});

describe('vitest adapter without a coverage provider', () => {
  afterAll(removeOutputDirs);

  it('names the package to install', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'testmaster-no-provider-'));
    try {
      await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bare', devDependencies: { vitest: '^3.2.0' } }));
      await mkdir(join(dir, 'node_modules'));
      await symlink(join(toolchainModules('vitest3'), 'vitest'), join(dir, 'node_modules', 'vitest'), 'dir');
      const error = await runAdapter(dir, '', { kind: 'related', modules: ['src/a.ts'] }, ['src/a.ts']).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TestRunnerError);
      expect((error as Error).message).toBe(
        'measuring coverage with vitest needs a coverage provider, and neither @vitest/coverage-v8 nor @vitest/coverage-istanbul is installed for the root package: add @vitest/coverage-v8@3.2.7 to its devDependencies and install',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
