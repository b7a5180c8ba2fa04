/**
 * The whole `/testmaster apply` flow for one pull request, for a commenter already found allowed
 * (authorize-commenter.ts):
 *
 * 1. the pull request must be open and its branch in this repository (a fork's branch cannot be
 *    pushed with this token);
 * 2. the sticky comment (found by its marker among TestMaster's own comments) must carry a proposal
 *    payload that decodes and passes every check (proposal-payload.ts): one payload only, at the very
 *    end of the comment, so that one forged in the text the comment shows is refused, never read;
 * 3. the pull request's head must still be the commit the tests were proposed for;
 * 4. the files are committed onto the branch, never by force (commit-files.ts).
 *
 * Every outcome is answered with a one-line reply that says what happened or what to do, and, when
 * the command comment is given, a reaction (`+1` applied, `confused` not). Nothing is written to the
 * branch unless every check passed. A missing permission becomes a warning and a reply naming it.
 * Other GitHub failures are thrown (GitHubError), after a best-effort `confused` reaction.
 */
import type { Octokit } from '../create-octokit.js';
import { findStickyComment } from '../find-sticky-comment.js';
import { toGitHubError } from '../github-errors.js';
import { withPermissionWarning } from '../permissions.js';
import type { AuthorizedCommenter } from './authorize-commenter.js';
import { reactToCommand, replyToCommand } from './command-feedback.js';
import { commitFiles } from './commit-files.js';
import { decodeProposal, type Proposal } from './proposal-payload.js';
import type { CommitAuthor } from './write-commit.js';

export interface ApplyCommandRequest {
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  /** Who asked; from authorizeCommenter. */
  readonly commenter: AuthorizedCommenter;
  /** The sticky comment's marker, e.g. `<!-- testmaster:sticky:v1 -->`. */
  readonly marker: string;
  /** The command comment, to react to when done. */
  readonly commentId?: number;
  /** Configured test-file globs (default: DEFAULT_TEST_GLOBS). */
  readonly testGlobs?: readonly string[];
  /** Leave out so the commit is signed by GitHub (see write-commit.ts). */
  readonly author?: CommitAuthor;
  /** Receives one-line warnings (missing permissions). */
  readonly warn: (line: string) => void;
}

export type ApplyRefusal =
  | 'closed'
  | 'fork'
  | 'no-report'
  | 'no-proposal'
  | 'invalid-proposal'
  | 'nothing-to-apply'
  | 'head-moved'
  | 'already-applied'
  | 'missing-permission';

export type ApplyOutcome =
  | { readonly kind: 'applied'; readonly sha: string; readonly url: string; readonly files: readonly string[]; readonly reply: string }
  | { readonly kind: 'refused'; readonly reason: ApplyRefusal; readonly reply: string };

export async function applyCommand(octokit: Octokit, request: ApplyCommandRequest): Promise<ApplyOutcome> {
  const repository = `${request.owner}/${request.repo}`;
  if (request.commenter.repository.toLowerCase() !== repository.toLowerCase()) {
    throw new Error(`applyCommand: ${request.commenter.login} was authorized for ${request.commenter.repository}, not ${repository}`);
  }
  let outcome: ApplyOutcome;
  try {
    outcome = await decideAndApply(octokit, request);
  } catch (error) {
    await react(octokit, request, 'confused').catch(() => undefined);
    throw error;
  }
  await withPermissionWarning('reply to the /testmaster apply command', () => replyToCommand(octokit, { owner: request.owner, repo: request.repo, issueNumber: request.pullNumber }, outcome.reply), request.warn);
  await withPermissionWarning('react to the /testmaster apply command', () => react(octokit, request, outcome.kind === 'applied' ? '+1' : 'confused'), request.warn);
  return outcome;
}

