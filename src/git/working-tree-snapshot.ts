/**
 * One `git status` (porcelain v2, with the branch header) tells which commit is checked out, whether
 * tracked files have uncommitted changes, and gives a cheap fingerprint of the working tree: every path
 * git lists (changed or untracked, ignored files excluded) with its size and mtime. Used on the user's
 * checkout only before any repository code runs (is it the head commit?), and before and after each
 * candidate in TestMaster's own validation worktree, to put back what a candidate changed there. What
 * repository code changes in the user's checkout and git directory is the repository guard's
 * (src/guard/), which also sees ignored files.
 */
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { runGit } from './exec.js';

export type WorkingTreeSnapshot = ReadonlyMap<string, string>;

export interface WorkingTreeStatus {
  /** The checked-out commit, or null on an unborn branch. */
  readonly headCommit: string | null;
  readonly hasTrackedChanges: boolean;
  readonly snapshot: WorkingTreeSnapshot;
}

/** Fields before the path in porcelain v2 entries: ordinary (1), unmerged (u), untracked (?). */
const FIELDS_BEFORE_PATH: Readonly<Record<string, number>> = { '1': 8, u: 10, '?': 1 };

export async function readWorkingTreeStatus(repoDir: string): Promise<WorkingTreeStatus> {
  const { stdout } = await runGit(repoDir, ['status', '--porcelain=v2', '--branch', '-z', '--untracked-files=all', '--no-renames']);
  let headCommit: string | null = null;
  let hasTrackedChanges = false;
  const snapshot = new Map<string, string>();
  for (const entry of stdout.split('\0')) {
    if (entry.startsWith('# branch.oid ')) {
      const oid = entry.slice('# branch.oid '.length);
      headCommit = /^[0-9a-f]{40,64}$/.test(oid) ? oid : null;
      continue;
    }
    const fields = FIELDS_BEFORE_PATH[entry.charAt(0)];
    if (fields === undefined) continue;
    if (entry.charAt(0) !== '?') hasTrackedChanges = true;
    const path = entry.split(' ').slice(fields).join(' ');
    const stats = await lstat(join(repoDir, path)).catch(() => null);
    snapshot.set(path, `${entry.split(' ', 2).join(' ')} ${stats ? `${stats.size}:${stats.mtimeMs}` : 'gone'}`);
  }
  return { headCommit, hasTrackedChanges, snapshot };
}

/** Paths whose state differs between two snapshots, sorted. */
export function changedPaths(before: WorkingTreeSnapshot, after: WorkingTreeSnapshot): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}
