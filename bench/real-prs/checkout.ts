/**
 * A case's working clone, kept between runs under the cache directory: cloned from the fetched mirror
 * (/work/.mirror/owner+name/ or BENCH_MIRRORS), dependencies installed once at the base with the
 * project's package manager (scripts off, package-manager caches under the cache directory too), and
 * the pull request's head made as a commit of the maintainers' non-test changes on top of the base.
 */
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CorpusCase } from './corpus.js';
import { isTestPath } from './test-paths.js';

export interface CaseCheckout {
  readonly dir: string;
  /** The maintainers' commit's parent. */
  readonly base: string;
  /** The base plus the commit's non-test changes. */
  readonly head: string;
  /** The maintainers' commit itself (source and tests). */
  readonly full: string;
  /** The commit's test files (held back from the head). */
  readonly maintainersTests: readonly string[];
  /** The install command as run (or as run by an earlier run whose install is reused). */
  readonly installCommand: string;
  readonly installSeconds: number;
}

const AUTHOR = { GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid', GIT_AUTHOR_DATE: '2000-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2000-01-01T00:00:00Z' };

function git(dir: string, args: readonly string[], options: ExecFileSyncOptions = {}): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options, env: { ...process.env, ...AUTHOR } }) as string;
}

/** Where `fetch` put the repository: a bare git directory. */
export function mirrorOf(repo: string, mirrors: string): string {
  const root = join(mirrors, repo.replace('/', '+'));
  const bare = join(root, 'repo');
  if (existsSync(join(bare, 'HEAD'))) return bare;
  if (existsSync(join(root, 'HEAD'))) return root;
  throw new Error(`${repo} is not fetched: expected a git directory at ${bare} (fetch github:${repo} first, see DEVELOPERS.md)`);
}

function packageManagerVersion(dir: string, name: string, fallback: string): string {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { packageManager?: string };
  const match = new RegExp(`^${name}@(\\d[^+]*)`).exec(manifest.packageManager ?? '');
  return match?.[1] ?? fallback;
}

/** The install command for the case (a shell command run at the repository root). */
export function installCommand(entry: CorpusCase, dir: string): string {
  switch (entry.install) {
    case 'npm':
      return 'npm ci --ignore-scripts --no-audit --no-fund';
    case 'pnpm':
      return `npx -y pnpm@${packageManagerVersion(dir, 'pnpm', '9')} install --frozen-lockfile --ignore-scripts --config.confirmModulesPurge=false`;
    case 'yarn':
      return 'npx -y yarn@1.22.22 install --frozen-lockfile --ignore-scripts --non-interactive';
  }
}

/** Makes the files under dir readable by others: the sandbox runs the repository's code as nobody. */
function openUp(dir: string): void {
  execFileSync('chmod', ['-R', 'a+rX', dir], { stdio: 'ignore' });
}

function install(entry: CorpusCase, dir: string, cache: string): { command: string; seconds: number } {
  const marker = `${dir}.installed`;
  const command = installCommand(entry, dir);
  const wanted = `${entry.commit} ${command}`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return { command, seconds: 0 };
  const started = performance.now();
  const env = {
    ...process.env,
    npm_config_cache: join(cache, 'npm'),
    npm_config_store_dir: join(cache, 'pnpm-store'),
    YARN_CACHE_FOLDER: join(cache, 'yarn'),
    CI: '1',
    npm_config_update_notifier: 'false',
  };
  try {
    execFileSync('sh', ['-c', command], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, timeout: 20 * 60 * 1000 });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim().split('\n').slice(-5).join(' | ');
    throw new Error(`install failed (${command}): ${stderr}`);
  }
  openUp(dir);
  writeFileSync(marker, wanted);
  return { command, seconds: (performance.now() - started) / 1000 };
}

function changedFiles(dir: string, from: string, to: string): { path: string; deleted: boolean }[] {
  return git(dir, ['diff', '--name-status', '--no-renames', from, to])
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [status, path] = line.split('\t');
      return { path: path!, deleted: status === 'D' };
    });
}

/** The pull request's head: a commit on the base with the maintainers' non-test changes only. */
function makeHead(dir: string, base: string, full: string): string {
  git(dir, ['checkout', '-q', '-f', '--detach', base]);
  git(dir, ['clean', '-q', '-fd']);
  const source = changedFiles(dir, base, full).filter((file) => !isTestPath(file.path));
  const present = source.filter((file) => !file.deleted).map((file) => file.path);
  const deleted = source.filter((file) => file.deleted).map((file) => file.path);
  if (present.length > 0) git(dir, ['checkout', full, '--', ...present]);
  if (deleted.length > 0) git(dir, ['rm', '-q', '--', ...deleted]);
  git(dir, ['commit', '-q', '--no-verify', '--allow-empty', '-m', 'pull request: the maintainers\' change without its tests']);
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

/** Puts the checkout on a commit, removing untracked files but keeping ignored ones (node_modules). */
export function checkOut(dir: string, commit: string): void {
  git(dir, ['checkout', '-q', '-f', '--detach', commit]);
  git(dir, ['clean', '-q', '-fd']);
}

export function prepareCase(entry: CorpusCase, cache: string, mirrors: string): CaseCheckout {
  const dir = join(cache, 'checkouts', entry.id);
  if (!existsSync(join(dir, '.git'))) {
    mkdirSync(dirname(dir), { recursive: true });
    execFileSync('git', ['clone', '-q', '--no-checkout', mirrorOf(entry.repo, mirrors), dir], { stdio: 'ignore' });
  }
  const full = git(dir, ['rev-parse', `${entry.commit}^{commit}`]).trim();
  const base = git(dir, ['rev-parse', `${full}^`]).trim();
  checkOut(dir, base);
  const installed = install(entry, dir, cache);
  const head = makeHead(dir, base, full);
  const maintainersTests = changedFiles(dir, base, full).filter((file) => !file.deleted && isTestPath(file.path)).map((file) => file.path);
  checkOut(dir, head);
  return { dir, base, head, full, maintainersTests, installCommand: installed.command, installSeconds: installed.seconds };
}

/** The cache directory, readable by others (the sandbox's user must read the checkouts under it). */
export function ensureCache(cache: string): void {
  mkdirSync(cache, { recursive: true });
  chmodSync(cache, 0o755);
}
