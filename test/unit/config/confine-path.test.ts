/**
 * Path confinement of a repository file's path settings, on a real git repository in a temp dir with
 * real symbolic links: inside is fine (also when the directories do not exist yet), `..`, absolute
 * paths and links leading outside are refused, reports may not go into the git directory, the run
 * store may (also the common git directory of a linked worktree).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRepositoryRoots, isRepositoryFile, isWithin, pathConfinementProblem, type RepositoryRoots } from '../../../src/config/confine-path.js';

let top: string;
let repo: string;
let outside: string;
let roots: RepositoryRoots;

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { cwd, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } }).toString();

beforeAll(async () => {
  top = realpathSync(mkdtempSync(join(tmpdir(), 'testmaster-confine-')));
  repo = join(top, 'repo');
  outside = join(top, 'home');
  mkdirSync(join(repo, 'src'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, '.bashrc'), 'alias ll="ls -l"\n');
  writeFileSync(join(repo, 'src', 'a.ts'), 'export const a = 1;\n');
  git(repo, 'init', '-q');
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'base');
  symlinkSync(outside, join(repo, 'reports')); // a directory link planted by a pull request
  symlinkSync(join(outside, '.bashrc'), join(repo, 'coverage.json')); // a file link
  symlinkSync(join(repo, 'src'), join(repo, 'source')); // a link that stays inside
  roots = await findRepositoryRoots(join(repo, 'src'));
});
afterAll(() => rmSync(top, { recursive: true, force: true }));

describe('findRepositoryRoots', () => {
  it('finds the top of the working tree and the git directory, as real paths', () => {
    expect(roots).toEqual({ workTree: repo, gitDirs: [join(repo, '.git')] });
  });

  it('gives a linked worktree its own git directory and the common one', async () => {
    git(repo, 'worktree', 'add', '-q', '--detach', join(top, 'linked'));
    try {
      const linked = await findRepositoryRoots(join(top, 'linked'));
      expect(linked.workTree).toBe(join(top, 'linked'));
      expect(linked.gitDirs).toEqual([join(repo, '.git', 'worktrees', 'linked'), join(repo, '.git')]);
      expect(await pathConfinementProblem(join(repo, '.git', 'testmaster', 'store.sqlite'), linked, 'store')).toBeNull();
      expect(await pathConfinementProblem(join(repo, 'src', 'report.md'), linked, 'write')).toMatch(/^resolves outside the repository/);
    } finally {
      git(repo, 'worktree', 'remove', '--force', join(top, 'linked'));
    }
  });

  it('outside a git repository, is the directory itself with no git directory', async () => {
    expect(await findRepositoryRoots(outside)).toEqual({ workTree: outside, gitDirs: [] });
  });
});

describe('pathConfinementProblem', () => {
  it('accepts paths inside the working tree, existing or not, and through a link that stays inside', async () => {
    for (const path of ['report.md', 'out/deep/new/report.json', 'src/a.ts', 'source/report.md']) {
      expect(await pathConfinementProblem(join(repo, path), roots, 'write'), path).toBeNull();
    }
  });

  it('refuses ../ and absolute paths outside, naming where they lead', async () => {
    expect(await pathConfinementProblem(join(repo, '..', 'home', '.bashrc'), roots, 'write')).toBe(`resolves outside the repository, to ${join(outside, '.bashrc')}`);
    expect(await pathConfinementProblem('/etc/passwd', roots, 'read')).toBe('resolves outside the repository, to /etc/passwd');
    expect(await pathConfinementProblem(join(outside, '.ssh', 'authorized_keys'), roots, 'store')).toMatch(/^resolves outside the repository, to /);
  });

  it('refuses a path through a planted directory link, existing file or not', async () => {
    expect(await pathConfinementProblem(join(repo, 'reports', 'x.md'), roots, 'write')).toBe(`leads through a symbolic link to ${join(outside, 'x.md')}, outside the repository`);
    expect(await pathConfinementProblem(join(repo, 'reports', 'new', 'dir', 'x.md'), roots, 'write')).toMatch(/^leads through a symbolic link to .*home\/new\/dir\/x\.md, outside/);
    expect(await pathConfinementProblem(join(repo, 'reports', '.bashrc'), roots, 'store')).toMatch(/^leads through a symbolic link/);
  });

  it('refuses a path through a link that points to nothing (what it names could be created anywhere)', async () => {
    symlinkSync(join(outside, 'not-yet'), join(repo, 'dangling'));
    expect(await pathConfinementProblem(join(repo, 'dangling', 'x.md'), roots, 'write')).toBe(`leads through the symbolic link ${join(repo, 'dangling')}, which points to nothing`);
    expect(await pathConfinementProblem(join(repo, 'dangling', 'a', 'b.sqlite'), roots, 'store')).toMatch(/which points to nothing$/);
    expect(await pathConfinementProblem(join(repo, 'dangling'), roots, 'read')).toMatch(/which points to nothing$/);
  });

  it('checks the file itself for a file that is only read (reading follows a link); a written file is renamed over its path instead', async () => {
    expect(await pathConfinementProblem(join(repo, 'coverage.json'), roots, 'read')).toBe(`leads through a symbolic link to ${join(outside, '.bashrc')}, outside the repository`);
    expect(await pathConfinementProblem(join(repo, 'coverage.json'), roots, 'write')).toBeNull();
  });

  it('keeps reports out of the git directory (config, hooks), in any letter case, but lets the run store live there', async () => {
    expect(await pathConfinementProblem(join(repo, '.git', 'config'), roots, 'write')).toBe(`is inside the git directory (${join(repo, '.git', 'config')})`);
    expect(await pathConfinementProblem(join(repo, '.git', 'hooks', 'pre-commit'), roots, 'write')).toMatch(/^is inside the git directory/);
    expect(await pathConfinementProblem(join(repo, '.GIT', 'config'), roots, 'write')).toMatch(/^is inside the git directory/);
    expect(await pathConfinementProblem(join(repo, '.git', 'testmaster', 'store.sqlite'), roots, 'store')).toBeNull();
    expect(await pathConfinementProblem(join(repo, '.git', 'testmaster', 'coverage.json'), roots, 'read')).toBeNull();
  });
});

describe('isRepositoryFile', () => {
  it('is true for a file in the working tree or git directory, also through a link into it, and for a link inside leading out', async () => {
    expect(await isRepositoryFile(join(repo, '.github', 'testmaster.yml'), roots)).toBe(true);
    expect(await isRepositoryFile(join(repo, '.git', 'tm.yml'), roots)).toBe(true);
    expect(await isRepositoryFile(join(repo, 'coverage.json'), roots)).toBe(true);
    const link = join(outside, 'repo-link');
    symlinkSync(repo, link);
    expect(await isRepositoryFile(join(link, 'cfg.yml'), roots)).toBe(true);
    const fileLink = join(outside, 'cfg-link.yml');
    symlinkSync(join(repo, 'src', 'a.ts'), fileLink);
    expect(await isRepositoryFile(fileLink, roots)).toBe(true);
  });

  it('is false for a file of the user\'s outside the repository', async () => {
    expect(await isRepositoryFile(join(outside, 'testmaster.yml'), roots)).toBe(false);
    expect(await isRepositoryFile(join(top, 'repo-sibling', 'tm.yml'), roots)).toBe(false);
  });
});

describe('isWithin', () => {
  it('compares whole path segments', () => {
    expect(isWithin('/r', '/r')).toBe(true);
    expect(isWithin('/r', '/r/a/b')).toBe(true);
    expect(isWithin('/r', '/r/..a')).toBe(true);
    expect(isWithin('/r', '/rx')).toBe(false);
    expect(isWithin('/r', '/r/../x')).toBe(false);
    expect(isWithin('/r/a', '/r')).toBe(false);
  });
});
