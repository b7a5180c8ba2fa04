/**
 * Commits files onto someone's branch through the Git Data API (write-commit.ts), only if the branch
 * is still where the files were made for, and never by force:
 *
 * 1. read the branch's ref; if it is not `expectedHeadSha` (someone pushed since), stop there and
 *    report `head-moved` (nothing written);
 * 2. write blobs, a tree on top of the head's tree and a commit whose parent is the expected head;
 * 3. move the ref with `force: false`. If the branch moved in between, GitHub answers 422 "Update is
 *    not a fast forward": that is reported as `head-moved` too, never retried with force.
 *
 * What remains is the leftover commit object, which nothing references (GitHub collects it).
 */
import type { Octokit } from '../create-octokit.js';
import { describeFailure, toGitHubError } from '../github-errors.js';
import { writeCommit, type CommitAuthor, type FileToCommit } from './write-commit.js';

export interface CommitFilesRequest {
  readonly owner: string;
  readonly repo: string;
  /** Branch name without `refs/heads/`. */
  readonly branch: string;
  readonly expectedHeadSha: string;
  readonly files: readonly FileToCommit[];
  /** The trailer `TestMaster-Generated: true` is added. */
  readonly message: string;
  /** Leave out to have the commit signed by GitHub (verified); see write-commit.ts. */
  readonly author?: CommitAuthor;
}

export type CommitFilesResult =
  | { readonly kind: 'committed'; readonly sha: string; readonly url: string }
  /** The files were there already, exactly: nothing was committed. */
  | { readonly kind: 'unchanged'; readonly sha: string }
  /** The branch is no longer at expectedHeadSha; `actual` is where it is (null: the branch is gone). */
  | { readonly kind: 'head-moved'; readonly actual: string | null };

export async function commitFiles(octokit: Octokit, request: CommitFilesRequest): Promise<CommitFilesResult> {
  const { owner, repo, branch, expectedHeadSha } = request;
  const doing = `commit the proposed tests to ${branch} in ${owner}/${repo}`;
  try {
    const before = await branchHead(octokit, owner, repo, branch);
    if (before !== expectedHeadSha) return { kind: 'head-moved', actual: before };

    const written = await writeCommit(octokit, { owner, repo, parentSha: expectedHeadSha, files: request.files, message: request.message, ...(request.author ? { author: request.author } : {}) });
    if (written.unchanged) return { kind: 'unchanged', sha: expectedHeadSha };

    try {
      await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: written.sha, force: false });
    } catch (error) {
      if (!isNotFastForward(error)) throw error;
      return { kind: 'head-moved', actual: await branchHead(octokit, owner, repo, branch) };
    }
    return { kind: 'committed', sha: written.sha, url: written.url };
  } catch (error) {
    throw toGitHubError(error, doing);
  }
}

/** The commit a branch points at, or null when there is no such branch. */
export async function branchHead(octokit: Octokit, owner: string, repo: string, branch: string): Promise<string | null> {
  try {
    const { data } = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (error) {
    if (describeFailure(error).status === 404) return null;
    throw error;
  }
}

/** GitHub's 422 for a ref update that would lose commits ("Update is not a fast forward"). */
export function isNotFastForward(error: unknown): boolean {
  const failure = describeFailure(error);
  return failure.status === 422 && /not a fast[- ]forward/i.test(failure.detail);
}
