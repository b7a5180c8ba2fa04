/**
 * Effects: a `/testmaster <command>` comment on a pull request (issue_comment). Nothing of the pull
 * request is checked out or run here: this workflow has the repository's secrets and a write token.
 *
 * 1. Only people with write, maintain or admin access may run commands (authorize-commenter.ts);
 *    anyone else gets `-1` and a reply saying who may.
 * 2. An accepted command gets `eyes` at once, then:
 *    - `apply`: commits the files proposed in TestMaster's comment, after checking their hashes and
 *      paths and that the branch is still at the commit they were made for (apply-command.ts);
 *    - `run`: starts the workflow named by `run-workflow` with workflow_dispatch for this pull
 *      request, pinned to its current head commit (dispatch-run.ts); without `run-workflow` it is
 *      refused with the reason and the setup to use;
 *    - `help` (or an unknown word): the list of commands.
 *    Each ends with a reaction (`+1` done, `confused` not done) and a one-line reply.
 *
 * A missing permission becomes a warning (and, where possible, a reply naming it).
 */
import { applyCommand } from '../github/apply/apply-command.js';
import { authorizeCommenter } from '../github/apply/authorize-commenter.js';
import { reactToCommand, refuseCommenter, replyToCommand, type CommandReaction } from '../github/apply/command-feedback.js';
import { commandHelpText, type ParsedCommand } from '../github/apply/slash-command.js';
import type { Octokit } from '../github/create-octokit.js';
import { withPermissionWarning } from '../github/permissions.js';
import { STICKY_MARKER } from './comment-body.js';
import { dispatchRun } from './dispatch-run.js';
import { readPull } from './read-pull.js';

export interface CommandRequest {
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  readonly commentId: number;
  /** Who commented. */
  readonly login: string;
  readonly command: ParsedCommand;
  /** Workflow that `/testmaster run` dispatches; null: the command is refused with the setup to use. */
  readonly runWorkflow: string | null;
  /** The repository's default branch, from the event. */
  readonly defaultBranch: string | null;
  readonly warn: (line: string) => void;
}

export type CommandOutcome = 'refused-commenter' | 'helped' | 'applied' | 'not-applied' | 'started' | 'not-started';

export interface CommandResult {
  readonly outcome: CommandOutcome;
  /** The reply posted (or that would have been, had a permission not been missing). */
  readonly reply: string;
}

export async function handleCommand(octokit: Octokit, request: CommandRequest): Promise<CommandResult> {
  const { owner, repo, pullNumber, commentId, login } = request;
  const where = { owner, repo, issueNumber: pullNumber, commentId };
  const decision = await authorizeCommenter(octokit, { owner, repo, username: login });
  if (!decision.allowed) {
    const refused = await withPermissionWarning('answer the /testmaster command', () => refuseCommenter(octokit, where, login), request.warn);
    return { outcome: 'refused-commenter', reply: refused.done ? `refused ${login} (${decision.role})` : refused.warning };
  }
  await react(octokit, request, 'eyes');

  const command = request.command;
  if (command.command === 'apply') {
    const result = await applyCommand(octokit, { owner, repo, pullNumber, commenter: decision.commenter, marker: STICKY_MARKER, commentId, warn: request.warn });
    return { outcome: result.kind === 'applied' ? 'applied' : 'not-applied', reply: result.reply };
  }
  if (command.command === 'run') return runCommand(octokit, request);
  const help = commandHelpText(command.command === 'unknown' ? command.text : undefined);
  await answer(octokit, request, help, command.command === 'unknown' ? 'confused' : '+1');
  return { outcome: 'helped', reply: help };
}

async function runCommand(octokit: Octokit, request: CommandRequest): Promise<CommandResult> {
  const { owner, repo, pullNumber, login } = request;
  const mention = `@${login}`;
  const notStarted = async (reply: string): Promise<CommandResult> => {
    await answer(octokit, request, reply, 'confused');
    return { outcome: 'not-started', reply };
  };
  if (request.runWorkflow === null) {
    return notStarted(
      `${mention} \`/testmaster run\` is not set up in this repository: this workflow runs on comments with the repository's secrets and a write token, so TestMaster never runs a pull request's code here. Set the \`run-workflow\` input to the workflow that runs TestMaster on workflow_dispatch (README, "Slash commands"), or push a commit to run the pull_request workflow again.`,
    );
  }
  const pull = await readPull(octokit, owner, repo, pullNumber);
  if (pull.state !== 'open') return notStarted(`${mention} this pull request is closed; TestMaster runs only on open pull requests.`);
  const ref = request.defaultBranch ?? pull.defaultBranch;
  if (ref === null) return notStarted(`${mention} TestMaster could not tell the repository's default branch, so it did not start a run; please report this.`);

  const step = await withPermissionWarning(
    `start the ${request.runWorkflow} workflow for /testmaster run`,
    () => dispatchRun(octokit, { owner, repo, workflow: request.runWorkflow!, ref, pullNumber, headSha: pull.headSha }),
    request.warn,
  );
  if (!step.done) return notStarted(`${mention} ${step.warning.replace(/\s*Continuing without it\.$/, '')}`);
  const reply = `${mention} started TestMaster (${request.runWorkflow}) on ${pull.headSha.slice(0, 7)}, the head of this pull request; it updates the TestMaster comment here when done. A push after this command is not part of that run.`;
  await answer(octokit, request, reply, '+1');
  return { outcome: 'started', reply };
}

async function answer(octokit: Octokit, request: CommandRequest, text: string, reaction: CommandReaction): Promise<void> {
  const { owner, repo, pullNumber } = request;
  await withPermissionWarning('reply to the /testmaster command', () => replyToCommand(octokit, { owner, repo, issueNumber: pullNumber }, text), request.warn);
  await react(octokit, request, reaction);
}

async function react(octokit: Octokit, request: CommandRequest, content: CommandReaction): Promise<void> {
  const { owner, repo, pullNumber, commentId } = request;
  await withPermissionWarning(`react to the /testmaster command`, () => reactToCommand(octokit, { owner, repo, issueNumber: pullNumber, commentId }, content), request.warn);
}
