/**
 * The head is measured in the user's checkout when it is the checked-out commit, and in a temporary
 * worktree otherwise; the user's working tree and index are never changed.
 */
import { resolveCommit } from '../git/refs.js';
import { linkNodeModules, withWorktree } from '../git/worktree.js';
import { discoverPackages } from '../scope/workspaces.js';

export async function withHeadCheckout<T>(repoDir: string, head: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const checkedOut = await resolveCommit(repoDir, 'HEAD');
  if (checkedOut === head) return fn(repoDir);
  const workspace = await discoverPackages(repoDir);
  return withWorktree(repoDir, head, async (dir) => {
    await linkNodeModules(repoDir, dir, workspace.packageDirs);
    return fn(dir);
  });
}
