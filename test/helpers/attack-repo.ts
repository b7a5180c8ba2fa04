/**
 * Fixture repositories for the attack tests (test/security/): the vitest-ts fixture with, on request,
 * a real node_modules directory (a copy of the toolchain, so a test that writes into it writes into
 * the checkout, as in a user's project after `npm ci`, and never into the shared toolchain), ignored
 * files a user has (.env, dist/), extra files committed as the head, and a marker directory outside the
 * repository where planted commands would leave their trace. Also: the guarded git files' bytes, to
 * check they are byte-identical after a run, and the environment the CLI runs with (fake secrets).
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { FIXTURE_GIT_ENV, makeFixtureRepo, type FixtureRepo } from './fixture-repo.js';
import { toolchainModules } from './toolchains.js';

const run = promisify(execFile);

/** Secrets in the CLI's environment: none may reach a planted command, an output or a report. */
export const FAKE_SECRETS: Readonly<Record<string, string>> = {
  OPENAI_API_KEY: 'sk-attack-test-0123456789abcdefSECRET',
  GITHUB_TOKEN: 'ghp_attacktest0123456789abcdefABCDEF0123',
  INPUT_API_KEY: 'input-attack-secret',
};

export interface AttackRepo extends FixtureRepo {
  /** Outside the repository: a planted command that ran leaves a file here. */
  readonly markers: string;
  /** Files under `markers` (empty: nothing planted ran). */
  markersWritten(): string[];
  /** Bytes, modes and targets of .git/config, .git/config.worktree, .git/HEAD, .git/info/** and .git/hooks/**. */
  guardedGitFiles(): Map<string, string>;
  /** `git status --porcelain` of the checkout (plain git, hooks off). */
  status(): Promise<string>;
  /** Commits the files on top of the head and returns the new head. */
  commit(files: Readonly<Record<string, string>>, message: string): Promise<string>;
}

export interface AttackRepoOptions {
  /** Replace the node_modules symlink by a copy of the toolchain. */
  readonly realNodeModules?: boolean;
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', '-c', 'commit.gpgsign=false', ...args], { cwd, env: FIXTURE_GIT_ENV });
  return stdout;
}

export async function makeAttackRepo(options: AttackRepoOptions = {}): Promise<AttackRepo> {
  const fixture = await makeFixtureRepo('vitest-ts', { toolchain: 'vitest5' });
  const markers = await mkdtemp(join(tmpdir(), 'testmaster-markers-'));
  const { dir } = fixture;
  if (options.realNodeModules) {
    rmSync(join(dir, 'node_modules'));
    await cp(toolchainModules('vitest5'), join(dir, 'node_modules'), { recursive: true });
  }
  writeFileSync(join(dir, '.gitignore'), 'node_modules\ndist/\ncoverage/\n.env\n');
  let head = fixture.head;
  const commit = async (files: Readonly<Record<string, string>>, message: string): Promise<string> => {
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), content);
    }
    await git(dir, 'add', '--all');
    await git(dir, 'commit', '--quiet', '-m', message);
    head = (await git(dir, 'rev-parse', 'HEAD')).trim();
    return head;
  };
  await commit({}, 'ignore .env');
  // What a user's checkout holds besides the tracked files.
  writeFileSync(join(dir, '.env'), 'DATABASE_URL=postgres://localhost/dev\n');
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.js'), 'export {};\n');
  chmodSync(join(dir, '.git', 'hooks'), 0o755);
  return {
    ...fixture,
    get head() {
      return head;
    },
    markers,
    markersWritten: () => readdirSync(markers).sort(),
    guardedGitFiles: () => guardedGitFiles(join(dir, '.git')),
    status: async () => git(dir, 'status', '--porcelain', '--untracked-files=all'),
    commit,
    cleanup: async () => {
      await fixture.cleanup();
      await rm(markers, { recursive: true, force: true });
    },
  };
}

function guardedGitFiles(gitDir: string): Map<string, string> {
  const state = new Map<string, string>();
  const record = (file: string, rel: string): void => {
    if (!existsSync(file) && !isLink(file)) return;
    const stats = lstatSync(file);
    if (stats.isSymbolicLink()) state.set(rel, `link:${readlinkSync(file)}`);
    else if (stats.isDirectory()) {
      state.set(rel, `dir:${(stats.mode & 0o7777).toString(8)}`);
      for (const name of readdirSync(file)) record(join(file, name), `${rel}/${name}`);
    } else state.set(rel, `file:${(stats.mode & 0o7777).toString(8)}:${readFileSync(file).toString('base64')}`);
  };
  for (const name of ['config', 'config.worktree', 'HEAD', 'info', 'hooks']) record(join(gitDir, name), `.git/${name}`);
  return state;
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The CLI's environment: ours, plus secrets that must go nowhere. */
export function attackEnv(): NodeJS.ProcessEnv {
  return { ...process.env, ...FAKE_SECRETS };
}

/**
 * JavaScript (for a test file) that finds the repository's common git directory from the directory the
 * test runs in: the user's checkout (`.git` is a directory) or a worktree (`.git` is a file).
 */
export const FIND_COMMON_GIT_DIR = `function commonGitDir() {
  const dotGit = path.resolve('.git');
  if (fs.statSync(dotGit).isDirectory()) return dotGit;
  const gitDir = path.resolve(fs.readFileSync(dotGit, 'utf8').replace(/^gitdir: /, '').trim());
  return path.resolve(gitDir, fs.readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim());
}`;

/** A shell command for a planted driver: dumps its environment to a marker file, then passes data through. */
export function dumpEnvCommand(markers: string, name: string): string {
  return `env > '${join(markers, name)}'; cat`;
}