async function decideAndApply(octokit: Octokit, request: ApplyCommandRequest): Promise<ApplyOutcome> {
  const { owner, repo, pullNumber } = request;
  const repository = `${owner}/${repo}`;
  const pull = await getPull(octokit, owner, repo, pullNumber);
  const mention = `@${request.commenter.login}`;

  if (pull.state !== 'open') {
    return refuse('closed', `${mention} this pull request is closed; TestMaster applies proposed tests only to an open pull request.`);
  }
  const headRepository = pull.head.repo?.full_name ?? null;
  if (headRepository === null || headRepository.toLowerCase() !== repository.toLowerCase()) {
    const fork = headRepository ? `the fork ${headRepository}` : 'a fork that no longer exists';
    return refuse('fork', `${mention} this pull request's branch is in ${fork}, which TestMaster cannot push to; copy the proposed tests from the workflow run's job summary and push them to that branch yourself.`);
  }

  const sticky = await findStickyComment(octokit, { owner, repo, issueNumber: pullNumber, marker: request.marker });
  if (!sticky) {
    return refuse('no-report', `${mention} there is no TestMaster report on this pull request yet; comment \`/testmaster run\` first, then \`/testmaster apply\`.`);
  }
  const decoded = decodeProposal(sticky.body, request.testGlobs ? { testGlobs: request.testGlobs } : {});
  if (!decoded.ok && decoded.problem === 'missing') {
    return refuse('no-proposal', `${mention} the TestMaster report carries no proposed tests to apply (none were kept, or they were too large for a comment: see the workflow run's job summary).`);
  }
  if (!decoded.ok) {
    return refuse('invalid-proposal', `${mention} the TestMaster comment is not a valid TestMaster proposal (${decoded.reason}), so nothing was committed; comment \`/testmaster run\` to propose the tests again.`);
  }
  const proposal = decoded.proposal;
  if (proposal.files.length === 0) {
    return refuse('nothing-to-apply', `${mention} the TestMaster report proposes no test files, so there is nothing to apply.`);
  }
  if (pull.head.sha !== proposal.headSha) return headMoved(mention, proposal, pull.head.sha);

  const branch = pull.head.ref;
  const step = await withPermissionWarning(
    `commit the proposed tests to ${branch} in ${repository}`,
    () => commitFiles(octokit, { owner, repo, branch, expectedHeadSha: proposal.headSha, files: proposal.files, message: commitMessage(proposal, request), ...(request.author ? { author: request.author } : {}) }),
    request.warn,
  );
  if (!step.done) return refuse('missing-permission', `${mention} ${step.warning.replace(/\s*Continuing without it\.$/, '')}`);
  const result = step.value;
  if (result.kind === 'head-moved') return headMoved(mention, proposal, result.actual);
  if (result.kind === 'unchanged') {
    return refuse('already-applied', `${mention} the proposed tests are already on \`${branch}\` exactly as proposed; there is nothing to commit.`);
  }
  const count = proposal.files.length;
  return {
    kind: 'applied',
    sha: result.sha,
    url: result.url,
    files: proposal.files.map((file) => file.path),
    reply: `${mention} committed ${count} proposed test file${count === 1 ? '' : 's'} to \`${branch}\` in [${result.sha.slice(0, 7)}](${result.url}).`,
  };
}

interface PullFacts {
  readonly state: string;
  readonly head: { readonly ref: string; readonly sha: string; readonly repo: { readonly full_name: string } | null };
}

async function getPull(octokit: Octokit, owner: string, repo: string, pullNumber: number): Promise<PullFacts> {
  try {
    return (await octokit.rest.pulls.get({ owner, repo, pull_number: pullNumber })).data;
  } catch (error) {
    throw toGitHubError(error, `read pull request ${owner}/${repo}#${pullNumber}`);
  }
}

function headMoved(mention: string, proposal: Proposal, actual: string | null): ApplyOutcome {
  const now = actual === null ? 'the branch no longer exists' : `it is now at ${actual.slice(0, 7)}`;
  return refuse(
    'head-moved',
    `${mention} the branch has changed since the tests were proposed for ${proposal.headSha.slice(0, 7)} (${now}), so nothing was committed; comment \`/testmaster run\` to propose tests for the new head, then \`/testmaster apply\`.`,
  );
}

function refuse(reason: ApplyRefusal, reply: string): ApplyOutcome {
  return { kind: 'refused', reason, reply };
}

function commitMessage(proposal: Proposal, request: ApplyCommandRequest): string {
  const count = proposal.files.length;
  const lines = proposal.files.map((file) => `- ${file.path} (tests ${file.forFile})`);
  return `test: add ${count} test file${count === 1 ? '' : 's'} proposed by TestMaster\n\nApplied for ${request.commenter.login} with /testmaster apply on #${request.pullNumber}.\n${lines.join('\n')}`;
}

async function react(octokit: Octokit, request: ApplyCommandRequest, content: '+1' | 'confused'): Promise<void> {
  if (request.commentId === undefined) return;
  await reactToCommand(octokit, { owner: request.owner, repo: request.repo, issueNumber: request.pullNumber, commentId: request.commentId }, content);
}
