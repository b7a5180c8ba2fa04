/**
 * Apply mode `pull-request`: the proposed tests as one pull request into the pull request's branch,
 * from TestMaster's own branch `testmaster/pr-<number>` in the same repository.
 *
 * Each run puts one commit with the files on top of the pull request's head (write-commit.ts) and
 * force-moves `testmaster/pr-<number>` to it: that branch is TestMaster's alone, so forcing it is
 * fine (the user's branch is never forced). Then the pull request from it is opened if none is open,
 * or its title, body and base are updated: never two. When there is nothing left to propose, an open
 * one is closed and the branch deleted.
 *
 * Same-repository pull requests only: a fork's branch cannot be the base of a pull request here.
 */
import { GitHubError } from '../../errors/errors.js';
import type { Octokit } from '../create-octokit.js';
import { describeFailure, toGitHubError } from '../github-errors.js';
import { branchHead } from './commit-files.js';
import { writeCommit, type CommitAuthor, type FileToCommit } from './write-commit.js';

export interface PatchPullRequestRequest {
  readonly owner: string;
  readonly repo: string;
  /** The pull request the tests are for. */
  readonly pullNumber: number;
  /** Its head branch: the base of the patch pull request. */
  readonly targetBranch: string;
  /** Its head commit the files were made for: the parent of the patch commit. */
  readonly headSha: string;
  /** Empty: nothing to propose (an open patch pull request is closed). */
  readonly files: readonly FileToCommit[];
  readonly title: string;
  readonly body: string;
  /** Commit message; the trailer `TestMaster-Generated: true` is added. */
  readonly message: string;
  readonly author?: CommitAuthor;
}

export type PatchPullRequestResult =
  | { readonly action: 'opened' | 'updated'; readonly number: number; readonly url: string; readonly branch: string; readonly commitSha: string }
  | { readonly action: 'closed'; readonly number: number; readonly url: string; readonly branch: string }
  /** Nothing to propose and no patch pull request was open (the branch is deleted if it was there). */
  | { readonly action: 'none'; readonly branch: string };

/** TestMaster's branch for the tests proposed on pull request `number`. */
export function patchBranchName(pullNumber: number): string {
  return `testmaster/pr-${pullNumber}`;
}

export async function syncPatchPullRequest(octokit: Octokit, request: PatchPullRequestRequest): Promise<PatchPullRequestResult> {
  const branch = patchBranchName(request.pullNumber);
  const where = `${request.owner}/${request.repo}`;
  try {
    if (request.files.length === 0) return await closePatch(octokit, request, branch);
    const written = await writeCommit(octokit, {
      owner: request.owner,
      repo: request.repo,
      parentSha: request.headSha,
      files: request.files,
      message: request.message,
      ...(request.author ? { author: request.author } : {}),
    });
    if (written.unchanged) return await closePatch(octokit, request, branch);
    await forceBranch(octokit, request.owner, request.repo, branch, written.sha);
    const pull = await openOrUpdate(octokit, request, branch);
    return { ...pull, branch, commitSha: written.sha };
  } catch (error) {
    throw asPatchError(error, `update the pull request of proposed tests from ${branch} into ${request.targetBranch} in ${where}`);
  }
}

async function forceBranch(octokit: Octokit, owner: string, repo: string, branch: string, sha: string): Promise<void> {
  if ((await branchHead(octokit, owner, repo, branch)) !== null) {
    await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: true });
    return;
  }
  try {
    await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
  } catch (error) {
    // Created by a concurrent run in between: it is still ours to move.
    if (!/already exists/i.test(describeFailure(error).detail)) throw error;
    await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: true });
  }
}

async function openOrUpdate(octokit: Octokit, request: PatchPullRequestRequest, branch: string): Promise<{ action: 'opened' | 'updated'; number: number; url: string }> {
  const { owner, repo } = request;
  const [existing, ...extra] = await openPatchPulls(octokit, owner, repo, branch);
  for (const other of extra) await octokit.rest.pulls.update({ owner, repo, pull_number: other.number, state: 'closed' });
  if (existing) {
    const { data } = await octokit.rest.pulls.update({
      owner,
      repo,
      pull_number: existing.number,
      title: request.title,
      body: request.body,
      ...(existing.base !== request.targetBranch ? { base: request.targetBranch } : {}),
    });
    return { action: 'updated', number: data.number, url: data.html_url };
  }
  try {
    const { data } = await octokit.rest.pulls.create({ owner, repo, head: branch, base: request.targetBranch, title: request.title, body: request.body, request: { retries: 0 } });
    return { action: 'opened', number: data.number, url: data.html_url };
  } catch (error) {
    // Opened by a concurrent run (or a create that landed before failing): update that one instead.
    const failure = describeFailure(error);
    const mayExist = failure.status === null || failure.status >= 500 || /already exists/i.test(failure.detail);
    const [again] = mayExist ? await openPatchPulls(octokit, owner, repo, branch) : [];
    if (!again) throw error;
    const { data } = await octokit.rest.pulls.update({ owner, repo, pull_number: again.number, title: request.title, body: request.body });
    return { action: 'updated', number: data.number, url: data.html_url };
  }
}

async function closePatch(octokit: Octokit, request: PatchPullRequestRequest, branch: string): Promise<PatchPullRequestResult> {
  const { owner, repo } = request;
  const open = await openPatchPulls(octokit, owner, repo, branch);
  let closed: { number: number; url: string } | null = null;
  for (const pull of open) {
    const { data } = await octokit.rest.pulls.update({ owner, repo, pull_number: pull.number, state: 'closed' });
    closed ??= { number: data.number, url: data.html_url };
  }
  try {
    await octokit.rest.git.deleteRef({ owner, repo, ref: `heads/${branch}` });
  } catch (error) {
    const failure = describeFailure(error);
    const gone = failure.status === 404 || (failure.status === 422 && /does not exist/i.test(failure.detail));
    if (!gone) throw error;
  }
  return closed ? { action: 'closed', ...closed, branch } : { action: 'none', branch };
}

interface OpenPatchPull {
  readonly number: number;
  readonly base: string;
}

/** Open pull requests from the patch branch, oldest first. */
async function openPatchPulls(octokit: Octokit, owner: string, repo: string, branch: string): Promise<OpenPatchPull[]> {
  const pulls = await octokit.paginate(octokit.rest.pulls.list, { owner, repo, state: 'open', head: `${owner}:${branch}`, per_page: 100 });
  return pulls
    .map((pull) => ({ number: pull.number, base: pull.base.ref }))
    .sort((a, b) => a.number - b.number);
}

/** GitHub's 403 when the repository does not let GITHUB_TOKEN open pull requests gets its own advice. */
function asPatchError(error: unknown, doing: string): GitHubError {
  const failure = describeFailure(error);
  if (failure.status === 403 && /not permitted to create or approve pull requests/i.test(failure.detail)) {
    return new GitHubError(
      `could not ${doing}: GitHub Actions may not open pull requests in this repository; enable "Allow GitHub Actions to create and approve pull requests" in the repository's (or organization's) Actions settings`,
      { cause: error },
    );
  }
  return toGitHubError(error, doing);
}
