/**
 * Resolving refs to commits and finding what a head is compared to (the merge base), including the
 * shallow-clone case of CI checkouts: with `allowFetch`, missing history is fetched a bounded number
 * of times; without it, the error says how to get the history (`fetch-depth: 0`).
 */
import { GitError } from '../errors/errors.js';
import { runGit } from './exec.js';

const FULL_COMMIT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** Refuses ref names git could read as options or that cannot be names at all. */
export function assertSafeRef(ref: string, what = 'ref'): void {
  if (!/^[^-\s\x00-\x1f\x7f][^\s\x00-\x1f\x7f]*$/.test(ref)) {
    throw new GitError(`invalid ${what} ${JSON.stringify(ref)}: give a branch name, tag or commit id (no spaces, not starting with '-')`);
  }
}

/** The commit id a ref names, or null when it does not name a commit here. */
export async function tryResolveCommit(repoDir: string, ref: string): Promise<string | null> {
  assertSafeRef(ref);
  const result = await runGit(repoDir, ['rev-parse', '--quiet', '--verify', '--end-of-options', `${ref}^{commit}`], { okExitCodes: [1, 128] });
  const id = result.stdout.trim();
  return result.exitCode === 0 && FULL_COMMIT_ID.test(id) ? id : null;
}

/** The commit id a ref names; a GitError saying how to fix it otherwise. */
export async function resolveCommit(repoDir: string, ref: string, what = 'ref'): Promise<string> {
  const id = await tryResolveCommit(repoDir, ref);
  if (id === null) throw new GitError(`unknown ${what} ${JSON.stringify(ref)}: no such commit in ${repoDir}; fetch it (git fetch origin ${ref}) or check the name`);
  return id;
}

/** The best common ancestor of two commits, or null when their histories (as present) do not meet. */
export async function findMergeBase(repoDir: string, a: string, b: string): Promise<string | null> {
  const result = await runGit(repoDir, ['merge-base', a, b], { okExitCodes: [1] });
  const id = result.stdout.trim();
  return result.exitCode === 0 && FULL_COMMIT_ID.test(id) ? id : null;
}

export async function isShallowRepository(repoDir: string): Promise<boolean> {
  const result = await runGit(repoDir, ['rev-parse', '--is-shallow-repository']);
  return result.stdout.trim() === 'true';
}

/** Absolute path of the top of the working tree that contains `dir`. */
export async function findRepoRoot(dir: string): Promise<string> {
  const result = await runGit(dir, ['rev-parse', '--show-toplevel']);
  const root = result.stdout.trim();
  if (!root) throw new GitError(`not inside a working tree: ${dir}; run inside a checkout (not a bare repository) or pass --repo`);
  return root;
}

export interface ComparisonOptions {
  /** Fetch missing base history from `remote` (the action sets this; the CLI does not by default). */
  readonly allowFetch?: boolean;
  readonly remote?: string;
  /** Depth of the first fetch of a missing base ref in a shallow clone. */
  readonly initialDepth?: number;
  /** Successive `--deepen` amounts tried while no merge base is found. */
  readonly deepenSteps?: readonly number[];
  /** Limit per fetch, in milliseconds. */
  readonly fetchTimeoutMs?: number;
}

export interface Comparison {
  /** Merge base of base and head: what the head is compared to. */
  readonly base: string;
  /** The commit the base ref names. */
  readonly baseTip: string;
  readonly head: string;
  /** Whether history had to be fetched. */
  readonly fetched: boolean;
}

const DEFAULT_DEEPEN_STEPS = [50, 200, 1000];
const SHALLOW_ADVICE = 'the clone is shallow; use `fetch-depth: 0` in actions/checkout (or fetch the base branch history) and retry';

