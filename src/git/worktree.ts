/**
 * A temporary, detached checkout of another commit (the base) outside the repository, so the base
 * can be measured without touching the user's working tree or index. Always removed afterwards.
 */
import { lstat, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeTempDir } from '../files/make-temp-dir.js';
import { GitError } from '../errors/errors.js';
import { runGit } from './exec.js';

export interface WorktreeOptions {
  /** Parent directory for the temporary checkout; defaults to the OS temp directory. */
  readonly tempRoot?: string;
  /** Told of the addition and removal (the repository guard takes the worktree's admin files into its baseline). */
  readonly guard?: WorktreeChanges;
}

/** Runs an operation that adds or removes worktrees (src/guard/repository-guard.ts implements it). */
export interface WorktreeChanges {
  changingWorktrees<T>(fn: () => Promise<T>): Promise<T>;
}

const unguarded: WorktreeChanges = { changingWorktrees: (fn) => fn() };

/**
 * Creates a detached worktree of `commit`, calls `fn` with its absolute path, and removes it
 * (`git worktree remove --force` then `git worktree prune`) whether `fn` resolves or throws.
 */
export async function withWorktree<T>(repoDir: string, commit: string, fn: (worktreeDir: string) => Promise<T>, options: WorktreeOptions = {}): Promise<T> {
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit)) {
    throw new GitError(`withWorktree needs a full commit id, got ${JSON.stringify(commit)}; resolve the ref first`);
  }
  const guard = options.guard ?? unguarded;
  const holder = await makeTempDir(options.tempRoot ?? tmpdir(), 'testmaster-base-');
  const worktreeDir = path.join(holder, 'checkout');
  await guard.changingWorktrees(async () => {
    try {
      await runGit(repoDir, ['worktree', 'add', '--detach', '--quiet', worktreeDir, commit]);
    } catch (error) {
      await rm(holder, { recursive: true, force: true });
      await runGit(repoDir, ['worktree', 'prune']).catch(() => undefined);
      const detail = error instanceof Error ? error.message : String(error);
      throw new GitError(`could not check out commit ${commit.slice(0, 12)} into a temporary worktree: ${detail}`, { cause: error });
    }
  });

  let result: T;
  try {
    result = await fn(worktreeDir);
  } catch (error) {
    await guard.changingWorktrees(() => removeWorktree(repoDir, worktreeDir, holder)).catch(() => undefined);
    throw error;
  }
  await guard.changingWorktrees(() => removeWorktree(repoDir, worktreeDir, holder));
  return result;
}


/** Removes a worktree made by withWorktree; falls back to deleting the directory and pruning. */
async function removeWorktree(repoDir: string, worktreeDir: string, holder: string): Promise<void> {
  let removeError: unknown = null;
  try {
    await runGit(repoDir, ['worktree', 'remove', '--force', '--force', worktreeDir]);
  } catch (error) {
    removeError = error;
  }
  // rm never follows symlinks, so linked node_modules of the head checkout are safe.
  await rm(holder, { recursive: true, force: true });
  // `worktree remove` already dropped git's record of it; prune only what a failed remove left.
  if (removeError !== null) await runGit(repoDir, ['worktree', 'prune']);
  const stillThere = await lstat(worktreeDir).then(() => true, () => false);
  if (stillThere) {
    throw new GitError(`could not remove temporary worktree ${worktreeDir}; delete it and run git worktree prune`, { cause: removeError });
  }
}

/**
 * For each package directory (repository-relative, '' for the root) whose head checkout has a
 * `node_modules` directory, symlinks it into the same place in the worktree, unless the package
 * does not exist there or already has one. Returns the created links (absolute paths).
 */
export async function linkNodeModules(headDir: string, worktreeDir: string, packageDirs: readonly string[]): Promise<string[]> {
  const created: string[] = [];
  for (const relDir of new Set(packageDirs)) {
    const normal = path.posix.normalize(relDir === '' ? '.' : relDir);
    if (path.posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../') || normal.includes('\0')) {
      throw new GitError(`package directory ${JSON.stringify(relDir)} is not inside the repository; fix the workspace configuration`);
    }
    const source = path.join(headDir, normal, 'node_modules');
    const targetParent = path.join(worktreeDir, normal);
    const target = path.join(targetParent, 'node_modules');
    const sourceIsDir = await stat(source).then((s) => s.isDirectory(), () => false);
    const parentIsDir = await lstat(targetParent).then((s) => s.isDirectory(), () => false);
    const targetExists = await lstat(target).then(() => true, () => false);
    if (!sourceIsDir || !parentIsDir || targetExists) continue;
    await symlink(path.resolve(source), target, 'dir');
    created.push(target);
  }
  return created;
}
