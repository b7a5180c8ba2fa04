/**
 * A workspace member with no test runner of its own (test/fixtures/monorepo-npm, variant root-projects):
 * the root's vitest.config.ts lists packages/core and packages/shapes as Vitest projects, and
 * packages/shapes has neither a config nor vitest in its package.json. The pull request adds
 * packages/shapes/src/area.ts with a test for one case. Through the bundled CLI with the zero-token
 * generator: the member's module is measured with the root's Vitest (and the run says so), the other
 * members keep their own runners, and the proposed test sits beside the member's own test and passes
 * when the root's Vitest runs it.
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

describe('a workspace member tested by the root runner', () => {
  it("measures the member's module with the root's Vitest projects and proposes a test there", async () => {
    const repo = await makeFixtureRepo('monorepo-npm', { toolchain: 'workspaces', variants: ['root-projects'] });
    cleanups.push(repo.cleanup);
    const { report, stderr } = await runZeroToken(repo, ['--no-base']);
    expect(stderr).toContain('package "packages/shapes" has no Vitest or Jest of its own: its modules are measured with the vitest of the repository root, run from there');
    const file = (path: string) => report.files.find((entry) => entry.path === path);

    const shapes = file('packages/shapes/src/area.ts');
    expect(shapes?.status, shapes?.reason ?? '').toBe('measured');
    // The member's own test covers the rectangle case only: some of the new lines are covered, not all.
    expect(shapes?.head?.lines.covered).toBeGreaterThan(0);
    expect(shapes?.head?.lines.covered).toBeLessThan(shapes?.head?.lines.total ?? 0);
    // Members with runners of their own keep them.
    expect(file('packages/core/src/retry.ts')?.status).toBe('measured');
    expect(file('packages/utils/src/strings.js')?.status).toBe('measured');

    const proposed = (report.proposedFiles ?? []).find((entry) => entry.forFile === 'packages/shapes/src/area.ts');
    expect(proposed?.path).toBe('packages/shapes/src/area.testmaster.test.ts');
    writeFileSync(join(repo.dir, proposed!.path), proposed!.content);
    const byHand = await runNodeByHand(repo.dir, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=verbose', proposed!.path]);
    expect(byHand.code, `${byHand.stdout}\n${byHand.stderr}`).toBe(0);
    expect(byHand.stdout).toContain('area.testmaster.test.ts');
  }, 900_000);
});
