/**
 * Pure: which commits to compare for the event that started the workflow, and whether it is safe to run
 * the PR's code at all (shared/SECURITY.md rule 1).
 */
import { ConfigurationError } from '../errors/errors.js';

export interface EventRefs {
  readonly base: string;
  readonly head: string;
}

const UNSAFE_EVENTS = new Set(['pull_request_target', 'workflow_run']);

/**
 * Refuses the events that carry secrets and a write token while a pull request's head may be checked
 * out: running its (or model-written) tests there hands both to the pull request's code.
 */
export function assertSafeEvent(eventName: string): void {
  if (UNSAFE_EVENTS.has(eventName)) {
    throw new ConfigurationError(
      `refusing to run a pull request's code under "${eventName}", which has secrets and a write token: trigger TestMaster on "pull_request" instead, and use /testmaster run (issue_comment starting a workflow_dispatch run) for pull requests from forks (see README, Security)`,
    );
  }
}

export function refsForEvent(
  eventName: string,
  payload: Record<string, unknown>,
  inputs: { readonly base: string | null; readonly head: string | null },
): EventRefs {
  assertSafeEvent(eventName);
  const pr = payload.pull_request as { base?: { sha?: unknown }; head?: { sha?: unknown } } | undefined;
  const prBase = typeof pr?.base?.sha === 'string' ? pr.base.sha : null;
  const prHead = typeof pr?.head?.sha === 'string' ? pr.head.sha : null;
  const pushBefore = typeof payload.before === 'string' && !/^0+$/.test(payload.before) ? payload.before : null;
  const base = inputs.base ?? prBase ?? (eventName === 'push' ? pushBefore : null);
  const head = inputs.head ?? prHead ?? 'HEAD';
  if (base === null) {
    throw new ConfigurationError(
      `cannot tell which commit to compare with for a "${eventName}" event: set the "base" input (a branch or commit)`,
    );
  }
  return { base, head };
}
