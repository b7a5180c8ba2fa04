/**
 * A cheap fingerprint of the user's working tree: git's status (tracked changes and untracked files,
 * ignored files excluded) plus size and mtime of every path it lists. Taken before and after test
 * runners run in the user's checkout, to tell the user when their tests changed files.
 */
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { runGit } from './exec.js';

export type WorkingTreeSnapshot = ReadonlyMap<string, string>;

export async function snapshotWorkingTree(repoDir: string): Promise<WorkingTreeSnapshot> {
  const { stdout } = await runGit(repoDir, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames']);
  const snapshot = new Map<string, string>();
  for (const entry of stdout.split('\0')) {
    if (entry.length < 4) continue;
    const path = entry.slice(3);
    const stats = await lstat(join(repoDir, path)).catch(() => null);
    snapshot.set(path, `${entry.slice(0, 2)} ${stats ? `${stats.size}:${stats.mtimeMs}` : 'gone'}`);
  }
  return snapshot;
}

/** Paths whose state differs between two snapshots, sorted. */
export function changedPaths(before: WorkingTreeSnapshot, after: WorkingTreeSnapshot): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}
