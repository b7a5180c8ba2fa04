/**
 * The head is measured in the user's checkout when that is exactly the head commit (checked out, no
 * uncommitted changes to tracked files), and in a temporary worktree otherwise, so the figures always
 * describe the commit the diff was computed for. The user's working tree and index are never changed.
 */
import { runGit } from '../git/exec.js';
import { resolveCommit } from '../git/refs.js';
import { linkNodeModules, withWorktree } from '../git/worktree.js';
import { discoverPackages } from '../scope/workspaces.js';

export interface HeadCheckout {
  readonly dir: string;
  /** True when dir is the user's own checkout (not a temporary worktree). */
  readonly isUserCheckout: boolean;
}

export async function withHeadCheckout<T>(
  repoDir: string,
  head: string,
  warn: (message: string) => void,
  fn: (checkout: HeadCheckout) => Promise<T>,
): Promise<T> {
  const checkedOut = await resolveCommit(repoDir, 'HEAD');
  if (checkedOut === head) {
    const { stdout } = await runGit(repoDir, ['status', '--porcelain=v1', '--untracked-files=no']);
    if (stdout.trim() === '') return fn({ dir: repoDir, isUserCheckout: true });
    warn('the working tree has uncommitted changes: measuring the head commit in a temporary worktree, without them');
  }
  const workspace = await discoverPackages(repoDir);
  return withWorktree(repoDir, head, async (dir) => {
    await linkNodeModules(repoDir, dir, workspace.packageDirs);
    return fn({ dir, isUserCheckout: false });
  });
}
