/**
 * tsconfig `paths` (test/fixtures/vitest-ts, variant tsconfig-paths): the pull request adds
 * src/receipt.ts, which imports `@app/money` through a tsconfig.json `paths` mapping. Through the bundled
 * CLI with the zero-token generator: where the Vitest config does not map `@app` the module's reason says
 * exactly what to add (and leaks no sandbox path); with the alias set in the config (variant
 * tsconfig-paths-aliased) the module is tested and the proposed file passes in the project's Vitest.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/report/types.js';
import { makeFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js';
import { runNodeByHand } from '../helpers/runner-harness.js';
import { runZeroToken } from '../helpers/zero-token-run.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function runOn(variants: string[]): Promise<{ repo: FixtureRepo; report: RunReport; stderr: string }> {
  const repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5', variants });
  cleanups.push(repo.cleanup);
  return { repo, ...(await runZeroToken(repo, ['--no-base'])) };
}

describe('tsconfig paths', () => {
  it('says what to add to the Vitest config when it does not map a tsconfig path', async () => {
    const { report, stderr } = await runOn(['tsconfig-paths']);
    const receipt = report.files.find((entry) => entry.path === 'src/receipt.ts');
    expect(receipt?.generation?.outcome).toBe('failed');
    const reason = receipt?.generation?.reason ?? '';
    expect(reason).toContain('the tests cannot resolve the import "@app/money" (imported by src/receipt.ts): tsconfig.json maps "@app/*" to "src/*"');
    expect(reason).toContain("add resolve: { alias: { '@app': path.resolve(__dirname, 'src') } } to the Vitest config");
    expect(reason).not.toMatch(/testmaster-sandbox|\/tmp\//);
    expect(stderr).toContain('src/receipt.ts: failed: the probe could not call the module: the tests cannot resolve the import "@app/money"');
  }, 900_000);

  it('tests the module when the Vitest config maps the alias, and the proposed file passes there', async () => {
    const { repo, report } = await runOn(['tsconfig-paths', 'tsconfig-paths-aliased']);
    const receipt = report.files.find((entry) => entry.path === 'src/receipt.ts');
    expect(receipt?.generation?.outcome, receipt?.generation?.reason ?? '').toBe('kept');
    const proposed = (report.proposedFiles ?? []).find((entry) => entry.forFile === 'src/receipt.ts')!;
    expect(proposed.path).toBe('test/receipt.testmaster.test.ts');
    writeFileSync(join(repo.dir, proposed.path), proposed.content);
    const byHand = await runNodeByHand(repo.dir, ['node_modules/vitest/vitest.mjs', 'run', proposed.path]);
    expect(byHand.code, `${byHand.stdout}\n${byHand.stderr}`).toBe(0);
  }, 900_000);
});
