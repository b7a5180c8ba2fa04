/**
 * A pull request whose own test attacks the machine (hostile-pr.ts), measured through the bundled
 * action and CLI at every isolation level this machine can give: another user through root, another
 * user through passwordless sudo (a user with sudo, as on GitHub-hosted runners), an unprivileged user
 * namespace (a user without sudo), and none (a machine where nothing works). Whatever the hostile test
 * tried, it must fail to do harm: no secret in anything it could write or print, no changed file
 * outside its own directories, no process left, no workflow command in the log, no connection out.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBundle } from '../helpers/bundle.js';
import { makeFixtureRepo, type FixtureRepo } from '../helpers/fixture-repo.js';
import { runActionAsync } from '../helpers/run-action.js';
import { hostFilesWith, hostileFiles, hostileSetup, repoState, survivors, type HostileSetup } from './hostile-pr.js';

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

let setup: HostileSetup;
let repo: FixtureRepo;

beforeAll(async () => {
  ensureBundle();
  setup = await hostileSetup();
  const hostile = hostileFiles(setup, "import '../src/cart';");
  repo = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5', headFiles: hostile.files, headLinks: hostile.links });
}, 600_000);

afterAll(async () => {
  await setup?.cleanup();
  await repo?.cleanup();
});

/** The secrets of a run: every one carries the setup's mark, so any leak of any of them shows. */
function secrets(): { readonly token: string; readonly apiKey: string; readonly runtime: string } {
  return {
    token: `${setup.secretMark}-token`,
    apiKey: `sk-${setup.secretMark}-key`,
    runtime: `${setup.secretMark}-runtime`,
  };
}

/** What no run may leave, whatever its level: the checks shared by every case below. */
function expectNoHarm(outputs: readonly string[], before: Record<string, string>, dir: string): void {
  for (const output of outputs) {
    // The action registers its secrets with the runner (`::add-mask::`), which hides them from the log.
    const text = output.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
    expect(text).not.toContain(setup.secretMark);
    // A workflow command the hostile test wrote would be a line of the log starting with "::".
    expect(text.split('\n').some((line) => line.trimStart().startsWith(`::warning::${setup.mark}`))).toBe(false);
  }
  expect(hostFilesWith(setup, [setup.mark, setup.secretMark])).toEqual([]);
  expect(readFileSync(setup.githubEnv, 'utf8')).toBe('');
  expect(readFileSync(setup.homeFile, 'utf8')).toBe('# the user shell profile\n');
  expect(repoState(dir)).toEqual(before);
  expect(survivors(setup.mark)).toEqual([]);
  expect(setup.server.connections()).toBe(0);
}

/** Runs the bundled CLI as another user (setpriv), without waiting synchronously. */
function runCliAs(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; uid?: number; gid?: number; via?: string[] }) {
  const command = [...(options.via ?? []), process.execPath, CLI, ...args];
  const child = spawn(command[0]!, command.slice(1), { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid }) });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

/** A copy of the repository owned by `uid`, as that user's own checkout would be. */
function copyOwnedBy(uid: number, gid: number): string {
  const parent = mkdtempSync(join(tmpdir(), 'testmaster-owned-'));
  chmodSync(parent, 0o755);
  const dir = join(parent, 'repo');
  cpSync(repo.dir, dir, { recursive: true, verbatimSymlinks: true });
  execFileSync('chown', ['-R', '-h', `${uid}:${gid}`, parent]);
  return dir;
}

function readReport(path: string): { isolation?: { level: string; mechanism: string | null; notes: string[] }; files: { path: string; status: string }[] } {
  return JSON.parse(readFileSync(path, 'utf8')) as never;
}

