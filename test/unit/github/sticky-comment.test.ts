/**
 * The sticky comment through the real Octokit (retry + throttling plugins) over HTTP to the local
 * fake GitHub, whose every request is checked against GitHub's OpenAPI description.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubError } from '../../../src/errors/errors.js';
import { withPermissionWarning } from '../../../src/github/permissions.js';
import { upsertStickyComment, type StickyCommentRequest } from '../../../src/github/sticky-comment.js';
import {
  ACTIONS_LOGIN,
  bodyTooLongReply,
  DEFAULT_OWNER as owner,
  DEFAULT_REPO as repo,
  MAX_COMMENT_CHARS,
  missingPermissionReply,
  secondaryRateLimitReply,
  serverErrorReply,
  startGitHubServer,
  type GitHubServer,
} from '../../helpers/github-server/index.js';
import { testOctokit, type TestOctokit } from './test-octokit.js';

const MARKER = '<!-- testmaster:sticky:v1 -->';
const COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments';
const COMMENT = '/repos/{owner}/{repo}/issues/comments/{comment_id}';

describe('upsertStickyComment', () => {
  let server: GitHubServer;
  let client: TestOctokit;
  let issueNumber: number;

  beforeEach(async () => {
    server = await startGitHubServer();
    client = testOctokit(server);
    issueNumber = server.state.addPullRequest(owner, repo, { head: 'feature' }).number;
  });
  afterEach(async () => {
    await server.stop();
  });

  const request = (body: string, extra: Partial<StickyCommentRequest> = {}): StickyCommentRequest => ({
    owner,
    repo,
    issueNumber,
    marker: MARKER,
    body,
    ...extra,
  });
  const ours = () => server.state.comments(owner, repo, issueNumber).filter((c) => c.author === ACTIONS_LOGIN);

  it('creates the comment, then edits it in place: one comment, new body', async () => {
    const first = await upsertStickyComment(client.octokit, request(`${MARKER}\nfirst`));
    const second = await upsertStickyComment(client.octokit, request(`${MARKER}\nsecond`));

    expect(first.action).toBe('created');
    expect(second).toMatchObject({ action: 'updated', id: first.id });
    expect(ours().map((c) => c.body)).toEqual([`${MARKER}\nsecond`]);
    expect(second.url).toContain(`#issuecomment-${first.id}`);
    expect(server.requestsTo('POST', COMMENTS)).toHaveLength(1);
    expect(server.requestsTo('PATCH', COMMENT)).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('puts the marker first when the body lacks it', async () => {
    await upsertStickyComment(client.octokit, request('report'));
    expect(ours().map((c) => c.body)).toEqual([`${MARKER}\nreport`]);
    expect(server.violations).toEqual([]);
  });

  it('does not touch the comment when the body is byte-identical', async () => {
    const first = await upsertStickyComment(client.octokit, request(`${MARKER}\nsame`));
    const again = await upsertStickyComment(client.octokit, request(`${MARKER}\nsame`));

    expect(again).toEqual({ action: 'unchanged', id: first.id, url: first.url });
    expect(server.requestsTo('PATCH', COMMENT)).toHaveLength(0);
    expect(server.requestsTo('POST', COMMENTS)).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it("ignores another user's comment that carries the marker", async () => {
    const planted = server.state.addComment(owner, repo, issueNumber, { body: `${MARKER}\nplanted`, author: 'mallory' });

    const result = await upsertStickyComment(client.octokit, request(`${MARKER}\nreal`));

    expect(result.action).toBe('created');
    expect(result.id).not.toBe(planted.id);
    expect(server.state.comment(planted.id)?.body).toBe(`${MARKER}\nplanted`);
    expect(ours().map((c) => c.body)).toEqual([`${MARKER}\nreal`]);
    expect(server.violations).toEqual([]);
  });

  it('skips its own minimized comment and makes a new one', async () => {
    const hidden = await upsertStickyComment(client.octokit, request(`${MARKER}\nold`));
    server.state.minimizeComment(hidden.id);

    const result = await upsertStickyComment(client.octokit, request(`${MARKER}\nnew`));

    expect(result.action).toBe('created');
    expect(result.id).not.toBe(hidden.id);
    expect(server.state.comment(hidden.id)?.body).toBe(`${MARKER}\nold`);
    expect(server.violations).toEqual([]);
  });

  it('finds its comment on page 3 of 3', async () => {
    for (let i = 0; i < 4; i += 1) server.state.addComment(owner, repo, issueNumber, { body: `chatter ${i}`, author: 'someone' });
    const sticky = server.state.addComment(owner, repo, issueNumber, { body: `${MARKER}\nold`, author: ACTIONS_LOGIN });

    const result = await upsertStickyComment(client.octokit, request(`${MARKER}\nnew`, { pageSize: 2 }));

    expect(result).toMatchObject({ action: 'updated', id: sticky.id });
    const pages = server.requestsTo('GET', COMMENTS).map((r) => new URL(r.url, server.baseUrl).searchParams.get('page') ?? '1');
    expect(pages).toEqual(['1', '2', '3']);
    expect(ours()).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('skips a candidate GitHub no longer resolves (NOT_FOUND) and uses the next one', async () => {
    const gone = server.state.addComment(owner, repo, issueNumber, { body: `${MARKER}\ngone`, author: ACTIONS_LOGIN });
    const kept = server.state.addComment(owner, repo, issueNumber, { body: `${MARKER}\nkept`, author: ACTIONS_LOGIN });
    server.failNext({
      path: '/graphql',
      status: 200,
      body: {
        data: { nodes: [null, { id: kept.nodeId, isMinimized: false, viewerDidAuthor: true }] },
        errors: [{ type: 'NOT_FOUND', path: ['nodes', 0], message: `Could not resolve to a node with the global id of '${gone.nodeId}'` }],
      },
    });

    const result = await upsertStickyComment(client.octokit, request(`${MARKER}\nnew`));

    expect(result).toMatchObject({ action: 'updated', id: kept.id });
    expect(server.state.comment(gone.id)?.body).toBe(`${MARKER}\ngone`);
    expect(server.violations).toEqual([]);
  });

  it('after an edit failed with 500 on every retry, the next run finds the comment and edits it (never a second one)', async () => {
    const first = await upsertStickyComment(client.octokit, request(`${MARKER}\nv1`));
    server.failNext({ method: 'PATCH', path: COMMENT, ...serverErrorReply(500), times: 4 });

    const failed = await upsertStickyComment(client.octokit, request(`${MARKER}\nv2`)).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(GitHubError);
    expect((failed as Error).message).toMatch(/500/);
    expect(server.requestsTo('PATCH', COMMENT)).toHaveLength(4); // the retry plugin's 3 retries
    expect(server.pendingFaults()).toBe(0);

    const next = await upsertStickyComment(client.octokit, request(`${MARKER}\nv2`));
    expect(next).toMatchObject({ action: 'updated', id: first.id });
    expect(ours().map((c) => c.body)).toEqual([`${MARKER}\nv2`]);
    expect(server.requestsTo('POST', COMMENTS)).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('a create answered 502 after it landed is found again, not posted twice', async () => {
    server.failNext({ method: 'POST', path: COMMENTS, ...serverErrorReply(502), landed: true });

    const result = await upsertStickyComment(client.octokit, request(`${MARKER}\nbody`));

    expect(result.action).toBe('created');
    expect(ours()).toHaveLength(1);
    expect(result.id).toBe(ours()[0]!.id);
    expect(server.requestsTo('POST', COMMENTS)).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('a create that failed with 502 without landing is looked for, then posted once more', async () => {
    server.failNext({ method: 'POST', path: COMMENTS, ...serverErrorReply(502) });

    const result = await upsertStickyComment(client.octokit, request(`${MARKER}\nbody`));

    expect(result.action).toBe('created');
    expect(ours()).toHaveLength(1);
    expect(server.requestsTo('POST', COMMENTS)).toHaveLength(2);
    expect(server.violations).toEqual([]);
  });

  it('on 422 "body is too long" shrinks once and retries once', async () => {
    server.failNext({ method: 'POST', path: COMMENTS, ...bodyTooLongReply() });
    const shrinks: string[] = [];
    const shrink = (body: string) => {
      shrinks.push(body);
      return `${MARKER}\nshort`;
    };

    const result = await upsertStickyComment(client.octokit, request(`${MARKER}\n${'long '.repeat(100)}`, { shrink }));

    expect(result.action).toBe('created');
    expect(shrinks).toHaveLength(1);
    expect(ours().map((c) => c.body)).toEqual([`${MARKER}\nshort`]);
    expect(server.requestsTo('POST', COMMENTS)).toHaveLength(2);
    expect(server.violations).toEqual([]);
  });

  it('a second 422 after shrinking is an error, not a loop', async () => {
    server.failNext({ method: 'POST', path: COMMENTS, ...bodyTooLongReply(), times: 2 });
    let shrinks = 0;
    const shrink = (body: string) => {
      shrinks += 1;
      return body.slice(0, Math.floor(body.length / 2));
    };

    await expect(upsertStickyComment(client.octokit, request(`${MARKER}\n${'x'.repeat(200)}`, { shrink }))).rejects.toThrow(GitHubError);
    expect(shrinks).toBe(1);
    expect(server.requestsTo('POST', COMMENTS)).toHaveLength(2);
    expect(ours()).toHaveLength(0);
    expect(server.violations).toEqual([]);
  });

  it('never sends a body over 65,536 characters or bytes: it shrinks first', async () => {
    const huge = `${MARKER}\n${'é'.repeat(40_000)}`; // 40,031 characters but over 80,000 UTF-8 bytes
    const shrink = (body: string) => body.slice(0, 30_000);

    const result = await upsertStickyComment(client.octokit, request(huge, { shrink }));

    expect(result.action).toBe('created');
    const sent = server.requestsTo('POST', COMMENTS).map((r) => (r.body as { body: string }).body);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.startsWith(MARKER)).toBe(true);
    expect(Buffer.byteLength(sent[0]!)).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(server.violations).toEqual([]);
  });

  it('refuses a body over the limit when it cannot shrink it, sending nothing', async () => {
    await expect(upsertStickyComment(client.octokit, request('y'.repeat(MAX_COMMENT_CHARS + 1)))).rejects.toThrow(/65,536/);
    expect(server.requests).toHaveLength(0);
  });

  it('waits out a secondary rate limit (retry-after: 1) and succeeds', async () => {
    server.failNext({ method: 'POST', path: COMMENTS, ...secondaryRateLimitReply(1) });

    const result = await upsertStickyComment(client.octokit, request(`${MARKER}\nbody`));

    expect(result.action).toBe('created');
    expect(ours()).toHaveLength(1);
    expect(server.requestsTo('POST', COMMENTS)).toHaveLength(2);
    expect(client.warnings.join('\n')).toMatch(/secondary rate limit .*waiting 1 s/);
    expect(server.violations).toEqual([]);
  });

  it('a 403 naming missing permissions becomes a warning naming `pull-requests: write`, and the run goes on', async () => {
    server.failNext({ method: 'POST', path: COMMENTS, ...missingPermissionReply('issues=write; pull_requests=write') });
    const warnings: string[] = [];

    const step = await withPermissionWarning('post the TestMaster comment', () => upsertStickyComment(client.octokit, request(`${MARKER}\nx`)), (line) =>
      warnings.push(line),
    );

    expect(step.done).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('`pull-requests: write`');
    expect(warnings[0]).toContain('permissions:');
    expect(warnings[0]).not.toMatch(/\n/);
    expect(ours()).toHaveLength(0);
    expect(server.violations).toEqual([]);
  });

  it('a token whose permissions do not allow commenting gets the same warning from the fake itself', async () => {
    await server.stop();
    server = await startGitHubServer({ identities: { 'read-only-token': { login: ACTIONS_LOGIN, permissions: { pull_requests: 'read', issues: 'read' } } } });
    issueNumber = server.state.addPullRequest(owner, repo, { head: 'feature' }).number;
    const readOnly = testOctokit(server, { token: 'read-only-token' });
    const warnings: string[] = [];

    const step = await withPermissionWarning('post the TestMaster comment', () => upsertStickyComment(readOnly.octokit, request('x')), (line) => warnings.push(line));

    expect(step.done).toBe(false);
    expect(warnings[0]).toContain('`pull-requests: write`');
    expect(server.violations).toEqual([]);
  });

  it('rejects a marker that is not an HTML comment', async () => {
    await expect(upsertStickyComment(client.octokit, request('x', { marker: 'testmaster' }))).rejects.toThrow(/HTML comment/);
    expect(server.requests).toHaveLength(0);
  });
});
