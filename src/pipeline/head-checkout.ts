/**
 * The head is measured in the user's checkout when that is exactly the head commit (checked out, no
 * uncommitted changes to tracked files), and in a temporary worktree otherwise, so the figures always
 * describe the commit the diff was computed for. The user's working tree and index are never changed.
 */
import { readWorkingTreeStatus } from '../git/working-tree-snapshot.js';
import { linkNodeModules, withWorktree, type WorktreeChanges } from '../git/worktree.js';
import { discoverPackages } from '../scope/workspaces.js';

export interface HeadCheckout {
  readonly dir: string;
  /** True when dir is the user's own checkout; false for a temporary worktree of ours. */
  readonly userCheckout: boolean;
}

export async function withHeadCheckout<T>(
  repoDir: string,
  head: string,
  warn: (message: string) => void,
  fn: (checkout: HeadCheckout) => Promise<T>,
  options: { readonly tempRoot?: string; readonly guard?: WorktreeChanges } = {},
): Promise<T> {
  // Before any repository code runs; the checkout is guarded from here on (src/guard/).
  const status = await readWorkingTreeStatus(repoDir);
  if (status.headCommit === head) {
    if (!status.hasTrackedChanges) return fn({ dir: repoDir, userCheckout: true });
    warn('the working tree has uncommitted changes: measuring the head commit in a temporary worktree, without them');
  }
  const workspace = await discoverPackages(repoDir);
  return withWorktree(
    repoDir,
    head,
    async (dir) => {
      await linkNodeModules(repoDir, dir, workspace.packageDirs);
      return fn({ dir, userCheckout: false });
    },
    options,
  );
}