describe('a hostile test in the pull request, measured by the action as root: another user in namespaces', () => {
  it('reads no secret, writes nothing outside its directory, leaves no process, reaches no network, forges no log line', async () => {
    const before = repoState(repo.dir);
    const s = secrets();
    const run = await runActionAsync(repo, {
      inputs: { token: s.token, 'api-key': s.apiKey, provider: 'none', 'measure-base': 'false' },
      env: { GITHUB_ENV: setup.githubEnv, ACTIONS_RUNTIME_TOKEN: s.runtime, GITHUB_TOKEN: s.token },
    });
    try {
      expect(run.status, run.stderr + run.stdout).toBe(0);
      const report = readReport(join(run.runnerTemp, 'testmaster', 'report.json'));
      expect(report.isolation?.level).toBe('user');
      expect(report.isolation?.mechanism).toBe('root');
      // The hostile test did run: the module it imports was measured with it.
      expect(report.files.find((file) => file.path === 'src/cart.ts')?.status).toBe('measured');
      expect(run.summary).toMatch(/Isolation: user; the repository's code ran as nobody/);
      expectNoHarm([run.stdout, run.stderr, run.summary, readFileSync(join(run.runnerTemp, 'testmaster', 'report.json'), 'utf8')], before, repo.dir);
    } finally {
      run.cleanup();
    }
  }, 300_000);
});

describe('the same pull request through the CLI with a model key in the environment and on the command line', () => {
  it('as root: the key is in neither /proc/<pid>/environ nor cmdline of anything the test sees, nor anywhere it writes', async () => {
    const before = repoState(repo.dir);
    const s = secrets();
    const reportPath = join(setup.hostDir, 'cli-root.json');
    const run = await runCliAs(['run', '--base', repo.base, '--provider', 'none', '--no-base', '--no-store', '--api-key', s.apiKey, '--report-json', reportPath], {
      cwd: repo.dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, OPENAI_API_KEY: s.apiKey, GITHUB_TOKEN: s.token },
    });
    expect(run.status, run.stderr).toBe(0);
    const report = readReport(reportPath);
    rmSync(reportPath);
    expect(report.isolation?.level).toBe('user');
    expect(report.files.find((file) => file.path === 'src/cart.ts')?.status).toBe('measured');
    expectNoHarm([run.stdout, run.stderr], before, repo.dir);
  }, 300_000);
});

