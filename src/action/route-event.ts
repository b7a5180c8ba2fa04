/**
 * Pure: what the action does for the event that started the workflow.
 *
 * - `pull_request` (opened, synchronize, reopened, ready_for_review; a payload without `action` too):
 *   measure, generate, report on the pull request. Drafts are skipped unless `include-drafts`.
 * - `issue_comment` (created, on a pull request) whose first line is `/testmaster <word>`: a command.
 *   No code of the pull request is checked out or run for a command.
 * - `workflow_dispatch` with a pull request number (the `pr-number` input, or the event's own
 *   `pr-number` input, with an optional `head-sha` the run must still find): like a pull request.
 *   Without one, and `push`, and no event at all (not on Actions): a plain run from base to head.
 * - `pull_request_target` and `workflow_run`: refused (a ConfigurationError, see event-refs.ts).
 * - Anything else: a notice, nothing done.
 */
import { ConfigurationError } from '../errors/errors.js';
import { parseCommand, type ParsedCommand } from '../github/apply/slash-command.js';
import { assertSafeEvent } from './event-refs.js';
import { pullRequestFacts, type PullRequestFacts } from './pull-request-facts.js';

export type EventRoute =
  | { readonly kind: 'pull-request'; readonly facts: PullRequestFacts }
  | { readonly kind: 'dispatch'; readonly pullNumber: number; readonly expectedHeadSha: string | null }
  | {
      readonly kind: 'command';
      readonly command: ParsedCommand;
      readonly pullNumber: number;
      readonly commentId: number;
      readonly commenter: string;
      readonly defaultBranch: string | null;
    }
  | { readonly kind: 'plain' }
  /** Nothing to do; `level` says whether the reason is worth an annotation (notice) or a log line (info). */
  | { readonly kind: 'skip'; readonly level: 'notice' | 'info'; readonly message: string };

export const PULL_REQUEST_ACTIONS = ['opened', 'synchronize', 'reopened', 'ready_for_review'] as const;

export interface RouteInputs {
  readonly includeDrafts: boolean;
  readonly prNumber: number | null;
}

type Json = Record<string, unknown>;

export function routeEvent(eventName: string, payload: Json, inputs: RouteInputs): EventRoute {
  assertSafeEvent(eventName);
  switch (eventName) {
    case 'pull_request':
      return routePullRequest(payload, inputs);
    case 'issue_comment':
      return routeComment(payload);
    case 'workflow_dispatch':
      return routeDispatch(payload, inputs);
    case 'push':
    case '':
      return { kind: 'plain' };
    default:
      return {
        kind: 'skip',
        level: 'notice',
        message: `TestMaster does nothing on "${printable(eventName)}" events: run it on pull_request (and issue_comment for /testmaster commands, workflow_dispatch with a pr-number); see README, "Use it in a workflow".`,
      };
  }
}

function routePullRequest(payload: Json, inputs: RouteInputs): EventRoute {
  const action = typeof payload['action'] === 'string' ? payload['action'] : null;
  if (action !== null && !(PULL_REQUEST_ACTIONS as readonly string[]).includes(action)) {
    return {
      kind: 'skip',
      level: 'notice',
      message: `TestMaster skipped this pull_request "${printable(action)}" event: it runs on ${PULL_REQUEST_ACTIONS.join(', ')}; list only those under "types:" in the workflow.`,
    };
  }
  const facts = pullRequestFacts(payload['pull_request']);
  if (facts === null) return { kind: 'plain' };
  if (facts.draft && !inputs.includeDrafts) {
    return {
      kind: 'skip',
      level: 'notice',
      message: `TestMaster skipped draft pull request #${facts.number}: it runs when the pull request is marked ready for review (set include-drafts: true to run on drafts too).`,
    };
  }
  return { kind: 'pull-request', facts };
}

function routeComment(payload: Json): EventRoute {
  const issue = object(payload['issue']);
  const comment = object(payload['comment']);
  const action = typeof payload['action'] === 'string' ? payload['action'] : 'created';
  const number = issue?.['number'];
  if (!issue || typeof number !== 'number' || object(issue['pull_request']) === null) {
    return { kind: 'skip', level: 'info', message: 'TestMaster: the comment is on an issue, not a pull request; nothing to do.' };
  }
  if (action !== 'created') return { kind: 'skip', level: 'info', message: `TestMaster: the comment was ${printable(action)}, not created; nothing to do.` };
  const body = typeof comment?.['body'] === 'string' ? comment['body'] : '';
  const command = parseCommand(body);
  const commentId = comment?.['id'];
  const commenter = object(comment?.['user'])?.['login'];
  if (command === null || typeof commentId !== 'number' || typeof commenter !== 'string') {
    return { kind: 'skip', level: 'info', message: 'TestMaster: the comment is not a /testmaster command; nothing to do.' };
  }
  const repository = object(payload['repository']);
  const defaultBranch = typeof repository?.['default_branch'] === 'string' ? repository['default_branch'] : null;
  return { kind: 'command', command, pullNumber: number, commentId, commenter, defaultBranch };
}

function routeDispatch(payload: Json, inputs: RouteInputs): EventRoute {
  const eventInputs = object(payload['inputs']) ?? {};
  const fromEvent = textInput(eventInputs, 'pr-number');
  if (fromEvent !== null && !/^#?[1-9][0-9]{0,9}$/.test(fromEvent)) {
    throw new ConfigurationError(`invalid pr-number input of the workflow_dispatch event ${JSON.stringify(fromEvent.slice(0, 40))}: expected a pull request number such as 42`);
  }
  const pullNumber = inputs.prNumber ?? (fromEvent === null ? null : Number(fromEvent.replace(/^#/, '')));
  if (pullNumber === null) return { kind: 'plain' };
  const sha = textInput(eventInputs, 'head-sha');
  if (sha !== null && !/^[0-9a-f]{40}$/i.test(sha)) {
    throw new ConfigurationError(`invalid head-sha input of the workflow_dispatch event ${JSON.stringify(sha.slice(0, 64))}: expected a full 40-character commit id`);
  }
  return { kind: 'dispatch', pullNumber, expectedHeadSha: sha === null ? null : sha.toLowerCase() };
}

/** A workflow_dispatch input as text; null when absent or blank. */
function textInput(inputs: Json, name: string): string | null {
  const value = inputs[name];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function object(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

/** Event names and actions come from the runner, but are echoed: keep them short and plain. */
function printable(text: string): string {
  return text.replace(/[^\w.-]/g, '').slice(0, 40);
}
