/**
 * Attack: a clean/smudge filter planted in the repository's `.git/config` and `.git/info/attributes`
 * (the common git directory, shared with TestMaster's temporary worktrees), with a tracked file
 * touched so that the next `git status` runs it. The filter dumps its environment (the CLI runs with
 * a model key and a GitHub token) to a marker file. Through the bundled CLI on a real repository:
 *
 * 1. by a test in the pull request, during the head measurement;
 * 2. before TestMaster starts (as an `npm ci` postinstall script in an earlier step would);
 * 3. by a model-written candidate, during generation (local model server).
 *
 * Each time: the filter never runs (no marker), the guarded git files are byte-identical after the
 * run (put back when a test changed them, left alone when they were there before), the offending
 * process's results are discarded with a warning naming the files, nothing secret is printed, and the
 * run exits 0 as any run whose tests failed does.
 */
import { existsSync, readFileSync, utimesSync, writeFileSync, chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonReport } from '../../src/report/json-report.js';
import type { RunReport } from '../../src/report/types.js';
import { attackEnv, dumpEnvCommand, FAKE_SECRETS, FIND_COMMON_GIT_DIR, makeAttackRepo, type AttackRepo } from '../helpers/attack-repo.js';
import { completionReply, startModelServer, type ModelServer } from '../helpers/model-server.js';
import { runCliAsync, type CliRun } from '../helpers/run-cli.js';

const MODULE = 'src/money.ts';
const TEST_PATH = 'test/money.testmaster.test.ts';
const PRICES = JSON.stringify({ 'test-model': { 'input-per-mtok-usd': 1, 'output-per-mtok-usd': 2 } });
const GOOD_CASES = `describe('splitEvenly', () => {
  it('spreads the remainder over the first shares', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
  });
  it('rejects a non-positive number of parts', () => {
    expect(() => splitEvenly(10, 0)).toThrow(RangeError);
  });
});
`;

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
  const repo = await makeAttackRepo();
  cleanups.push(repo.cleanup);
  return repo;
}

/** Test-file statements that plant the filter in the common git directory and touch a tracked file. */
function plantFilter(markers: string): string {
  const dump = dumpEnvCommand(markers, 'env-dump');
  const config = `[filter "evil"]\n\tclean = "${dump}"\n\tsmudge = "${dump}"\n\trequired = true\n`;
  return `${FIND_COMMON_GIT_DIR}
const common = commonGitDir();
fs.appendFileSync(path.join(common, 'config'), ${JSON.stringify(config)});
fs.writeFileSync(path.join(common, 'info', 'attributes'), '* filter=evil\\n');
const later = new Date(Date.now() + 60_000);
fs.utimesSync('src/money.ts', later, later);
`;
}

interface Outcome {
  readonly run: CliRun;
  readonly report: RunReport;
}

async function runCli(repo: AttackRepo, args: readonly string[]): Promise<Outcome> {
  const out = mkdtempSync(join(tmpdir(), 'testmaster-attack-'));
  cleanups.push(() => rmSync(out, { recursive: true, force: true }));
  // At isolation none: the guard is then all that stands between a test and the checkout (in a sandbox
  // these writes cannot happen at all: repository-code-isolation.test.ts).
  const run = await runCliAsync(['run', '--repo', repo.dir, '--base', repo.base, '--isolation', 'none', '--report-json', join(out, 'r.json'), '--report-md', join(out, 'r.md'), ...args], { env: attackEnv() });
  expect(existsSync(join(out, 'r.json')), run.stderr).toBe(true);
  const report = parseJsonReport(readFileSync(join(out, 'r.json'), 'utf8'));
  const published = `${run.stdout}${run.stderr}${readFileSync(join(out, 'r.md'), 'utf8')}${JSON.stringify(report)}`;
  for (const secret of Object.values(FAKE_SECRETS)) expect(published).not.toContain(secret);
  return { run, report };
}

function fileReport(report: RunReport, path = MODULE) {
  const file = report.files.find((entry) => entry.path === path);
  if (file === undefined) throw new Error(`no report entry for ${path}`);
  return file;
}

