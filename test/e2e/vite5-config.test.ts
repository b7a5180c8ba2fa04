/**
 * Vitest 1 (Vite 5) with an ES module config (test/fixtures/vitest-ts: "type": "module",
 * vitest.config.ts) in the sandbox: Vite 5 writes the bundled config beside it, in the repository the
 * sandbox keeps read-only; TestMaster's loader hook keeps that bundle in memory instead. Through the
 * bundled CLI: every module is measured, the zero-token tests are proposed, and the checkout is left
 * exactly as it was (no bundle file beside the config).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFixtureRepo } from '../helpers/fixture-repo.js';
import { runZeroToken } from '../helpers/zero-token-run.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe('Vitest 1 with an ES module config in the sandbox', () => {
  it('measures and validates without writing beside the config', async () => {
    const repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest1' });
    cleanups.push(repo.cleanup);
    const { report, stderr } = await runZeroToken(repo);
    expect(report.isolation?.level).toMatch(/^(user|namespace)$/);
    for (const path of ['src/money.ts', 'src/cart.ts']) {
      const file = report.files.find((entry) => entry.path === path);
      expect(file?.status, `${path}: ${file?.reason ?? ''}`).toBe('measured');
      expect(file?.base, path).not.toBeNull();
    }
    const outcomes = report.files.map((entry) => `${entry.path}: ${entry.generation?.outcome ?? '-'} ${entry.generation?.reason ?? ''}`).join('\n');
    expect((report.proposedFiles ?? []).length, `${outcomes}\n${stderr}`).toBeGreaterThan(0);
    expect(readdirSync(repo.dir).filter((name) => name.includes('.timestamp-'))).toEqual([]);
    expect(execFileSync('git', ['status', '--porcelain', '--ignored=no'], { cwd: repo.dir, encoding: 'utf8' })).toBe('');
  }, 900_000);
});
