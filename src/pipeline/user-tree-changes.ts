/**
 * Files in the user's working tree that changed since a snapshot, leaving out the files this run
 * writes there itself (an `--events` log inside the repository), so the user is warned only about what
 * their tests changed.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { changedPaths, readWorkingTreeStatus, type WorkingTreeSnapshot } from '../git/working-tree-snapshot.js';

export async function userTreeChanges(dir: string, before: WorkingTreeSnapshot, ownOutputs: readonly string[] = []): Promise<string[]> {
  const own = new Set(ownOutputs.map((file) => path.relative(dir, realOrSame(file)).split(path.sep).join('/')));
  return changedPaths(before, (await readWorkingTreeStatus(dir)).snapshot).filter((entry) => !own.has(entry));
}

function realOrSame(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
