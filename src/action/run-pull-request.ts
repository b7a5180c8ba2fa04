/**
 * Effects: TestMaster on one pull request, for a `pull_request` event or a maintainer's
 * workflow_dispatch run (from `/testmaster run`):
 *
 * 1. loop guard: a head commit TestMaster made itself is skipped with a notice;
 * 2. a fork's or Dependabot's `pull_request` run (no secrets, read-only token) measures coverage
 *    only, with a notice in the log and the job summary, and posts nothing;
 * 3. measure (and generate), write the reports and the job summary;
 * 4. apply mode commit or pull-request: put the proposed files on the branch or in the patch pull
 *    request (apply-proposal.ts);
 * 5. the sticky comment (post-comment.ts), then the outputs.
 *
 * GitHub steps need a token and the runner's GitHub context; without them the run reports to the job
 * summary only. A missing permission is a warning and the run goes on; a failed apply fails the run
 * after the comment and the outputs are written.
 */
import * as core from '@actions/core';
import { checkLoopGuard } from '../github/apply/loop-guard.js';
import type { Octokit } from '../github/create-octokit.js';
import { withPermissionWarning } from '../github/permissions.js';
import { oneLineMessage } from '../errors/errors.js';
import { applyProposal } from './apply-proposal.js';
import type { GitHubContext } from './github-context.js';
import { measure } from './measure.js';
import { postStickyComment } from './post-comment.js';
import { proposalFromReport } from './proposal-from-report.js';
import { isFork, type PullRequestFacts } from './pull-request-facts.js';
import type { ActionInputs } from './read-inputs.js';
import { runRestriction } from './restricted-run.js';
import { setActionOutputs } from './set-outputs.js';

export interface PullRequestRun {
  readonly inputs: ActionInputs;
  readonly env: NodeJS.ProcessEnv;
  readonly pull: PullRequestFacts;
  /** `pull_request`: restricted for forks and Dependabot; `workflow_dispatch`: a maintainer's run. */
  readonly trigger: 'pull_request' | 'workflow_dispatch';
  readonly github: GitHubContext | null;
  /** Null without a token or a GitHub context. */
  readonly octokit: Octokit | null;
}

export async function runForPullRequest(run: PullRequestRun): Promise<void> {
  const { inputs, env, pull, github, octokit } = run;
  const repository = github?.repository ?? pull.baseRepository ?? '';
  const warn = (line: string): void => core.warning(line);

  if (octokit && github && (await madeByTestMaster(octokit, github, pull.headSha, warn))) return;

  const restriction = run.trigger === 'pull_request' ? runRestriction(pull, repository, github?.actor ?? null) : null;
  const measured = await measure({
    inputs,
    env,
    refs: { base: inputs.base ?? pull.baseSha, head: inputs.head ?? pull.headSha },
    ...(restriction ? { forced: { provider: 'none' }, summaryNote: restriction.notice } : { pullNumber: pull.number }),
    repoUrl: github?.repoUrl ?? null,
  });
  const { report } = measured;
  const paths = { markdownPath: measured.markdownPath, jsonPath: measured.jsonPath };

  if (restriction) {
    core.notice(restriction.notice);
    setActionOutputs(report, paths);
    return;
  }
  if (!octokit || !github) {
    core.info(inputs.token ? 'Not on a GitHub Actions runner (GITHUB_API_URL or GITHUB_REPOSITORY unset): no comment posted.' : 'No token input: no comment posted; the report is in the job summary.');
    setActionOutputs(report, paths);
    return;
  }

  const { proposal, leftOut } = proposalFromReport(report, measured.secrets);
  for (const item of leftOut) core.warning(`Proposed test file not carried in the comment or committed: ${item}`);
  const applied = await applyProposal(octokit, {
    mode: inputs.apply,
    owner: github.owner,
    repo: github.repo,
    pull,
    headSha: report.head,
    proposal,
    fork: isFork(pull, repository),
    warn,
  });
  const comment = await postStickyComment(octokit, {
    owner: github.owner,
    repo: github.repo,
    pullNumber: pull.number,
    content: { report, secrets: measured.secrets, repoUrl: github.repoUrl, runUrl: github.runUrl, outcome: applied.outcome, proposal, leftOut },
    warn,
  }).catch((error: unknown) => {
    // The outputs still say what was measured; the run fails with the comment's error.
    setActionOutputs(report, paths);
    throw error;
  });
  if (comment) core.info(`TestMaster comment ${comment.action}: ${comment.url}`);
  setActionOutputs(report, paths, { commentUrl: comment?.url ?? null });
  if (applied.failure) throw applied.failure;
}

/** The loop guard; a failure to read the head commit is a warning (the run is not stopped for it). */
async function madeByTestMaster(octokit: Octokit, github: GitHubContext, headSha: string, warn: (line: string) => void): Promise<boolean> {
  try {
    const guard = await withPermissionWarning('read the head commit for the loop guard', () => checkLoopGuard(octokit, { owner: github.owner, repo: github.repo, headSha }), warn);
    if (!guard.done || !guard.value.skip) return false;
    core.notice(guard.value.notice);
    return true;
  } catch (error) {
    warn(`${oneLineMessage(error)} (the loop guard was skipped)`);
    return false;
  }
}
