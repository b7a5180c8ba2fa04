import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRunnerError } from '../../../src/errors/errors.js';
import { detectPackage } from '../../../src/runners/detect.js';
import { makeFixtureRepo, type FixtureRepo } from '../../helpers/fixture-repo.js';
import { coverageOf, gitStatus, hitCounts, removeOutputDirs, runAdapter } from '../../helpers/runner-harness.js';

describe('an npm workspaces monorepo with a vitest package and a jest package', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await makeFixtureRepo('monorepo-npm', { toolchain: 'workspaces' });
  });
  afterAll(async () => {
    await repo.cleanup();
    await removeOutputDirs();
  });

  it('detects each package on its own, with the runners installed at the root', async () => {
    const core = await detectPackage(repo.dir, 'packages/core');
    expect(core).toEqual({
      relDir: 'packages/core',
      name: '@acme/core',
      framework: 'vitest',
      frameworkVersion: '5.1.1',
      runnerEntry: join(repo.dir, 'node_modules/vitest/vitest.mjs'),
      packageManager: 'npm',
      moduleType: 'module',
    });
    const utils = await detectPackage(repo.dir, 'packages/utils');
    expect(utils).toMatchObject({ framework: 'jest', frameworkVersion: '30.5.2', moduleType: 'commonjs', packageManager: 'npm' });
    expect(utils.runnerEntry).toBe(join(repo.dir, 'node_modules/jest/bin/jest.js'));

    const root = await detectPackage(repo.dir, '');
    expect(root).toMatchObject({ name: 'acme-platform', framework: null, frameworkVersion: null, runnerEntry: null });
  });

  it('runs the vitest package from its own directory', async () => {
    const { result } = await runAdapter(
      repo.dir,
      'packages/core',
      { kind: 'related', modules: ['packages/core/src/retry.ts'] },
      ['packages/core/src/retry.ts', 'packages/core/src/events.ts'],
    );
    expect(result.testFiles).toEqual(['packages/core/src/retry.test.ts']);
    expect(result.cases.map((testCase) => [testCase.file, testCase.name, testCase.status])).toEqual([
      ['packages/core/src/retry.test.ts', 'retry > returns the first success', 'passed'],
      ['packages/core/src/retry.test.ts', 'retry > rethrows the last error', 'passed'],
    ]);
    expect(Object.keys(result.coverage).sort()).toEqual([
      join(repo.dir, 'packages/core/src/events.ts'),
      join(repo.dir, 'packages/core/src/retry.ts'),
    ]);
    const events = hitCounts(coverageOf(result.coverage, join(repo.dir, 'packages/core/src/events.ts')));
    expect(events.statements.every((hits) => hits === 0)).toBe(true);
  });

  it('runs the jest package from its own directory', async () => {
    const { result } = await runAdapter(
      repo.dir,
      'packages/utils',
      { kind: 'related', modules: ['packages/utils/src/strings.js'] },
      ['packages/utils/src/strings.js'],
    );
    expect(result.testFiles).toEqual(['packages/utils/test/strings.test.js']);
    expect(result.cases.map((testCase) => testCase.name)).toEqual([
      'slugify > lower-cases and joins words with dashes',
      'slugify > drops accents',
      'truncate keeps short text',
    ]);
    expect(Object.keys(result.coverage)).toEqual([join(repo.dir, 'packages/utils/src/strings.js')]);
    const strings = hitCounts(coverageOf(result.coverage, join(repo.dir, 'packages/utils/src/strings.js')));
    expect(strings.functions.some((hits) => hits === 0)).toBe(true); // titleCase is untested
    expect(await gitStatus(repo.dir)).toBe('');
  });

  it('refuses to measure a module of another package with vitest', async () => {
    const error = await runAdapter(
      repo.dir,
      'packages/core',
      { kind: 'related', modules: ['packages/core/src/retry.ts'] },
      ['packages/utils/src/strings.js'],
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TestRunnerError);
    expect((error as Error).message).toBe(
      'packages/utils/src/strings.js is not inside packages/core: measure each module with the package that contains it',
    );
  });
});