describe.runIf(isRoot)('as a user without sudo: an unprivileged user namespace', () => {
  it('the same attack does no harm, and the report says level namespace', async () => {
    const dir = copyOwnedBy(NOBODY, NOBODY);
    try {
      const before = repoState(dir);
      const home = mkdtempSync(join(tmpdir(), 'testmaster-nobody-home-'));
      chownSync(home, NOBODY, NOBODY);
      const reportPath = join(home, 'report.json');
      const run = await runCliAs(['run', '--base', repo.base, '--provider', 'none', '--no-base', '--no-store', '--report-json', reportPath], {
        cwd: dir,
        env: { PATH: process.env.PATH, HOME: home, OPENAI_API_KEY: secrets().apiKey },
        uid: NOBODY,
        gid: NOBODY,
      });
      expect(run.status, run.stderr).toBe(0);
      const report = readReport(reportPath);
      rmSync(home, { recursive: true, force: true });
      expect(report.isolation?.level).toBe('namespace');
      expect(report.isolation?.mechanism).toBe('user-namespace');
      expect(report.files.find((file) => file.path === 'src/cart.ts')?.status).toBe('measured');
      expectNoHarm([run.stdout, run.stderr], before, dir);
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
  }, 300_000);
});

/** Is sudo installed? .ci/run installs it and sets TESTMASTER_REQUIRE_SUDO, so CI never skips the test through sudo. */
const hasSudo = ((): boolean => {
  try {
    execFileSync('sh', ['-c', 'command -v sudo'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** A user with passwordless sudo, as GitHub-hosted runners have; made once on this machine (root only). */
function sudoUser(): { uid: number; gid: number } {
  if (!hasSudo) throw new Error('sudo is not installed (apt-get install sudo): .ci/run installs it to test the isolation through sudo');
  const name = 'testmaster-sudo';
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--create-home', name]);
  }
  execFileSync('sh', ['-c', `echo '${name} ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/${name} && chmod 440 /etc/sudoers.d/${name}`]);
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

describe.runIf(isRoot && (hasSudo || process.env.TESTMASTER_REQUIRE_SUDO === '1'))('as a user with passwordless sudo: another user, through sudo', () => {
  it('the same attack does no harm, and the report says level user through sudo', async () => {
    const user = sudoUser();
    const dir = copyOwnedBy(user.uid, user.gid);
    try {
      const before = repoState(dir);
      const home = mkdtempSync(join(tmpdir(), 'testmaster-sudo-home-'));
      chownSync(home, user.uid, user.gid);
      const reportPath = join(home, 'report.json');
      const run = await runCliAs(['run', '--base', repo.base, '--provider', 'none', '--no-base', '--no-store', '--report-json', reportPath], {
        cwd: dir,
        env: { PATH: process.env.PATH, HOME: home, OPENAI_API_KEY: secrets().apiKey },
        uid: user.uid,
        gid: user.gid,
      });
      expect(run.status, run.stderr).toBe(0);
      const report = readReport(reportPath);
      rmSync(home, { recursive: true, force: true });
      expect(report.isolation?.level).toBe('user');
      expect(report.isolation?.mechanism).toBe('sudo');
      expect(report.files.find((file) => file.path === 'src/cart.ts')?.status).toBe('measured');
      expectNoHarm([run.stdout, run.stderr], before, dir);
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
  }, 300_000);
});

describe.runIf(isRoot)('on a machine offering no isolation (no sudo, no user namespaces)', () => {
  /** Inside a user namespace where no further one may be made and no other uid exists: nothing works. */
  const noIsolation = ['unshare', '--user', '--map-root-user', '--', 'sh', '-c', 'echo 0 > /proc/sys/user/max_user_namespaces && exec "$@"', 'sh'];

  it('refuses to run the repository\'s code next to a model key, with a one-line message saying what to do, and runs none of it', async () => {
    const before = repoState(repo.dir);
    const run = await runCliAs(['run', '--base', repo.base, '--provider', 'none', '--no-base', '--no-store'], {
      cwd: repo.dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, OPENAI_API_KEY: secrets().apiKey },
      via: noIsolation,
    });
    expect(run.status).toBe(1);
    const message = run.stderr.trim().split('\n').at(-1) ?? '';
    expect(message).toMatch(/^testmaster: no process isolation is available on this machine \(.+\), and this run holds the model key: .*set isolation: none to accept the risk$/);
    expect(survivors(setup.mark)).toEqual([]);
    expect(repoState(repo.dir)).toEqual(before);
    expect(hostFilesWith(setup, [setup.mark])).toEqual([]);
  }, 300_000);

  it('with isolation: none set, runs it and says so', async () => {
    const dir = copyOwnedBy(0, 0); // the hostile test will change it: that is what level none means
    const reportPath = join(setup.hostDir, 'none.json');
    try {
      const run = await runCliAs(['run', '--base', repo.base, '--provider', 'none', '--no-base', '--no-store', '--isolation', 'none', '--report-json', reportPath], {
        cwd: dir,
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        via: noIsolation,
      });
      expect(run.stderr).toContain("warning: the repository's code runs without isolation: isolation: none was set");
      // Without isolation the hostile test reached the host.
      expect(hostFilesWith(setup, [setup.mark]).length).toBeGreaterThan(0);
    } finally {
      // Clean up after it for the other tests: its survivors, its loot, the files it wrote.
      for (const pid of survivors(setup.mark)) process.kill(pid, 'SIGKILL');
      rmSync(reportPath, { force: true });
      rmSync(join(setup.hostDir, `loot-${setup.mark}`), { force: true });
      writeFileSync(setup.homeFile, '# the user shell profile\n');
      writeFileSync(setup.githubEnv, '');
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
  }, 300_000);
});
