/**
 * The repository guard: what repository code must leave as it found it, checked at every isolation
 * level (also "none", where it runs as our own user).
 *
 * - The git directory's guarded files (admin-rules.ts): a baseline with their bytes before the first
 *   test process; after every test process a stat of each (about a millisecond), and on any change
 *   the baseline is put back exactly before the result is handed on (so before any further git
 *   command of ours that waits on it), and the changed paths are returned. TestMaster's own worktree
 *   additions and removals run through `changingWorktrees`, which takes their admin files into (or
 *   out of) the baseline; checks wait while one runs.
 * - The user's checkout, ignored files included (tree-scan.ts): a baseline before the first test
 *   process, compared at the end of each phase that ran repository code (`checkTree`), not per process:
 *   a real-sized node_modules costs hundreds of milliseconds (bench/tree-snapshot.ts). It cannot be
 *   put back (only stats are kept); the caller discards the phase's results and says what to do.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import { GitError } from '../errors/errors.js';
import { forgetEffectiveConfigs } from '../git/effective-config.js';
import { runGit } from '../git/exec.js';
import type { WorktreeChanges } from '../git/worktree.js';
import { changedPaths, compareAdmin, sameEntry, type AdminDifference } from './admin-compare.js';
import { restoreGitAdmin } from './admin-restore.js';
import { gitfileOf, readAdminEntries, readAdminEntry, scanGitAdmin, scanWorktreeAdmin, worktreeAdminDirs, type AdminEntry } from './admin-scan.js';
import { compareTree, ownOutputMatcher, type TreeChange } from './tree-compare.js';
import { scanTree, type TreeSnapshot } from './tree-scan.js';

/** What the executor wrapper needs (guard-executor.ts). */
export interface ProcessGuard {
  /** Before a test process starts: takes the baselines the first time. */
  beforeProcess(): Promise<void>;
  /** After a test process ended: the guarded git files that changed (already put back), display paths. */
  afterProcess(): Promise<readonly string[]>;
}

export interface RepositoryGuard extends ProcessGuard, WorktreeChanges {
  /**
   * Compares the checkout with the last baseline (files the run writes itself, absolute paths, left
   * out), then makes the current state the baseline. Empty when no test process ran since.
   */
  checkTree(ownOutputs: readonly string[]): Promise<readonly TreeChange[]>;
}

interface Layout {
  readonly top: string;
  readonly commonDir: string;
  readonly gitDir: string;
}

/** Copies of TestMaster's own proposals, written after a run: never the tests' doing. */
const PROPOSED_DIR = '.testmaster/proposed';

