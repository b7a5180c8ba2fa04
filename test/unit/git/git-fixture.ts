/** Real git repositories in temporary directories, for the git, diff and scope tests. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const TEST_GIT_CONFIG = [
  '-c', 'user.name=TestMaster Tests',
  '-c', 'user.email=tests@example.invalid',
  '-c', 'commit.gpgsign=false',
  '-c', 'tag.gpgsign=false',
  '-c', 'init.defaultBranch=main',
  '-c', 'core.autocrlf=false',
  '-c', 'protocol.file.allow=always',
];

export function gitEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[name];
  return { ...env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };
}

/** Runs git synchronously in `cwd` (test setup only); returns stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...TEST_GIT_CONFIG, ...args], { cwd, env: gitEnv(), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

export function gitBuffer(cwd: string, ...args: string[]): Buffer {
  return execFileSync('git', [...TEST_GIT_CONFIG, ...args], { cwd, env: gitEnv(), maxBuffer: 256 * 1024 * 1024 });
}

export interface TempRepo {
  readonly dir: string;
  git(...args: string[]): string;
  write(file: string, content: string | Buffer): void;
  /** Stages everything and commits; returns the new commit id. */
  commitAll(message: string): string;
  head(): string;
}

const created: string[] = [];

export function makeTempDir(prefix = 'tm-git-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** A fresh repository with one branch `main` and no commits. */
export function createTempRepo(): TempRepo {
  const dir = path.join(makeTempDir(), 'repo');
  mkdirSync(dir);
  git(dir, 'init', '--quiet', '--initial-branch=main');
  return openRepo(dir);
}

export function openRepo(dir: string): TempRepo {
  return {
    dir,
    git: (...args) => git(dir, ...args),
    write(file, content) {
      const target = path.join(dir, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
    },
    commitAll(message) {
      git(dir, 'add', '--all');
      git(dir, 'commit', '--quiet', '--allow-empty', '-m', message);
      return git(dir, 'rev-parse', 'HEAD').trim();
    },
    head: () => git(dir, 'rev-parse', 'HEAD').trim(),
  };
}

/** Removes every directory made by this module (call from afterAll/afterEach). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Independent check of added lines: the line numbers of `file` at `head` that `git blame`
 * attributes to commits not reachable from `base` (i.e. written between base and head).
 */
export function blameAddedLines(repoDir: string, base: string, head: string, file: string): number[] {
  const porcelain = git(repoDir, 'blame', '--porcelain', `${base}..${head}`, '--', file);
  const attributed: { sha: string; line: number }[] = [];
  const boundary = new Set<string>();
  let current = '';
  for (const line of porcelain.split('\n')) {
    const header = /^([0-9a-f]{40}) \d+ (\d+)/.exec(line);
    if (header) {
      current = header[1]!;
      attributed.push({ sha: current, line: Number(header[2]) });
    } else if (line === 'boundary') {
      boundary.add(current);
    }
  }
  return attributed.filter((entry) => !boundary.has(entry.sha)).map((entry) => entry.line).sort((a, b) => a - b);
}
