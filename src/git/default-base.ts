/** The base ref to compare against when the user names none: the remote's default branch. */
import { GitError } from '../errors/errors.js';
import { runGit } from './exec.js';
import { tryResolveCommit } from './refs.js';

const FALLBACK_BRANCHES = ['origin/main', 'origin/master', 'main', 'master'];

/** `origin/<default branch>` from origin/HEAD, else the first of origin/main, origin/master, main, master that exists. */
export async function defaultBaseRef(repoDir: string, remote = 'origin'): Promise<string> {
  const symbolic = await runGit(repoDir, ['symbolic-ref', '--quiet', `refs/remotes/${remote}/HEAD`], { okExitCodes: [1, 128] });
  const target = symbolic.stdout.trim();
  if (symbolic.exitCode === 0 && target.startsWith('refs/remotes/')) return target.slice('refs/remotes/'.length);
  const candidates = remote === 'origin' ? FALLBACK_BRANCHES : [`${remote}/main`, `${remote}/master`, 'main', 'master'];
  for (const candidate of candidates) {
    if ((await tryResolveCommit(repoDir, candidate)) !== null) return candidate;
  }
  throw new GitError(`could not find a base branch (no ${remote}/HEAD, main or master) in ${repoDir}; pass --base <ref>`);
}