export function createRepositoryGuard(repoDir: string): RepositoryGuard {
  const serial = pLimit(1);
  let started: Promise<void> | null = null;
  let layout: Layout | null = null;
  const admin = new Map<string, AdminEntry>();
  /** Worktree admin directory -> the worktree's `.git` file, as the baseline has it. */
  const gitfiles = new Map<string, string>();
  let tree: TreeSnapshot = new Map();
  let processesSinceTreeCheck = 0;

  const setUp = async (): Promise<void> => {
    layout = await locate(repoDir);
    for (const [file, entry] of readAdminEntries(scanGitAdmin(layout.commonDir, []).keys())) admin.set(file, entry);
    for (const adminDir of worktreeAdminDirs(layout.commonDir)) addGitfile(adminDir);
    tree = await scanTree(layout.top, skipDirs(layout));
  };
  const ready = (): Promise<Layout> => {
    started ??= setUp();
    return started.then(() => layout!);
  };
  const addGitfile = (adminDir: string): void => {
    const gitfile = gitfileOf(adminDir);
    const entry = gitfile === null ? null : readAdminEntry(gitfile);
    if (gitfile === null || entry === null || entry.kind !== 'file') return;
    gitfiles.set(adminDir, gitfile);
    admin.set(gitfile, entry);
  };

  return {
    async beforeProcess() {
      await ready();
      processesSinceTreeCheck += 1;
    },

    afterProcess() {
      return serial(async () => {
        const { commonDir, top } = await ready();
        const difference = realDifference(admin, scanGitAdmin(commonDir, [...gitfiles.values()]));
        const changed = changedPaths(difference);
        if (changed.length === 0) return [];
        try {
          restoreGitAdmin(admin, difference);
        } catch (error) {
          throw new GitError(`could not put back ${listDisplay(changed, top)} after a test changed them (${error instanceof Error ? error.message : String(error)}); restore them by hand before using the repository`, { cause: error });
        }
        forgetEffectiveConfigs();
        const left = changedPaths(realDifference(admin, scanGitAdmin(commonDir, [...gitfiles.values()])));
        if (left.length > 0) throw new GitError(`could not put back ${listDisplay(left, top)} after a test changed them; restore them by hand before using the repository`);
        return changed.map((file) => displayPath(file, top)).sort();
      });
    },

    changingWorktrees(fn) {
      return serial(async () => {
        const { commonDir } = await ready();
        const before = new Set(worktreeAdminDirs(commonDir));
        try {
          return await fn();
        } finally {
          const after = new Set(worktreeAdminDirs(commonDir));
          for (const adminDir of after) {
            if (before.has(adminDir)) continue;
            for (const [file, entry] of readAdminEntries(scanWorktreeAdmin(adminDir).keys())) admin.set(file, entry);
            addGitfile(adminDir);
          }
          for (const adminDir of before) {
            if (after.has(adminDir)) continue;
            for (const file of [...admin.keys()]) if (file === adminDir || file.startsWith(`${adminDir}${path.sep}`)) admin.delete(file);
            const gitfile = gitfiles.get(adminDir);
            if (gitfile !== undefined) admin.delete(gitfile);
            gitfiles.delete(adminDir);
          }
        }
      });
    },

    async checkTree(ownOutputs) {
      const current = await ready();
      if (processesSinceTreeCheck === 0) return [];
      processesSinceTreeCheck = 0;
      const now = await scanTree(current.top, skipDirs(current));
      const own = ownOutputMatcher([PROPOSED_DIR, ...ownOutputs.map((file) => relativeTo(current.top, file)).filter((file) => file !== null)]);
      const changes = compareTree(tree, now, own);
      tree = now;
      return changes;
    },
  };
}

/**
 * The difference without files rewritten with the same bytes and mode (their new stat becomes the
 * baseline's, so they are not read again).
 */
function realDifference(admin: Map<string, AdminEntry>, current: ReturnType<typeof scanGitAdmin>): AdminDifference {
  const difference = compareAdmin(admin, current);
  const differing = difference.differing.filter((file) => {
    const before = admin.get(file)!;
    const now = readAdminEntry(file);
    if (!sameEntry(before, now)) return true;
    admin.set(file, { ...before, sig: now!.sig });
    return false;
  });
  return { ...difference, differing };
}

async function locate(repoDir: string): Promise<Layout> {
  const result = await runGit(repoDir, ['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-common-dir', '--absolute-git-dir']);
  const [top, commonDir, gitDir] = result.stdout.split('\n');
  if (!top || !commonDir || !gitDir) throw new GitError(`could not locate the git directory of ${repoDir}; run inside a checkout or pass --repo`);
  return { top: realpathSync(top), commonDir: realpathSync(commonDir), gitDir: realpathSync(gitDir) };
}

/** Git directories inside the checkout that are not its top-level `.git` (never walked as checkout content). */
function skipDirs(layout: Layout): string[] {
  return [layout.commonDir, layout.gitDir];
}

function relativeTo(top: string, file: string): string | null {
  let absolute = path.resolve(file);
  try {
    absolute = realpathSync(absolute);
  } catch {
    absolute = path.join(realpathOr(path.dirname(absolute)), path.basename(absolute));
  }
  const relative = path.relative(top, absolute);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? null : relative.split(path.sep).join('/');
}

function realpathOr(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/** `.git/config` for files under the checkout, else the absolute path. */
export function displayPath(file: string, top: string): string {
  const relative = path.relative(top, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

function listDisplay(files: readonly string[], top: string): string {
  return files.slice(0, 5).map((file) => displayPath(file, top)).join(', ');
}
