import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectPackage } from '../../../src/runners/detect.js';
import { jestArgs } from '../../../src/runners/jest-args.js';
import { adapterFor } from '../../../src/runners/registry.js';
import { exactNamePattern } from '../../../src/runners/test-name-pattern.js';
import type { PackageInfo } from '../../../src/runners/types.js';
import { vitestArgs } from '../../../src/runners/vitest-args.js';
import { createSandboxExecutor } from '../../../src/sandbox/executor.js';
import { makeFixtureRepo, type FixtureRepo } from '../../helpers/fixture-repo.js';
import { RUN_TIMEOUT_MS } from '../../helpers/runner-harness.js';
import type { ToolchainName } from '../../helpers/toolchains.js';

describe('exactNamePattern', () => {
  it('joins titles the way each runner builds the name it matches', () => {
    expect(exactNamePattern('a > b', { framework: 'vitest', frameworkVersion: '5.1.1' })).toBe('^a > b$');
    expect(exactNamePattern('a > b', { framework: 'vitest', frameworkVersion: '3.2.7' })).toBe('^ ?a b$');
    expect(exactNamePattern('a > b', { framework: 'vitest', frameworkVersion: null })).toBe('^ ?a(?: > | )b$');
    expect(exactNamePattern('a > b', { framework: 'jest', frameworkVersion: '30.0.0' })).toBe('^a b$');
  });

  it('escapes every regular-expression character', () => {
    const name = 'odd \\^$.*+?()[]{}| title';
    const pattern = exactNamePattern(name, { framework: 'vitest', frameworkVersion: '5.1.1' });
    expect(new RegExp(pattern).test(name)).toBe(true);
    expect(new RegExp(pattern).test(`x${name}`)).toBe(false);
    expect(new RegExp(pattern, 'u').test(name)).toBe(true);
  });
});

describe('testNamePattern arguments', () => {
  it('is one --testNamePattern=<source> argument, only when given', () => {
    const vitest = { version: '5.1.1', selection: { kind: 'files', files: ['/r/a.test.ts'] }, provider: 'v8', coverageInclude: [], coverageDir: '/o/c', resultsFile: '/o/r.json', exclude: [] } as const;
    expect(vitestArgs({ ...vitest, testNamePattern: '^-a b$' })).toContain('--testNamePattern=^-a b$');
    expect(vitestArgs(vitest).some((arg) => arg.startsWith('--testNamePattern'))).toBe(false);
    const jest = { selection: { kind: 'files', files: ['/r/a.test.js'] }, collectCoverageFrom: [], coverageDir: '/o/c', resultsFile: '/o/r.json', cacheDir: '/o/cache' } as const;
    const args = jestArgs({ ...jest, testNamePattern: '^a b$' });
    expect(args).toContain('--testNamePattern=^a b$');
    expect(args.indexOf('--testNamePattern=^a b$')).toBeLessThan(args.indexOf('--runTestsByPath'));
    expect(jestArgs(jest).some((arg) => arg.startsWith('--testNamePattern'))).toBe(false);
  });
});

const NAMES = ['outer > inner > deep (case) [1]', 'outer > top case', 'top case', 'a.b*c?', 'outer > Top case'];

const CASES: readonly (readonly [ToolchainName, string, string])[] = [
  ['vitest5', 'vitest-ts', 'test/names.test.ts'],
  ['vitest3', 'vitest-ts', 'test/names.test.ts'],
  ['vitest1', 'vitest-ts', 'test/names.test.ts'],
  ['jest30', 'jest-js', '__tests__/names.test.js'],
  ['jest29', 'jest-js', '__tests__/names.test.js'],
];

function namesTestFile(esm: boolean): string {
  const ok = "() => { expect(1).toBe(1); }";
  return [
    esm ? "import { describe, expect, it } from 'vitest';" : '',
    "describe('outer', () => {",
    `  describe('inner', () => { it('deep (case) [1]', ${ok}); });`,
    `  it('top case', ${ok});`,
    `  it('Top case', ${ok});`,
    '});',
    `it('top case', ${ok});`,
    `it('a.b*c?', ${ok});`,
    '',
  ].join('\n');
}

describe.each(CASES)('exact-name selection with %s', (toolchain, fixture, testFile) => {
  let repo: FixtureRepo;
  let pkg: PackageInfo;
  const outputDirs: string[] = [];
  beforeAll(async () => {
    repo = await makeFixtureRepo(fixture, { toolchain });
    await writeFile(join(repo.dir, testFile), namesTestFile(fixture === 'vitest-ts'));
    pkg = await detectPackage(repo.dir, '');
  });
  afterAll(async () => {
    await repo.cleanup();
    await Promise.all(outputDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it.each(NAMES)('runs exactly %s', async (name) => {
    const outputDir = await mkdtemp(join(tmpdir(), 'testmaster-tnp-'));
    outputDirs.push(outputDir);
    const result = await adapterFor(pkg.framework!).run(
      {
        checkoutDir: repo.dir,
        pkg,
        selection: { kind: 'files', files: [testFile] },
        coverageFor: [],
        outputDir,
        timeoutMs: RUN_TIMEOUT_MS,
        testNamePattern: exactNamePattern(name, { framework: pkg.framework!, frameworkVersion: pkg.frameworkVersion }),
      },
      createSandboxExecutor(),
    );
    const ran = result.cases.filter((testCase) => testCase.status === 'passed').map((testCase) => testCase.name);
    // Jest matches case-insensitively: 'outer > top case' also selects 'outer > Top case'.
    const expected = toolchain.startsWith('jest') && name.toLowerCase() === 'outer > top case' ? ['outer > top case', 'outer > Top case'] : [name];
    expect(ran.sort()).toEqual(expected.sort());
    expect(result.cases).toHaveLength(NAMES.length);
  });
});
