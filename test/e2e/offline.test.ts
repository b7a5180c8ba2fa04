/**
 * The zero-token generator end to end through the bundled CLI, with no model key: the bundled example
 * (what `npm run demo` runs), the vitest-ts fixture with its offline-edge variant (time and randomness,
 * a function that never returns, import side effects, classes, async code) and the CommonJS jest-js
 * fixture. Each proposed file is written into the checkout and run by hand with the project's own
 * runner, five times; the report's "with the proposed tests" figures are checked against the runner's
 * own coverage-final.json.
 *
 * The bundled example runs with the defaults; the other two look at nothing of the base and do not
 * measure it, and the call that never returns is cut off at the shortest probe-run limit (10 s, from a
 * 40 s time budget): it spins a core for as long as its probe run lasts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJsonReport } from '../../src/report/json-report.js';
import type { RunReport } from '../../src/report/types.js';
import { makeExampleRepo } from '../../scripts/make-example-repo.mjs';
import { changedLinesFromGit, expectedFor, readCoverageFinal } from '../helpers/expected-figures.js';
import { makeFixtureRepo } from '../helpers/fixture-repo.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { envWithoutModel } from '../helpers/zero-token-run.js';
import { coverageByHand, gitStatus, runNodeByHand } from '../helpers/runner-harness.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

interface Repo {
  readonly dir: string;
  readonly base: string;
  readonly head: string;
}

/** No model settings reach the CLI, so `provider: auto` must pick the zero-token generator. */
async function runOffline(repo: Repo, extra: readonly string[] = []): Promise<{ report: RunReport; markdown: string; stderr: string }> {
  const out = mkdtempSync(join(tmpdir(), 'testmaster-offline-e2e-'));
  cleanups.push(() => rmSync(out, { recursive: true, force: true }));
  const before = await gitStatus(repo.dir);
  const run = await runCliAsync(['run', '--repo', repo.dir, '--base', repo.base, '--report-json', join(out, 'r.json'), '--report-md', join(out, 'r.md'), ...extra], {
    env: envWithoutModel(),
    timeoutMs: 600_000,
  });
  expect(run.status, run.stderr).toBe(0);
  // The user's tree is left as it was (the proposed copies live in the ignored .testmaster/ directory).
  expect(await gitStatus(repo.dir)).toBe(before);
  return { report: parseJsonReport(readFileSync(join(out, 'r.json'), 'utf8')), markdown: readFileSync(join(out, 'r.md'), 'utf8'), stderr: run.stderr };
}

/** Writes the proposed files into the checkout, as a reviewer applying them would. */
function applyProposed(repo: Repo, report: RunReport): void {
  for (const file of report.proposedFiles ?? []) writeFileSync(join(repo.dir, file.path), file.content);
}

async function passesFiveTimes(repo: Repo, command: readonly string[]): Promise<void> {
  for (let run = 1; run <= 5; run++) {
    const result = await runNodeByHand(repo.dir, command);
    expect(result.code, `run ${run}: ${result.stdout}\n${result.stderr}`).toBe(0);
  }
}

