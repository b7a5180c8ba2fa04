/**
 * The loop guard: a run whose head commit TestMaster made itself (its message ends with the
 * `TestMaster-Generated: true` trailer) is skipped with a notice, so a commit of proposed tests does
 * not start another run that proposes more. (Pushes made with the Actions GITHUB_TOKEN start no
 * workflow anyway; a PAT or another App token would.)
 *
 * `loopGuardDecision` is pure; `checkLoopGuard` reads the head commit's message (one request).
 */
import type { Octokit } from '../create-octokit.js';
import { describeFailure, toGitHubError } from '../github-errors.js';
import { GENERATED_TRAILER, hasGeneratedTrailer } from './commit-trailer.js';

export type LoopGuardDecision = { readonly skip: false } | { readonly skip: true; readonly notice: string };

export function loopGuardDecision(headSha: string, commitMessage: string): LoopGuardDecision {
  if (!hasGeneratedTrailer(commitMessage)) return { skip: false };
  return {
    skip: true,
    notice: `TestMaster skipped this run: the head commit ${headSha.slice(0, 7)} was made by TestMaster itself (${GENERATED_TRAILER}); push a commit of your own to run it again.`,
  };
}

export interface LoopGuardQuery {
  readonly owner: string;
  readonly repo: string;
  readonly headSha: string;
}

/** Reads the head commit; a commit GitHub does not have (404) is not TestMaster's. */
export async function checkLoopGuard(octokit: Octokit, query: LoopGuardQuery): Promise<LoopGuardDecision> {
  const { owner, repo, headSha } = query;
  try {
    const { data } = await octokit.rest.git.getCommit({ owner, repo, commit_sha: headSha });
    return loopGuardDecision(headSha, data.message);
  } catch (error) {
    if (describeFailure(error).status === 404) return { skip: false };
    throw toGitHubError(error, `read the head commit ${headSha.slice(0, 7)} of ${owner}/${repo}`);
  }
}
