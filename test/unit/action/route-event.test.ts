import { describe, expect, it } from 'vitest';
import { routeEvent } from '../../../src/action/route-event.js';

const inputs = { includeDrafts: false, prNumber: null };
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const repository = { full_name: 'acme/widgets', default_branch: 'trunk' };

function pullRequest(extra: Record<string, unknown> = {}, pull: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    action: 'opened',
    pull_request: { number: 5, draft: false, base: { sha: A, ref: 'main', repo: repository }, head: { sha: B, ref: 'feature', repo: repository }, ...pull },
    repository,
    ...extra,
  };
}

function comment(body: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { action: 'created', issue: { number: 9, pull_request: { url: 'x' } }, comment: { id: 77, body, user: { login: 'alice' } }, repository, ...extra };
}

describe('routeEvent', () => {
  it('runs on the pull_request actions that change what to measure, with the facts of the pull request', () => {
    for (const action of ['opened', 'synchronize', 'reopened', 'ready_for_review']) {
      const route = routeEvent('pull_request', pullRequest({ action }), inputs);
      expect(route.kind, action).toBe('pull-request');
      if (route.kind === 'pull-request') expect(route.facts).toMatchObject({ number: 5, baseSha: A, headSha: B, headRef: 'feature', headRepository: 'acme/widgets' });
    }
  });

  it('skips other pull_request actions with a notice naming the ones it runs on', () => {
    const route = routeEvent('pull_request', pullRequest({ action: 'labeled' }), inputs);
    expect(route).toMatchObject({ kind: 'skip', level: 'notice' });
    if (route.kind === 'skip') expect(route.message).toMatch(/"labeled".*opened, synchronize, reopened, ready_for_review/);
  });

  it('skips a draft unless include-drafts is set', () => {
    const draft = pullRequest({}, { draft: true });
    const skipped = routeEvent('pull_request', draft, inputs);
    expect(skipped).toMatchObject({ kind: 'skip', level: 'notice' });
    if (skipped.kind === 'skip') expect(skipped.message).toMatch(/draft pull request #5.*include-drafts: true/);
    expect(routeEvent('pull_request', draft, { ...inputs, includeDrafts: true }).kind).toBe('pull-request');
  });

  it('reads a /testmaster command from a new comment on a pull request only', () => {
    expect(routeEvent('issue_comment', comment('/testmaster apply'), inputs)).toEqual({
      kind: 'command',
      command: { command: 'apply' },
      pullNumber: 9,
      commentId: 77,
      commenter: 'alice',
      defaultBranch: 'trunk',
    });
    expect(routeEvent('issue_comment', comment('looks good'), inputs)).toMatchObject({ kind: 'skip', level: 'info' });
    expect(routeEvent('issue_comment', comment('/testmaster apply', { action: 'edited' }), inputs)).toMatchObject({ kind: 'skip', level: 'info' });
    expect(routeEvent('issue_comment', comment('/testmaster apply', { issue: { number: 9 } }), inputs)).toMatchObject({ kind: 'skip', level: 'info' });
  });

  it('takes a workflow_dispatch pull request number from the input, else from the event, with the pinned head', () => {
    const event = { inputs: { 'pr-number': '12', 'head-sha': B.toUpperCase() } };
    expect(routeEvent('workflow_dispatch', event, inputs)).toEqual({ kind: 'dispatch', pullNumber: 12, expectedHeadSha: B });
    expect(routeEvent('workflow_dispatch', event, { ...inputs, prNumber: 3 })).toEqual({ kind: 'dispatch', pullNumber: 3, expectedHeadSha: B });
    expect(routeEvent('workflow_dispatch', { inputs: {} }, inputs)).toEqual({ kind: 'plain' });
  });

  it('refuses a malformed workflow_dispatch pull request number or head commit instead of ignoring it', () => {
    expect(() => routeEvent('workflow_dispatch', { inputs: { 'pr-number': 'twelve' } }, inputs)).toThrow(/pr-number.*"twelve".*pull request number/);
    expect(() => routeEvent('workflow_dispatch', { inputs: { 'pr-number': '12', 'head-sha': 'abc' } }, inputs)).toThrow(/head-sha.*40-character/);
  });

  it('runs plainly on push and without an event; gives a notice on anything else', () => {
    expect(routeEvent('push', {}, inputs)).toEqual({ kind: 'plain' });
    expect(routeEvent('', {}, inputs)).toEqual({ kind: 'plain' });
    const other = routeEvent('release', {}, inputs);
    expect(other).toMatchObject({ kind: 'skip', level: 'notice' });
    if (other.kind === 'skip') expect(other.message).toMatch(/does nothing on "release" events/);
  });

  it('refuses pull_request_target and workflow_run with the reason and the safe setup', () => {
    for (const event of ['pull_request_target', 'workflow_run']) {
      expect(() => routeEvent(event, pullRequest(), inputs)).toThrow(new RegExp(`"${event}", which has secrets and a write token: trigger TestMaster on "pull_request".*/testmaster run`));
    }
  });
});