/** Resolves base and head and their merge base, fetching missing history when allowed. */
export async function resolveComparison(repoDir: string, baseRef: string, headRef: string, options: ComparisonOptions = {}): Promise<Comparison> {
  assertSafeRef(baseRef, 'base ref');
  assertSafeRef(headRef, 'head ref');
  const remote = options.remote ?? 'origin';
  const allowFetch = options.allowFetch ?? false;
  let fetched = false;
  const findLocal = async (ref: string): Promise<string | null> =>
    (await tryResolveCommit(repoDir, ref)) ?? (FULL_COMMIT_ID.test(ref) ? null : await tryResolveCommit(repoDir, `refs/remotes/${remote}/${ref}`));
  // Local look-ups run together; fetches (which share FETCH_HEAD) one after the other.
  const [shallow, headLocal, baseLocal] = await Promise.all([isShallowRepository(repoDir), findLocal(headRef), findLocal(baseRef)]);

  const locate = async (ref: string, what: string, local: string | null): Promise<string> => {
    if (local) return local;
    if (!allowFetch) {
      const hint = shallow ? SHALLOW_ADVICE : `fetch it (git fetch ${remote} ${ref}) or check the name`;
      throw new GitError(`unknown ${what} ${JSON.stringify(ref)}: no such commit in ${repoDir}; ${hint}`);
    }
    fetched = true;
    return fetchCommit(repoDir, remote, ref, shallow ? (options.initialDepth ?? 50) : null, options.fetchTimeoutMs);
  };

  const head = await locate(headRef, 'head ref', headLocal);
  const baseTip = await locate(baseRef, 'base ref', baseLocal);
  let base = await findMergeBase(repoDir, baseTip, head);

  if (base === null && allowFetch && (await isShallowRepository(repoDir))) {
    for (const step of options.deepenSteps ?? DEFAULT_DEEPEN_STEPS) {
      fetched = true;
      await deepen(repoDir, remote, step, [baseTip, head], options.fetchTimeoutMs);
      base = await findMergeBase(repoDir, baseTip, head);
      if (base !== null || !(await isShallowRepository(repoDir))) break;
    }
  }
  if (base === null) {
    const stillShallow = await isShallowRepository(repoDir);
    const advice = stillShallow
      ? SHALLOW_ADVICE
      : 'the histories are unrelated; choose a base branch that the head was created from';
    throw new GitError(`no common ancestor of ${baseRef} (${baseTip.slice(0, 12)}) and ${headRef} (${head.slice(0, 12)}): ${advice}`);
  }
  return { base, baseTip, head, fetched };
}

/** Fetches one ref (branch, tag or commit id) from a remote and returns the commit it names. */
export async function fetchCommit(repoDir: string, remote: string, ref: string, depth: number | null, timeoutMs = 120_000): Promise<string> {
  assertSafeRef(remote, 'remote');
  const remoteRef = ref.startsWith(`refs/remotes/${remote}/`)
    ? `refs/heads/${ref.slice(`refs/remotes/${remote}/`.length)}`
    : ref.startsWith(`${remote}/`) ? ref.slice(remote.length + 1) : ref;
  const args = ['fetch', '--no-tags', '--no-recurse-submodules', '--quiet'];
  if (depth !== null) args.push(`--depth=${depth}`);
  try {
    await runGit(repoDir, [...args, remote, remoteRef], { timeoutMs });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new GitError(`could not fetch ${JSON.stringify(ref)} from ${remote} (${detail}); ${SHALLOW_ADVICE}`, { cause: error });
  }
  return resolveCommit(repoDir, 'FETCH_HEAD', 'fetched ref');
}

/** Deepens shallow history by `step` commits, wanting the given commits (falls back to the first alone). */
async function deepen(repoDir: string, remote: string, step: number, commits: readonly string[], timeoutMs = 120_000): Promise<void> {
  const args = ['fetch', '--no-tags', '--no-recurse-submodules', '--quiet', `--deepen=${step}`, remote];
  try {
    await runGit(repoDir, [...args, ...commits], { timeoutMs });
  } catch (firstError) {
    // The head may be a local commit the remote does not have: deepen from the base alone.
    if (commits.length < 2) throw firstError;
    try {
      await runGit(repoDir, [...args, commits[0]!], { timeoutMs });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new GitError(`could not deepen the shallow history from ${remote} (${detail}); ${SHALLOW_ADVICE}`, { cause: error });
    }
  }
}

/** Absolute path of the repository's common git directory (shared by its worktrees). */
export async function gitCommonDir(dir: string): Promise<string> {
  const result = await runGit(dir, ['rev-parse', '--path-format=absolute', '--git-common-dir']);
  const common = result.stdout.trim();
  if (!common) throw new GitError(`no git directory found for ${dir}; run inside a checkout or pass --store-path`);
  return common;
}
