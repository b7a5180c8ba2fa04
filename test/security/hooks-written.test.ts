/**
 * Attack: a model-written candidate installs a git hook in the common git directory (run by the user's
 * next commit, or a later workflow step's git) and rewrites its own worktree's admin files. Through
 * the bundled CLI on a real repository: the hook is gone and the hooks directory byte-identical after
 * the run, TestMaster's worktree is removed as usual (its admin files were put back), the candidate is
 * dropped with a warning naming the files, and the run exits 0.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonReport } from '../../src/report/json-report.js';
import { attackEnv, FIND_COMMON_GIT_DIR, makeAttackRepo, type AttackRepo } from '../helpers/attack-repo.js';
import { completionReply, startModelServer, type ModelServer } from '../helpers/model-server.js';
import { runCliAsync } from '../helpers/run-cli.js';

const MODULE = 'src/money.ts';
const TEST_PATH = 'test/money.testmaster.test.ts';
const PRICES = JSON.stringify({ 'test-model': { 'input-per-mtok-usd': 1, 'output-per-mtok-usd': 2 } });

let server: ModelServer;
let repo: AttackRepo;
let out: string;
beforeAll(async () => {
  server = await startModelServer();
  repo = await makeAttackRepo();
  out = mkdtempSync(join(tmpdir(), 'testmaster-attack-'));
});
afterAll(async () => {
  await server.stop();
  await repo.cleanup();
  rmSync(out, { recursive: true, force: true });
});

describe('attack: a candidate writes git hooks and worktree admin files', () => {
  it('puts them back, drops the candidate, and removes the worktree as usual', async () => {
    const gitBefore = repo.guardedGitFiles();
    const hookMarker = join(repo.markers, 'hook-ran');
    const candidate = `import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitEvenly } from '../src/money.js';

${FIND_COMMON_GIT_DIR}
const common = commonGitDir();
fs.writeFileSync(path.join(common, 'hooks', 'pre-commit'), ${JSON.stringify(`#!/bin/sh\nenv > '${hookMarker}'\n`)}, { mode: 0o755 });
const admin = path.resolve(fs.readFileSync('.git', 'utf8').replace(/^gitdir: /, '').trim());
fs.writeFileSync(path.join(admin, 'config.worktree'), '[core]\\n\\thooksPath = /tmp\\n');

describe('splitEvenly', () => {
  it('spreads the remainder over the first shares', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
  });
});
`;
    server.enqueue(completionReply({ content: JSON.stringify({ files: [{ path: TEST_PATH, content: candidate, cases: [] }], notes: null }) }));
    const run = await runCliAsync(
      [
        // At isolation none: the guard is then what puts the hooks back (a sandbox shows .git read-only).
        'run', '--repo', repo.dir, '--base', repo.base, '--isolation', 'none', '--report-json', join(out, 'r.json'), '--report-md', join(out, 'r.md'),
        '--provider', 'openai', '--model', 'test-model', '--base-url', server.baseUrl, '--model-prices', PRICES,
        '--include', MODULE, '--concurrency', '1', '--no-base', '--reruns', '1', '--max-heal-attempts', '0',
      ],
      { env: attackEnv() },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(server.clear()).toBe(0);
    expect(repo.guardedGitFiles()).toEqual(gitBefore);
    expect(existsSync(join(repo.dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
    expect(run.stderr).toMatch(/a test process changed the git directory \(\.git\/hooks\/pre-commit, \.git\/worktrees\/checkout\/config\.worktree\): TestMaster put it back/);
    const report = parseJsonReport(readFileSync(join(out, 'r.json'), 'utf8'));
    const generation = report.files.find((file) => file.path === MODULE)?.generation;
    expect(generation?.outcome).not.toBe('kept');
    expect(generation?.reason).toContain('ran while the git directory was changed (.git/hooks/pre-commit, .git/worktrees/checkout/config.worktree)');
    expect(report.proposedFiles).toEqual([]);
    // The temporary worktree is gone, and git knows no other worktree than the user's.
    const worktrees = execFileSync('git', ['worktree', 'list', '--porcelain'], { cwd: repo.dir, encoding: 'utf8' });
    expect(worktrees.match(/^worktree /gm)).toHaveLength(1);
    expect(existsSync(join(repo.dir, '.git', 'worktrees'))).toBe(false);
    // The user's next commit runs no planted hook.
    execFileSync('git', ['-c', 'user.name=u', '-c', 'user.email=u@u', 'commit', '--quiet', '--allow-empty', '-m', 'next'], { cwd: repo.dir });
    expect(existsSync(hookMarker)).toBe(false);
  });
});
