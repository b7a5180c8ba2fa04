/**
 * Effects: apply modes `commit` and `pull-request` after a pull request's run (mode `comment` only
 * proposes). Commit mode puts one commit with the proposed files on the pull request's branch through
 * the Git Data API, only while the branch is still at the head the tests were made for, never by
 * force (commit-files.ts). Pull-request mode keeps one pull request from `testmaster/pr-<number>`
 * into the branch (patch-pull-request.ts), closed when nothing is left to propose.
 *
 * Same-repository pull requests only (a fork's branch cannot be written with this token). A missing
 * permission becomes a warning; any other GitHub failure becomes a warning too, and is returned so
 * the run can fail once the comment is posted.
 */
import type { Proposal } from '../github/apply/proposal-payload.js';
import { commitFiles } from '../github/apply/commit-files.js';
import { syncPatchPullRequest } from '../github/apply/patch-pull-request.js';
import type { Octokit } from '../github/create-octokit.js';
import { withPermissionWarning } from '../github/permissions.js';
import { oneLineMessage } from '../errors/errors.js';
import { codeSpan } from '../report/escape-markdown.js';
import type { ApplyMode } from './apply-mode.js';
import type { ApplyOutcome } from './apply-outcome.js';
import type { PullRequestFacts } from './pull-request-facts.js';

export interface ApplyProposalRequest {
  readonly mode: ApplyMode;
  readonly owner: string;
  readonly repo: string;
  readonly pull: PullRequestFacts;
  /** The commit the tests were made for (the report's head). */
  readonly headSha: string;
  readonly proposal: Proposal | null;
  /** The pull request's branch is in another repository. */
  readonly fork: boolean;
  readonly warn: (line: string) => void;
}

export interface AppliedProposal {
  readonly outcome: ApplyOutcome | null;
  /** A GitHub failure other than a missing permission (already warned about). */
  readonly failure: unknown;
}

export async function applyProposal(octokit: Octokit, request: ApplyProposalRequest): Promise<AppliedProposal> {
  const { mode, proposal } = request;
  if (mode === 'comment') return { outcome: proposal ? { kind: 'proposed' } : null, failure: null };
  if (request.fork) {
    return { outcome: proposal ? { kind: 'not-applied', reason: `the branch is in ${request.pull.headRepository ?? 'a deleted fork'}, which this token cannot write to.` } : null, failure: null };
  }
  try {
    return { outcome: mode === 'commit' ? await commitMode(octokit, request) : await pullRequestMode(octokit, request), failure: null };
  } catch (error) {
    const message = oneLineMessage(error);
    request.warn(message);
    return { outcome: proposal ? { kind: 'not-applied', reason: `${message.replace(/\.?$/, '.')}` } : null, failure: error };
  }
}

async function commitMode(octokit: Octokit, request: ApplyProposalRequest): Promise<ApplyOutcome | null> {
  const { owner, repo, pull, proposal, headSha } = request;
  if (!proposal) return null;
  const branch = pull.headRef;
  const step = await withPermissionWarning(
    `commit the proposed tests to ${branch}`,
    () => commitFiles(octokit, { owner, repo, branch, expectedHeadSha: headSha, files: proposal.files, message: commitMessage(proposal, pull.number) }),
    request.warn,
  );
  if (!step.done) return { kind: 'not-applied', reason: permissionReason(step.warning) };
  const result = step.value;
  if (result.kind === 'committed') return { kind: 'committed', branch, sha: result.sha, url: result.url };
  if (result.kind === 'unchanged') return { kind: 'already-there', branch };
  const now = result.actual === null ? 'the branch no longer exists' : `it is at ${result.actual.slice(0, 7)}`;
  request.warn(`TestMaster did not commit the proposed tests: ${branch} is no longer at ${headSha.slice(0, 7)} (${now}); nothing was forced, the run for the new head proposes again.`);
  return { kind: 'head-moved', branch, actual: result.actual };
}

async function pullRequestMode(octokit: Octokit, request: ApplyProposalRequest): Promise<ApplyOutcome | null> {
  const { owner, repo, pull, proposal, headSha } = request;
  const files = proposal?.files ?? [];
  const step = await withPermissionWarning(
    'update the pull request of proposed tests',
    () =>
      syncPatchPullRequest(octokit, {
        owner,
        repo,
        pullNumber: pull.number,
        targetBranch: pull.headRef,
        headSha,
        files,
        title: `TestMaster: proposed tests for #${pull.number}`,
        body: patchBody(files.map((file) => `- ${codeSpan(file.path)} (tests ${codeSpan(file.forFile)})`), pull, headSha),
        message: proposal ? commitMessage(proposal, pull.number) : 'test: proposed tests',
      }),
    request.warn,
  );
  if (!step.done) return proposal ? { kind: 'not-applied', reason: permissionReason(step.warning) } : null;
  const result = step.value;
  if (result.action === 'opened' || result.action === 'updated') return { kind: 'pull-request', action: result.action, number: result.number, url: result.url, branch: pull.headRef, patchBranch: result.branch };
  if (result.action === 'closed') return { kind: 'pull-request-closed', number: result.number, url: result.url };
  return null;
}

function commitMessage(proposal: Proposal, pullNumber: number): string {
  const count = proposal.files.length;
  const lines = proposal.files.map((file) => `- ${file.path} (tests ${file.forFile})`);
  return `test: add ${count} test file${count === 1 ? '' : 's'} proposed by TestMaster\n\nProposed for #${pullNumber} at ${proposal.headSha.slice(0, 7)}.\n${lines.join('\n')}`;
}

function patchBody(lines: readonly string[], pull: PullRequestFacts, headSha: string): string {
  return [
    `Tests TestMaster proposes for #${pull.number}, made and checked on \`${headSha.slice(0, 7)}\`. Merge this pull request into ${codeSpan(pull.headRef)} to add them.`,
    '',
    ...lines,
    '',
    'TestMaster replaces this branch on each run and closes this pull request when nothing is left to propose.',
  ].join('\n');
}

/** The warning without its "Continuing without it." tail, as the reason shown in the comment. */
function permissionReason(warning: string): string {
  return warning.replace(/\s*Continuing without it\.$/, '');
}