describe('attack: a filter planted in the git directory', () => {
  it('planted by a test in the pull request during the head measurement: never runs, put back, head figures discarded', async () => {
    const repo = await attackRepo();
    const gitBefore = repo.guardedGitFiles();
    await repo.commit(
      {
        'test/money-plant.test.ts': `import fs from 'node:fs';\nimport path from 'node:path';\nimport { expect, it } from 'vitest';\nimport { formatPrice } from '../src/money.js';\n\n${plantFilter(repo.markers)}\nit('formats a dollar', () => {\n  expect(formatPrice(100)).toBe('$1.00');\n});\n`,
      },
      'a test that plants a filter',
    );

    const { run, report } = await runCli(repo, ['--provider', 'none']);
    expect(run.status, run.stderr).toBe(0);
    expect(repo.markersWritten()).toEqual([]);
    expect(repo.guardedGitFiles()).toEqual(gitBefore);
    expect(run.stderr).toContain('a test process changed the git directory (.git/config, .git/info/attributes): TestMaster put it back');
    const money = fileReport(report);
    expect(money.status).toBe('failed');
    expect(money.reason).toBe('vitest in the root package ran while the git directory was changed (.git/config, .git/info/attributes): the change was undone and its results were discarded; a test must not write to .git');
    // The touched file is named too (same content, new times); git afterwards (a later step) runs nothing.
    expect(run.stderr).toMatch(/the existing tests at the head changed 1 file\(s\) in the working tree outside their own output \(src\/money\.ts\): the head coverage was discarded/);
    expect(await repo.status()).toBe('');
    expect(repo.markersWritten()).toEqual([]);
  });

  it('planted before TestMaster starts (with hooks, fsmonitor, a diff driver and a credential helper): nothing runs and the run measures normally', async () => {
    const repo = await attackRepo();
    const git = (file: string): string => join(repo.dir, '.git', file);
    const dump = (name: string): string => dumpEnvCommand(repo.markers, name);
    const monitor = join(repo.markers, '..', `${repo.markers.split('/').pop()}-fsmonitor.sh`);
    writeFileSync(monitor, `#!/bin/sh\n${dump('fsmonitor')}\n`);
    chmodSync(monitor, 0o755);
    cleanups.push(() => rmSync(monitor, { force: true }));
    writeFileSync(
      git('config'),
      `${readFileSync(git('config'), 'utf8')}[filter "evil"]\n\tclean = "${dump('clean')}"\n\tsmudge = "${dump('smudge')}"\n\tprocess = "${dump('process')}"\n[diff "evil"]\n\tcommand = "${dump('diff-command')}"\n\ttextconv = "${dump('textconv')}"\n[core]\n\tfsmonitor = ${monitor}\n[credential]\n\thelper = "!${dump('credential')}"\n`,
    );
    writeFileSync(git('info/attributes'), '* filter=evil diff=evil\n');
    for (const hook of ['post-checkout', 'reference-transaction', 'post-index-change']) {
      writeFileSync(git(`hooks/${hook}`), `#!/bin/sh\n${dump(`hook-${hook}`)}\n`);
      chmodSync(git(`hooks/${hook}`), 0o755);
    }
    const later = new Date(Date.now() + 60_000);
    for (const file of ['src/money.ts', 'src/cart.ts', 'package.json']) utimesSync(join(repo.dir, file), later, later);
    const gitBefore = repo.guardedGitFiles();

    const { run, report } = await runCli(repo, ['--provider', 'none']);
    expect(run.status, run.stderr).toBe(0);
    expect(repo.markersWritten()).toEqual([]);
    // Not TestMaster's to remove (it was there before the run), only never to run.
    expect(repo.guardedGitFiles()).toEqual(gitBefore);
    expect(run.stderr).not.toMatch(/changed the git directory|changed \d+ file\(s\) in the working tree/);
    const money = fileReport(report);
    expect(money.status).toBe('measured');
    expect(money.head?.patch.covered).toBeGreaterThan(0);
    expect(money.base).not.toBeNull();
  });

  it('planted by a model-written candidate during generation: never runs, put back, the candidate dropped', async () => {
    const repo = await attackRepo();
    const gitBefore = repo.guardedGitFiles();
    const candidate = `import fs from 'node:fs';\nimport path from 'node:path';\nimport { describe, expect, it } from 'vitest';\nimport { splitEvenly } from '../src/money.js';\n\n${plantFilter(repo.markers)}\n${GOOD_CASES}`;
    server.enqueue(completionReply({ content: JSON.stringify({ files: [{ path: TEST_PATH, content: candidate, cases: [] }], notes: null }) }));

    const { run, report } = await runCli(repo, [
      '--provider', 'openai', '--model', 'test-model', '--base-url', server.baseUrl, '--model-prices', PRICES,
      '--include', MODULE, '--concurrency', '1', '--no-base', '--reruns', '1', '--max-heal-attempts', '0',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(repo.markersWritten()).toEqual([]);
    expect(repo.guardedGitFiles()).toEqual(gitBefore);
    expect(run.stderr).toContain('a test process changed the git directory (.git/config, .git/info/attributes): TestMaster put it back');
    const generation = fileReport(report).generation;
    expect(generation?.outcome).not.toBe('kept');
    expect(generation?.reason).toContain('ran while the git directory was changed (.git/config, .git/info/attributes): the change was undone and its results were discarded');
    expect(report.proposedFiles).toEqual([]);
    expect(await repo.status()).toBe('');
  });
});
