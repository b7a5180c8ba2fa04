/**
 * End to end through the bundled CLI and the bundled action on the fixture projects (real git histories, real Vitest and
 * Jest). Expected figures are computed independently: the runner is run by hand with coverage on the
 * base and head checkouts, its own coverage-final.json is read with istanbul-lib-coverage, and the
 * changed lines come from `git diff`; the report must match exactly.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js';
import { changedLinesFromGit, coverageFinalPath, expectedFor, readCoverageFinal } from '../helpers/expected-figures.js';
import { toolchainModules, type ToolchainName } from '../helpers/toolchains.js';
import { runCli } from '../helpers/run-cli.js';
import { runAction } from '../helpers/run-action.js';
import { parseJsonReport } from '../../src/report/json-report.js';

interface Case {
  readonly fixture: string;
  readonly toolchain: ToolchainName;
  /** Package directories and the command (relative to node_modules) that runs all their tests with json coverage. */
  readonly packages: readonly { dir: string; runner: 'vitest' | 'jest' }[];
  readonly modules: readonly string[];
}

const CASES: readonly Case[] = [
  { fixture: 'vitest-ts', toolchain: 'vitest5', packages: [{ dir: '', runner: 'vitest' }], modules: ['src/cart.ts', 'src/money.ts'] },
  { fixture: 'jest-js', toolchain: 'jest30', packages: [{ dir: '', runner: 'jest' }], modules: ['src/pricing.js', 'src/reorder.js'] },
  {
    fixture: 'monorepo-npm',
    toolchain: 'workspaces',
    packages: [
      { dir: 'packages/core', runner: 'vitest' },
      { dir: 'packages/utils', runner: 'jest' },
    ],
    modules: ['packages/core/src/retry.ts', 'packages/utils/src/strings.js'],
  },
];

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** Runs the package's whole test suite by hand with json coverage of the given modules; returns coverage-final.json's path. */
function coverageByHand(checkout: string, pkgDir: string, runner: 'vitest' | 'jest', modules: readonly string[]): string {
  const cwd = join(checkout, pkgDir);
  const local = modules.map((m) => (pkgDir ? m.slice(pkgDir.length + 1) : m));
  const bin = join(checkout, 'node_modules', runner === 'vitest' ? 'vitest/vitest.mjs' : 'jest/bin/jest.js');
  const args =
    runner === 'vitest'
      ? ['run', '--coverage.enabled', '--coverage.reporter=json', ...local.map((m) => `--coverage.include=${m}`)]
      : ['--ci', '--coverage', '--coverageReporters=json', ...local.map((m) => `--collectCoverageFrom=${m}`)];
  execFileSync(process.execPath, [bin, ...args], { cwd, stdio: 'ignore' });
  return coverageFinalPath(cwd);
}

describe.each(CASES)('testmaster run on $fixture', (testCase) => {
  it('reports exactly the figures the runner itself gives for base and head, from the CLI and from the action', async () => {
    const repo: FixtureRepo = await makeFixtureRepo(testCase.fixture, { toolchain: testCase.toolchain });
    cleanups.push(repo.cleanup);
    const out = mkdtempSync(join(tmpdir(), 'testmaster-e2e-'));
    cleanups.push(() => rmSync(out, { recursive: true, force: true }));
    const before = execFileSync('git', ['status', '--porcelain'], { cwd: repo.dir }).toString();

    const run = runCli(['run', '--repo', repo.dir, '--base', repo.base, '--provider', 'none', '--report-json', join(out, 'r.json'), '--report-md', join(out, 'r.md')]);
    expect(run.stderr).not.toMatch(/^testmaster: /m);
    expect(run.status).toBe(0);
    const report = parseJsonReport(readFileSync(join(out, 'r.json'), 'utf8'));
    const action = runAction(repo, { inputs: { provider: 'none' } });
    cleanups.push(action.cleanup);
    expect(action.status, action.stdout).toBe(0);
    const actionReport = parseJsonReport(readFileSync(action.outputs['report-json']!, 'utf8'));

    // The user's checkout is as it was.
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: repo.dir }).toString()).toBe(before);

    // Independent figures: head from the checkout, base from a separate clone at the base commit.
    const changed = changedLinesFromGit(repo.dir, repo.base, repo.head);
    const baseClone = join(out, 'base');
    execFileSync('git', ['clone', '--quiet', repo.dir, baseClone]);
    execFileSync('git', ['checkout', '--quiet', repo.base], { cwd: baseClone });
    symlinkSync(toolchainModules(testCase.toolchain), join(baseClone, 'node_modules'), 'dir');

    expect(report.head).toBe(repo.head);
    expect(report.base).toBe(repo.base);
    expect(report.files.map((f) => f.path).sort()).toEqual([...testCase.modules].sort());
    for (const pkg of testCase.packages) {
      const mods = testCase.modules.filter((m) => (pkg.dir ? m.startsWith(`${pkg.dir}/`) : true));
      const head = readCoverageFinal(coverageByHand(repo.dir, pkg.dir, pkg.runner, mods), repo.dir);
      const base = readCoverageFinal(coverageByHand(baseClone, pkg.dir, pkg.runner, mods), baseClone);
      for (const module of mods) {
        const file = report.files.find((f) => f.path === module)!;
        const expected = expectedFor(head.get(module)!, changed.get(module) ?? []);
        expect(file.status).toBe('measured');
        expect(file.changedLines).toEqual(changed.get(module));
        expect(file.head).toEqual({
          lines: expected.lines,
          statements: expected.statements,
          functions: expected.functions,
          branches: expected.branches,
          patch: expect.objectContaining(expected.patch),
        });
        const baseExpected = expectedFor(base.get(module)!, []);
        expect(file.base).toEqual({
          lines: baseExpected.lines,
          statements: baseExpected.statements,
          functions: baseExpected.functions,
          branches: baseExpected.branches,
        });
      }
    }
    // The action measured exactly what the CLI measured.
    expect(actionReport.files).toEqual(report.files);
    expect(actionReport.patch).toEqual(report.patch);

    // Totals and the markdown headline agree with the per-file figures.
    const total = report.files.reduce((sum, f) => sum + (f.head?.patch.total ?? 0), 0);
    expect(report.patch.total).toBe(total);
    const markdown = readFileSync(join(out, 'r.md'), 'utf8');
    expect(markdown).toContain(`${report.patch.total}`);
    for (const module of testCase.modules) expect(markdown).toContain(module);
  });
});
