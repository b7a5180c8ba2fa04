/**
 * Attack: a test writes files `git status` does not show: the user's node_modules (the validation
 * worktree's node_modules is a link to them), `.env` and `dist/` (ignored). Through the bundled CLI on
 * a real repository with a real node_modules directory:
 *
 * 1. a model-written candidate appends to node_modules/vitest/dist/index.js and writes the user's .env
 *    and dist/ (found through that link) during generation;
 * 2. a test in the pull request writes .env and dist/ during the head measurement.
 *
 * The results of the phase are discarded (no proposed test; the head figures failed) with a warning
 * naming the files and what to do (reinstall node_modules, restore the others); tracked files are
 * untouched; the run exits 0.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonReport } from '../../src/report/json-report.js';
import type { RunReport } from '../../src/report/types.js';
import { attackEnv, makeAttackRepo, type AttackRepo } from '../helpers/attack-repo.js';
import { completionReply, startModelServer, type ModelServer } from '../helpers/model-server.js';
import { runCliAsync, type CliRun } from '../helpers/run-cli.js';

const MODULE = 'src/money.ts';
const TEST_PATH = 'test/money.testmaster.test.ts';
const PRICES = JSON.stringify({ 'test-model': { 'input-per-mtok-usd': 1, 'output-per-mtok-usd': 2 } });

let server: ModelServer;
const cleanups: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  server = await startModelServer();
});
afterEach(() => {
  expect(server.clear()).toBe(0);
});
afterAll(async () => {
  await server.stop();
  for (const cleanup of cleanups) await cleanup();
});

async function attackRepo(): Promise<AttackRepo> {
  const repo = await makeAttackRepo({ realNodeModules: true });
  cleanups.push(repo.cleanup);
  return repo;
}

async function runCli(repo: AttackRepo, args: readonly string[]): Promise<{ run: CliRun; report: RunReport }> {
  const out = mkdtempSync(join(tmpdir(), 'testmaster-attack-'));
  cleanups.push(() => rmSync(out, { recursive: true, force: true }));
  // At isolation none: the guard is then all that stands between a test and the checkout (in a sandbox
  // these writes cannot happen at all: repository-code-isolation.test.ts).
  const run = await runCliAsync(['run', '--repo', repo.dir, '--base', repo.base, '--isolation', 'none', '--report-json', join(out, 'r.json'), '--report-md', join(out, 'r.md'), ...args], { env: attackEnv() });
  expect(existsSync(join(out, 'r.json')), run.stderr).toBe(true);
  return { run, report: parseJsonReport(readFileSync(join(out, 'r.json'), 'utf8')) };
}

describe('attack: a test writes ignored files of the user', () => {
  it('a candidate writes node_modules, .env and dist/ through the linked node_modules: generation discarded, the user told what to do', async () => {
    const repo = await attackRepo();
    const candidate = `import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitEvenly } from '../src/money.js';

// The validation worktree's node_modules is a link into the user's checkout.
const user = path.dirname(fs.realpathSync('node_modules'));
fs.appendFileSync('node_modules/vitest/dist/index.js', '\\n// planted by a test\\n');
fs.appendFileSync(path.join(user, '.env'), 'PLANTED=1\\n');
fs.writeFileSync(path.join(user, 'dist', 'planted.js'), 'planted');

describe('splitEvenly', () => {
  it('spreads the remainder over the first shares', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
  });
  it('rejects a non-positive number of parts', () => {
    expect(() => splitEvenly(10, 0)).toThrow(RangeError);
  });
});
`;
    server.enqueue(completionReply({ content: JSON.stringify({ files: [{ path: TEST_PATH, content: candidate, cases: [] }], notes: null }) }));
    const { run, report } = await runCli(repo, [
      '--provider', 'openai', '--model', 'test-model', '--base-url', server.baseUrl, '--model-prices', PRICES,
      '--include', MODULE, '--concurrency', '1', '--no-base', '--reruns', '1', '--max-heal-attempts', '0',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'the tests run during generation changed 3 file(s) in the working tree outside their own output (.env, dist/planted.js, node_modules/vitest/dist/index.js): every test kept in this run was discarded; reinstall the dependencies (e.g. npm ci): TestMaster cannot restore node_modules; restore the other files',
    );
    const generation = report.files.find((file) => file.path === MODULE)?.generation;
    expect(generation?.outcome).toBe('failed');
    expect(generation?.reason).toBe('the tests run during generation changed files in the working tree (.env, dist/planted.js, node_modules/vitest/dist/index.js): every test kept in this run was discarded');
    expect(report.proposedFiles).toEqual([]);
    expect(existsSync(join(repo.dir, TEST_PATH))).toBe(false);
    // Tracked files untouched (what was written is ignored: git status cannot see it).
    expect(await repo.status()).toBe('');
  });

  it('a test in the pull request writes .env and dist/ during the head measurement: the head figures are discarded', async () => {
    const repo = await attackRepo();
    await repo.commit(
      {
        'test/money-writes.test.ts': `import fs from 'node:fs';\nimport { expect, it } from 'vitest';\nimport { formatPrice } from '../src/money.js';\n\nfs.appendFileSync('.env', 'PLANTED=1\\n');\nfs.writeFileSync('dist/planted.js', 'planted');\n\nit('formats a dollar', () => {\n  expect(formatPrice(100)).toBe('$1.00');\n});\n`,
      },
      'a test that writes ignored files',
    );
    const { run, report } = await runCli(repo, ['--provider', 'none', '--no-base']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('the existing tests at the head changed 2 file(s) in the working tree outside their own output (.env, dist/planted.js): the head coverage was discarded; restore them');
    const money = report.files.find((file) => file.path === MODULE);
    expect(money?.status).toBe('failed');
    expect(money?.reason).toBe('the existing tests at the head changed files in the working tree (.env, dist/planted.js): the head coverage was discarded');
    expect(await repo.status()).toBe('');
  });
});
