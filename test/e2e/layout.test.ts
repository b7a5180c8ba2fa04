/**
 * Placement and setup on a repository shaped like the real case (test/fixtures/vitest-layout): tests
 * in a mirrored test/ tree that the runner's `include` alone collects, a barrel (src/index.ts) through
 * which the compatibility layer's test reaches every module. The pull request changes src/util/range.ts
 * (no test of its own; the only test the runner relates to it is test/compat/array/chunk.test.ts,
 * through the barrel), re-exports it from the barrel (a re-export-only file) and adds src/util/blank.ts,
 * which no test imports, and two modules of types alone. A jest.config.js is left over from before the move to Vitest (Jest is not
 * installed). Through the bundled CLI with the zero-token generator.
 *
 * And a CommonJS command-line library (test/fixtures/jest-topics) whose tests sit in a tests/ tree named
 * by module and topic (`tests/program.parse.test.js` for `lib/program.js`), as commander's are: the
 * changed lib/flag.js, with no test of its own, gets its test in tests/, not beside it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFixtureRepo } from '../helpers/fixture-repo.js';
import { runNodeByHand } from '../helpers/runner-harness.js';
import { runZeroToken } from '../helpers/zero-token-run.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe('a mirrored test tree and a barrel', () => {
  it('places the test where the repository convention says, skips the barrel, and measures an untested new file at 0%', async () => {
    const repo = await makeFixtureRepo('vitest-layout', { toolchain: 'vitest5' });
    cleanups.push(repo.cleanup);
    const { report, stderr } = await runZeroToken(repo, ['--no-base']);
    // A jest.config.js left behind by the move to Vitest: the installed, declared Vitest is used, and the run says so.
    expect(stderr).toContain('using vitest (vitest.config.ts, listed in package.json, called by the test script, installed), not jest (jest.config.js, not installed)');
    const file = (path: string) => report.files.find((entry) => entry.path === path);

    // The barrel has nothing of its own to test: skipped with the reason, never "failed".
    expect(file('src/index.ts')).toBeUndefined();
    expect(report.skipped.find((entry) => entry.path === 'src/index.ts')?.reason).toMatch(/only re-exports: nothing of its own to test/);
    // Modules of types alone have no code that runs: skipped, never "not measured".
    for (const types of ['src/util/range-types.ts', 'src/util/range-error-type.ts']) {
      expect(file(types)).toBeUndefined();
      expect(report.skipped.find((entry) => entry.path === types)?.reason).toBe('only declares types: no code runs to test');
    }

    // The new file no test imports is measured at 0%, not "failed: no coverage".
    const blank = file('src/util/blank.ts');
    expect(blank?.status, blank?.reason ?? '').toBe('measured');
    expect(blank?.head?.lines.covered).toBe(0);
    expect(blank?.head?.lines.total).toBeGreaterThan(0);

    // range.ts: the test goes to the mirrored tree, not beside the barrel's importer in test/compat/array/.
    const proposed = report.proposedFiles ?? [];
    expect(proposed.find((entry) => entry.forFile === 'src/util/range.ts')?.path).toBe('test/util/range.testmaster.test.ts');
    expect(proposed.find((entry) => entry.forFile === 'src/util/blank.ts')?.path).toBe('test/util/blank.testmaster.test.ts');
    for (const entry of proposed) expect(entry.path).not.toMatch(/compat/);

    // Applied as proposed, the project's own runner (which collects test/** only) runs and passes them.
    for (const entry of proposed) writeFileSync(join(repo.dir, entry.path), entry.content);
    const byHand = await runNodeByHand(repo.dir, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=verbose', ...proposed.map((entry) => entry.path)]);
    expect(byHand.code, `${byHand.stdout}\n${byHand.stderr}`).toBe(0);
    for (const entry of proposed) expect(byHand.stdout).toContain(entry.path);
  }, 900_000);
});

describe('a tests/ tree named by module and topic', () => {
  it('places the test of an untested module in tests/, where the repository tests its other modules', async () => {
    const repo = await makeFixtureRepo('jest-topics', { toolchain: 'jest29' });
    cleanups.push(repo.cleanup);
    const { report } = await runZeroToken(repo, ['--no-base']);
    const proposed = report.proposedFiles ?? [];
    expect(proposed.map((entry) => entry.path)).toEqual(['tests/flag.testmaster.test.js']);

    // Applied as proposed, the project's own Jest runs and passes it.
    for (const entry of proposed) writeFileSync(join(repo.dir, entry.path), entry.content);
    const byHand = await runNodeByHand(repo.dir, ['node_modules/jest/bin/jest.js', '--ci', ...proposed.map((entry) => entry.path)]);
    expect(byHand.code, `${byHand.stdout}\n${byHand.stderr}`).toBe(0);
  }, 900_000);
});
