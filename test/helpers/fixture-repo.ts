/**
 * Builds a real git repository from a fixture project (layout in test/fixtures/README.md): base/ is
 * committed first, then head/ and any variants are copied on top and committed as the head. The
 * repository's node_modules (at its root) is a symlink to an installed toolchain.
 */
import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { toolchainModules, type ToolchainName } from './toolchains.js';
import { PROJECT_ROOT } from './project-root.js';

const run = promisify(execFile);

export const FIXTURES_DIR = join(PROJECT_ROOT, 'test', 'fixtures');

export interface FixtureRepo {
  /** Real absolute path of the repository (symlinks resolved). */
  readonly dir: string;
  /** Commit ids. */
  readonly base: string;
  readonly head: string;
  cleanup(): Promise<void>;
}

export interface FixtureRepoOptions {
  readonly toolchain: ToolchainName;
  /** Names of directories under the fixture's variants/, copied on top of head/ in this order. */
  readonly variants?: readonly string[];
  /** Files the head commit adds on top (repository-relative path -> text), e.g. a hostile test made for one test. */
  readonly headFiles?: Readonly<Record<string, string>>;
  /** Symlinks the head commit adds (repository-relative path -> target), e.g. one pointing outside the repository. */
  readonly headLinks?: Readonly<Record<string, string>>;
}

/** The environment fixture repositories are built with: no system or user git config, a fixed author. */
export const FIXTURE_GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.com',
  GIT_COMMITTER_NAME: 'Fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.com',
};

export async function makeFixtureRepo(fixtureName: string, options: FixtureRepoOptions): Promise<FixtureRepo> {
  const fixtureDir = join(FIXTURES_DIR, fixtureName);
  await assertDirectory(join(fixtureDir, 'base'), `fixture ${fixtureName} has no base/ directory`);
  const dir = await realpath(await mkdtemp(join(tmpdir(), `testmaster-${fixtureName}-`)));
  // As a checkout is (umask 022): readable by the other user the sandbox runs the tests as.
  await chmod(dir, 0o755);
  const cleanup = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    await cp(join(fixtureDir, 'base'), dir, { recursive: true });
    await symlink(toolchainModules(options.toolchain), join(dir, 'node_modules'), 'dir');
    await git(dir, 'init', '--quiet', '--initial-branch=main');
    const base = await commitAll(dir, 'base');
    await copyOverlay(join(fixtureDir, 'head'), dir);
    for (const variant of options.variants ?? []) {
      const variantDir = join(fixtureDir, 'variants', variant);
      await assertDirectory(variantDir, `fixture ${fixtureName} has no variant ${variant}`);
      await cp(variantDir, dir, { recursive: true });
    }
    for (const [file, text] of Object.entries(options.headFiles ?? {})) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFile(join(dir, file), text);
    }
    for (const [file, target] of Object.entries(options.headLinks ?? {})) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await symlink(target, join(dir, file));
    }
    const head = await commitAll(dir, 'head');
    return { dir, base, head, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function copyOverlay(from: string, to: string): Promise<void> {
  if ((await stat(from).catch(() => null))?.isDirectory()) await cp(from, to, { recursive: true });
}

async function commitAll(dir: string, message: string): Promise<string> {
  await git(dir, 'add', '--all');
  await git(dir, '-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '--allow-empty', '-m', message);
  return (await git(dir, 'rev-parse', 'HEAD')).trim();
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, env: FIXTURE_GIT_ENV });
  return stdout;
}

async function assertDirectory(path: string, message: string): Promise<void> {
  if (!(await stat(path).catch(() => null))?.isDirectory()) throw new Error(message);
}

/** Fixture repositories with variants, made on demand for one test suite and removed together. */
export function fixtureVariants(fixtureName: string, toolchain: ToolchainName): {
  variant(name: string): Promise<FixtureRepo>;
  cleanup(): Promise<void>;
} {
  const repos: FixtureRepo[] = [];
  return {
    async variant(name) {
      const repo = await makeFixtureRepo(fixtureName, { toolchain, variants: [name] });
      repos.push(repo);
      return repo;
    },
    async cleanup() {
      await Promise.all(repos.map((repo) => repo.cleanup()));
    },
  };
}
