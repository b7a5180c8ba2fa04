/**
 * Effects: `/testmaster run` starts a separate run of TestMaster for a pull request: a
 * workflow_dispatch of the configured workflow on the repository's default branch (so the workflow
 * file that runs is the reviewed one, never the pull request's), with the inputs `pr-number` and
 * `head-sha`. The dispatched run checks that the pull request is still at `head-sha` and measures
 * exactly that commit, so a push after the command cannot slip other code into the run.
 *
 * Needs `actions: write`. GitHub answers 204 with no body.
 */
import type { Octokit } from '../github/create-octokit.js';
import { toGitHubError } from '../github/github-errors.js';

export interface DispatchRunRequest {
  readonly owner: string;
  readonly repo: string;
  /** Workflow file name in .github/workflows, or its id. */
  readonly workflow: string;
  /** Branch whose workflow file runs (the default branch). */
  readonly ref: string;
  readonly pullNumber: number;
  readonly headSha: string;
}

export async function dispatchRun(octokit: Octokit, request: DispatchRunRequest): Promise<void> {
  const { owner, repo, workflow, ref } = request;
  try {
    await octokit.rest.actions.createWorkflowDispatch({
      owner,
      repo,
      workflow_id: /^\d+$/.test(workflow) ? Number(workflow) : workflow,
      ref,
      inputs: { 'pr-number': String(request.pullNumber), 'head-sha': request.headSha },
      // A dispatch that failed after landing would start a second run: not repeated.
      request: { retries: 0 },
    });
  } catch (error) {
    throw toGitHubError(error, `start the workflow ${workflow} for pull request #${request.pullNumber} in ${owner}/${repo}`);
  }
}