/** The report's figures with the proposed tests equal Vitest's own coverage of the applied files. */
async function expectFiguresMatchVitest(repo: Repo, report: RunReport): Promise<void> {
  const modules = (report.proposedFiles ?? []).map((file) => file.forFile);
  const run = await coverageByHand(repo.dir, (dir) => [
    'node_modules/vitest/vitest.mjs', 'run', '--coverage.enabled', '--coverage.reporter=json', `--coverage.reportsDirectory=${dir}`,
    ...modules.map((module) => `--coverage.include=${module}`),
  ]);
  expect(run.code, run.stderr).toBe(0);
  const tmp = mkdtempSync(join(tmpdir(), 'testmaster-offline-cov-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  writeFileSync(join(tmp, 'coverage-final.json'), JSON.stringify(run.coverage));
  const coverage = readCoverageFinal(join(tmp, 'coverage-final.json'), repo.dir);
  const changed = changedLinesFromGit(repo.dir, repo.base, repo.head);
  for (const module of modules) {
    const entry = coverage.get(module);
    if (!entry) throw new Error(`vitest reported no coverage for ${module}`);
    const expected = expectedFor(entry, changed.get(module) ?? []);
    const proposed = report.files.find((file) => file.path === module)?.proposed;
    expect(proposed?.patch.covered, module).toBe(expected.patch.covered);
    expect(proposed?.patch.total, module).toBe(expected.patch.total);
    expect(proposed?.patch.partial, module).toBe(expected.patch.partial);
    expect(proposed?.lines, module).toEqual(expected.lines);
    expect(proposed?.branches, module).toEqual(expected.branches);
  }
}

function patchPercent(report: RunReport, module: string): number {
  const patch = report.files.find((file) => file.path === module)?.proposed?.patch;
  if (!patch || patch.total === 0) throw new Error(`no proposed patch figures for ${module}`);
  return ((patch.covered - patch.partial) / patch.total) * 100;
}

describe('provider auto with no model key: the zero-token generator', () => {
  it('covers the bundled example with tests that pass 5 of 5 runs, and says why it ran', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'testmaster-example-'));
    cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
    const repo = makeExampleRepo(join(scratch, 'pricing'));
    const { report, markdown } = await runOffline(repo);

    expect(report.provider).toBe('offline');
    expect(report.providerNote).toMatch(/no model key/);
    expect(report.budget ?? null).toBeNull();
    expect(markdown).toContain('Written by the zero-token generator: no model call, no tokens, $0');
    const proposed = report.proposedFiles ?? [];
    expect(proposed.map((file) => file.forFile).sort()).toEqual(['src/cart.ts', 'src/discount.ts', 'src/money.ts', 'src/shipping.ts']);
    for (const file of proposed) {
      expect(file.provider).toBe('offline');
      expect(file.content).not.toMatch(/toMatchSnapshot|toMatchInlineSnapshot/);
    }
    // Pure functions: at least 80% of the changed lines covered with zero tokens.
    for (const module of ['src/discount.ts', 'src/money.ts', 'src/shipping.ts']) expect(patchPercent(report, module), module).toBeGreaterThanOrEqual(80);
    expect(report.coveredBy?.offline).toBeGreaterThan(0);
    expect(report.coveredBy?.model).toBe(0);

    applyProposed(repo, report);
    await passesFiveTimes(repo, ['node_modules/vitest/vitest.mjs', 'run']);
    await expectFiguresMatchVitest(repo, report);
  });

  it('drops time- and random-dependent results, cuts off a call that never returns, and survives import side effects', async () => {
    const repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5', variants: ['offline-edge'] });
    cleanups.push(repo.cleanup);
    const { report } = await runOffline(repo, ['--include', 'src/{clock,spin,registry,queue}.ts', '--offline-time-budget-seconds', '40', '--no-base']);
    const byModule = new Map((report.proposedFiles ?? []).map((file) => [file.forFile, file]));
    const dropped = (module: string) => byModule.get(module)?.dropped ?? [];
    const generation = (module: string) => report.files.find((file) => file.path === module)?.generation;

    // clock.ts: stamp() differs between runs and is left out with the reason; isWeekend is tested.
    expect(dropped('src/clock.ts').some((entry) => entry.name.startsWith('stamp(') && entry.reason.startsWith('nondeterministic'))).toBe(true);
    expect(byModule.get('src/clock.ts')?.content).toContain('isWeekend(');
    expect(byModule.get('src/clock.ts')?.content).not.toContain('stamp(');
    // spin.ts: settle(-1) never returns; it is cut off and reported, the other inputs are tested.
    expect(dropped('src/spin.ts').some((entry) => /^settle\(-/.test(entry.name) && entry.reason.startsWith('never returned'))).toBe(true);
    expect(byModule.get('src/spin.ts')?.content).toMatch(/settle\(0\)\)\.toBe\('idle'\)/);
    // registry.ts: logs and bumps a global on import; every channel is tested.
    for (const channel of ['web', 'store', 'phone']) expect(byModule.get('src/registry.ts')?.content).toContain(`channelFee('${channel}'`);
    // queue.ts: class methods on a fresh instance, a static factory, async results both ways.
    const queue = byModule.get('src/queue.ts')?.content ?? '';
    expect(queue).toMatch(/new Queue\([^)]*\)\.push\(/);
    expect(queue).toMatch(/await expect\(doubleLater\([^)]*\)\)\.resolves\.toBe\(/);
    expect(queue).toMatch(/await expect\(doubleLater\(-[^)]*\)\)\.rejects\.toThrow\('negative amount/);
    for (const module of ['src/clock.ts', 'src/spin.ts', 'src/registry.ts', 'src/queue.ts']) expect(generation(module)?.outcome, module).toBe('kept');

    applyProposed(repo, report);
    await passesFiveTimes(repo, ['node_modules/vitest/vitest.mjs', 'run', ...(report.proposedFiles ?? []).map((file) => file.path)]);
    await expectFiguresMatchVitest(repo, report);
  });

  it('writes CommonJS tests for a plain JavaScript Jest project that pass 5 of 5 runs', async () => {
    const repo = await makeFixtureRepo('jest-js', { toolchain: 'jest30' });
    cleanups.push(repo.cleanup);
    const { report } = await runOffline(repo, ['--no-base']);
    const proposed = report.proposedFiles ?? [];
    expect(proposed.length).toBeGreaterThan(0);
    for (const file of proposed) {
      expect(file.framework).toBe('jest');
      expect(file.content).toMatch(/= require\('/);
      expect(file.content).not.toMatch(/^import /m);
    }
    applyProposed(repo, report);
    await passesFiveTimes(repo, ['node_modules/jest/bin/jest.js', '--ci', ...proposed.map((file) => file.path)]);
  });
});
