/**
 * The head is measured in the user's checkout when that is exactly the head commit (checked out, no
 * uncommitted changes to tracked files), and in a temporary worktree otherwise, so the figures always
 * describe the commit the diff was computed for. The user's working tree and index are never changed.
 */
import { readWorkingTreeStatus, type WorkingTreeSnapshot } from '../git/working-tree-snapshot.js';
import { linkNodeModules, withWorktree } from '../git/worktree.js';
import { discoverPackages } from '../scope/workspaces.js';

export interface HeadCheckout {
  readonly dir: string;
  /** The user's working tree before any test ran, when dir is the user's own checkout; null for a worktree. */
  readonly userTreeBefore: WorkingTreeSnapshot | null;
}

export async function withHeadCheckout<T>(
  repoDir: string,
  head: string,
  warn: (message: string) => void,
  fn: (checkout: HeadCheckout) => Promise<T>,
  options: { readonly tempRoot?: string } = {},
): Promise<T> {
  const status = await readWorkingTreeStatus(repoDir);
  if (status.headCommit === head) {
    if (!status.hasTrackedChanges) return fn({ dir: repoDir, userTreeBefore: status.snapshot });
    warn('the working tree has uncommitted changes: measuring the head commit in a temporary worktree, without them');
  }
  const workspace = await discoverPackages(repoDir);
  return withWorktree(repoDir, head, async (dir) => {
    await linkNodeModules(repoDir, dir, workspace.packageDirs);
    return fn({ dir, userTreeBefore: null });
  }, options);
}
