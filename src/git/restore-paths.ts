/**
 * Puts paths of one of OUR worktrees back as the commit has them: tracked files are checked out again,
 * untracked ones removed. Never used on the user's checkout.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { runGit } from './exec.js';

export async function restorePaths(worktreeDir: string, repoPaths: readonly string[]): Promise<void> {
  if (repoPaths.length === 0) return;
  const listed = await runGit(worktreeDir, ['ls-files', '-z', '--', ...repoPaths]);
  const tracked = new Set(listed.stdout.split('\0').filter((entry) => entry !== ''));
  const trackedPaths = repoPaths.filter((entry) => tracked.has(entry));
  if (trackedPaths.length > 0) await runGit(worktreeDir, ['checkout', '--', ...trackedPaths]);
  for (const entry of repoPaths.filter((item) => !tracked.has(item))) {
    await rm(path.join(worktreeDir, entry), { recursive: true, force: true });
  }
}
