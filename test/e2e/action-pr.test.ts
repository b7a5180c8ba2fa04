/**
 * The bundled action (dist/index.js) on pull requests, against the local GitHub server (which checks
 * every request against GitHub's OpenAPI description) and a real fixture repository whose commits
 * are mirrored into the server's git data with the same ids. No model key: the zero-token generator
 * proposes the tests.
 *
 * Covered: one sticky comment created, left alone on a rerun, updated in place for a new head; a
 * missing permission on the comment is a warning and the job summary is still written; a 422 "body
 * is too long" is answered by a shorter body sent once more; commit mode
 * pushes one commit through the Git Data API and never forces when the branch moved; /testmaster
 * apply commits the exact proposed files for a writer and is refused for a reader; /testmaster run is
 * refused without run-workflow; the loop guard; a fork's pull request is measured without generation,
 * and fully by a maintainer's workflow_dispatch pinned to its head; other events, drafts and a bad
 * apply input. (Pull-request mode opening its pull request is in action-pr-more.test.ts, as the first
 * step of its scenario that re-uses and closes that pull request: one run serves both.)
 *
 * Base coverage is measured only where a test looks at it (the first run's coverage-delta, and the
 * second run, whose comment must be the first's to the byte); the other runs skip it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  annotations,
  COMMENT,
  COMMENTS,
  expectCommitOfProposal,
  expectProposalOfReport,
  MARKER,
  NAME as name,
  OWNER as owner,
  proposalIn,
  reportOf,
  RUN_URL,
  startActionHarness,
  type ActionHarness,
} from '../helpers/github-server/action-harness.js';
import type { GitStore } from '../helpers/github-server/git-store.js';
import { ACTIONS_LOGIN, ACTIONS_TOKEN, bodyTooLongReply, type GitHubServer } from '../helpers/github-server/index.js';
import type { FixtureRepo } from '../helpers/fixture-repo.js';

const READ_ONLY_TOKEN = 'fake-read-only-token';
/** Only the money module, one rerun: a run takes seconds, not minutes. */
const FAST = { include: 'src/money.ts', reruns: '1' };
/** For runs whose test looks at nothing of the base: no base measurement (a worktree and a runner less). */
const NO_BASE = { 'measure-base': 'false' };

let harness: ActionHarness;
let server: GitHubServer;
let repo: FixtureRepo;

beforeAll(async () => {
  harness = await startActionHarness({
    identities: {
      [ACTIONS_TOKEN]: { login: ACTIONS_LOGIN },
      // A pull_request run's token with the default read-only permissions.
      [READ_ONLY_TOKEN]: { login: ACTIONS_LOGIN, permissions: { contents: 'read', pull_requests: 'read', issues: 'read' } },
    },
    defaultInputs: { token: ACTIONS_TOKEN, ...FAST },
  });
  ({ server, repo } = harness);
  server.state.setRole(owner, name, 'alice', 'write');
  server.state.setRole(owner, name, 'visitor', 'read');
});
afterAll(async () => {
  await harness?.stop();
});

afterEach(() => {
  // Every request fitted GitHub's published description, and the fake answered each one.
  expect(server.violations).toEqual([]);
});

const git = (): GitStore => harness.git();
const openPull: ActionHarness['openPull'] = (...args) => harness.openPull(...args);
const pullEvent: ActionHarness['pullEvent'] = (...args) => harness.pullEvent(...args);
const commentEvent: ActionHarness['commentEvent'] = (...args) => harness.commentEvent(...args);
const runAction: ActionHarness['runAction'] = (...args) => harness.runAction(...args);
const stickyComments: ActionHarness['stickyComments'] = (...args) => harness.stickyComments(...args);

describe('the bundled action on pull requests (local GitHub)', () => {
  let pullA: number;
  let firstBody: string;
  let newHead: string;
  let appliedCommit: string;
  let pullE: number;

  it('posts exactly one comment with the report, the proposal, how to apply and the run link, and sets the outputs', async () => {
    pullA = openPull('feature');
    const run = await runAction('pull_request', pullEvent(pullA, 'feature'));
    expect(run.status, run.stdout).toBe(0);
    expect(annotations(run, 'error')).toEqual([]);

    const comments = stickyComments(pullA);
    expect(comments).toHaveLength(1);
    expect(server.requestsTo('POST', COMMENTS)).toHaveLength(1);
    const [comment] = comments;
    expect(comment!.author).toBe(ACTIONS_LOGIN);
    expect(comment!.body.startsWith(`${MARKER}\n`)).toBe(true);
    expect(comment!.body).toContain('### TestMaster coverage');
    expect(comment!.body).toContain('`/testmaster apply`');
    expect(comment!.body).toContain(`(${RUN_URL})`);
    expect(comment!.body).toContain(`\`${repo.head.slice(0, 7)}\``);
    expect([...comment!.body].length).toBeLessThanOrEqual(65_536);

    const report = reportOf(run);
    expectProposalOfReport(proposalIn(comment!.body), report);
    expect(run.outputs['comment-url']).toBe(`${server.baseUrl}/${owner}/${name}/pull/${pullA}#issuecomment-${comment!.id}`);
    expect(JSON.parse(run.outputs['proposed-files']!)).toEqual((report.proposedFiles ?? []).map((f) => f.path));
    expect(run.outputs['cost-usd']).toBe('0');
    const p = report.patch;
    expect(Number(run.outputs['patch-coverage'])).toBeCloseTo(((p.covered - p.partial) / p.total) * 100, 2);
    expect(run.outputs['coverage-delta']).toMatch(/^-?\d+\.\d\d$/);
    expect(run.summary).toContain('### TestMaster coverage');
    firstBody = comment!.body;
  });

  it('leaves the comment alone on a second run for the same head (no edit, no new comment)', async () => {
    const run = await runAction('pull_request', pullEvent(pullA, 'feature', { action: 'synchronize' }));
    expect(run.status, run.stdout).toBe(0);
    expect(server.requestsTo('PATCH', COMMENT)).toHaveLength(0);
    expect(server.requestsTo('POST', COMMENTS)).toHaveLength(1);
    expect(stickyComments(pullA).map((c) => c.body)).toEqual([firstBody]);
    expect(run.outputs['comment-url']).toContain(`#issuecomment-${stickyComments(pullA)[0]!.id}`);
  });

  it('updates the same comment in place for a new head', async () => {
    newHead = await harness.commitOnTop({ 'NOTES.md': 'A note that changes no module.\n' }, 'notes');
    git().updateRef('refs/heads/feature', newHead, false);

    const run = await runAction('pull_request', pullEvent(pullA, 'feature', { action: 'synchronize', head: newHead }), NO_BASE);
    expect(run.status, run.stdout).toBe(0);
    const comments = stickyComments(pullA);
    expect(comments).toHaveLength(1);
    expect(server.requestsTo('POST', COMMENTS)).toHaveLength(1);
    expect(server.requestsTo('PATCH', COMMENT)).toHaveLength(1);
    expect(comments[0]!.body).not.toBe(firstBody);
    expect(comments[0]!.body).toContain(`\`${newHead.slice(0, 7)}\``);
    expect(proposalIn(comments[0]!.body).headSha).toBe(newHead);
  });

  it('refuses /testmaster apply from someone without write access: -1, a reply, nothing written', async () => {
    const command = server.state.addComment(owner, name, pullA, { body: '/testmaster apply', author: 'visitor' });
    const writesBefore = gitWriteCount();
    const run = await runAction('issue_comment', commentEvent(pullA, command));
    expect(run.status, run.stdout).toBe(0);
    expect(command.reactions.map((r) => [r.content, r.user])).toEqual([['-1', ACTIONS_LOGIN]]);
    const reply = server.state.comments(owner, name, pullA).at(-1)!;
    expect(reply.body).toMatch(/^@visitor only people with write, maintain or admin access/);
    expect(git().ref('refs/heads/feature')).toBe(newHead);
    expect(gitWriteCount()).toBe(writesBefore);
    // A command runs nothing of the pull request.
    expect(run.outputs['report-json']).toBeUndefined();
    expect(run.summary).toBe('');
  });

  it('commits exactly the proposed files for /testmaster apply from a writer, verified-style (no author sent), never forced', async () => {
    const proposal = proposalIn(stickyComments(pullA)[0]!.body);
    const command = server.state.addComment(owner, name, pullA, { body: '/testmaster apply', author: 'alice' });
    const commitsBefore = server.requestsTo('POST', '/repos/{owner}/{repo}/git/commits').length;
    const run = await runAction('issue_comment', commentEvent(pullA, command));
    expect(run.status, run.stdout).toBe(0);

    appliedCommit = git().ref('refs/heads/feature')!;
    expect(appliedCommit).not.toBe(newHead);
    expectCommitOfProposal(git(), appliedCommit, newHead, proposal);
    const commitRequests = server.requestsTo('POST', '/repos/{owner}/{repo}/git/commits').slice(commitsBefore);
    expect(commitRequests).toHaveLength(1);
    expect(commitRequests[0]!.body).not.toHaveProperty('author');
    expect(commitRequests[0]!.body).not.toHaveProperty('committer');
    expect(server.requestsTo('PATCH', '/repos/{owner}/{repo}/git/refs/{ref}').at(-1)!.body).toMatchObject({ force: false });
    expect(command.reactions.map((r) => r.content)).toEqual(['eyes', '+1']);
    expect(server.state.comments(owner, name, pullA).at(-1)!.body).toContain(`@alice committed ${proposal.files.length} proposed test file`);
    expect(run.summary).toBe('');
  });

  it('skips a run whose head commit TestMaster made (loop guard)', async () => {
    const requestsBefore = server.requests.length;
    const run = await runAction('pull_request', pullEvent(pullA, 'feature', { action: 'synchronize', head: appliedCommit }));
    expect(run.status, run.stdout).toBe(0);
    expect(annotations(run, 'notice').join('\n')).toMatch(/made by TestMaster itself/);
    // One read of the head commit; no comment, no git write.
    expect(server.requests.slice(requestsBefore).map((r) => `${r.method} ${r.template}`)).toEqual(['GET /repos/{owner}/{repo}/git/commits/{commit_sha}']);
    expect(run.summary).toBe('');
  });

  it('refuses /testmaster run without run-workflow, saying why, and runs nothing', async () => {
    const command = server.state.addComment(owner, name, pullA, { body: '/testmaster run', author: 'alice' });
    const run = await runAction('issue_comment', commentEvent(pullA, command));
    expect(run.status, run.stdout).toBe(0);
    expect(command.reactions.map((r) => r.content)).toEqual(['eyes', 'confused']);
    const reply = server.state.comments(owner, name, pullA).at(-1)!.body;
    expect(reply).toMatch(/^@alice `\/testmaster run` is not set up.*secrets and a write token.*run-workflow/);
    expect(run.outputs['report-json']).toBeUndefined();
  });

  it('commit mode pushes one commit through the Git Data API; a run whose branch has moved since forces nothing', async () => {
    const pullB = openPull('feature-commit');
    const commitsBefore = server.requestsTo('POST', '/repos/{owner}/{repo}/git/commits').length;
    const first = await runAction('pull_request', pullEvent(pullB, 'feature-commit'), { apply: 'commit', ...NO_BASE });
    expect(first.status, first.stdout).toBe(0);
    const committed = git().ref('refs/heads/feature-commit')!;
    expect(committed).not.toBe(repo.head);
    const report = reportOf(first);
    const proposal = proposalIn(stickyComments(pullB)[0]!.body);
    expectProposalOfReport(proposal, report);
    expectCommitOfProposal(git(), committed, repo.head, proposal);
    expect(server.requestsTo('POST', '/repos/{owner}/{repo}/git/commits').length - commitsBefore).toBe(1);
    expect(stickyComments(pullB)[0]!.body).toMatch(/Committed the (\d+ )?proposed test files? to `feature-commit` in \[[0-9a-f]{7}\]/);

    // The same (now stale) head again: the branch is elsewhere, so nothing is written or forced.
    const refUpdates = server.requestsTo('PATCH', '/repos/{owner}/{repo}/git/refs/{ref}').length;
    const second = await runAction('pull_request', pullEvent(pullB, 'feature-commit', { action: 'synchronize' }), { apply: 'commit', ...NO_BASE });
    expect(second.status, second.stdout).toBe(0);
    expect(annotations(second, 'warning').join('\n')).toMatch(/did not commit the proposed tests: feature-commit is no longer at/);
    expect(git().ref('refs/heads/feature-commit')).toBe(committed);
    expect(server.requestsTo('PATCH', '/repos/{owner}/{repo}/git/refs/{ref}').length).toBe(refUpdates);
    expect(server.requestsTo('POST', '/repos/{owner}/{repo}/git/commits').length - commitsBefore).toBe(1);
    expect(server.requestsTo('PATCH', '/repos/{owner}/{repo}/git/refs/{ref}').every((r) => (r.body as { force?: unknown }).force === false)).toBe(true);
    expect(stickyComments(pullB)).toHaveLength(1);
    expect(stickyComments(pullB)[0]!.body).toContain('Not committed: `feature-commit` moved since');
  });

  it('turns a 403 for a missing permission on the comment into a warning; the job summary is written and the run succeeds', async () => {
    const pullD = openPull('feature-read-only');
    const run = await runAction('pull_request', pullEvent(pullD, 'feature-read-only'), { token: READ_ONLY_TOKEN, provider: 'none', ...NO_BASE });
    expect(run.status, run.stdout).toBe(0);
    expect(annotations(run, 'warning').join('\n')).toMatch(/could not post the TestMaster comment on pull request #\d+: the token lacks a permission; add `pull-requests: write` under `permissions:`/);
    expect(server.requestsTo('POST', COMMENTS).filter((r) => r.status === 403)).toHaveLength(1);
    expect(server.state.comments(owner, name, pullD)).toHaveLength(0);
    expect(run.summary).toContain('### TestMaster coverage');
    expect(run.outputs['comment-url']).toBe('');
    expect(run.outputs['patch-coverage']).toMatch(/^\d+\.\d\d$/);
  });

  it("shrinks the comment and sends it once more after GitHub's 422 \"body is too long\"", async () => {
    const pullF = openPull('feature-long');
    const postsBefore = server.requestsTo('POST', COMMENTS).length;
    server.failNext({ method: 'POST', path: COMMENTS, ...bodyTooLongReply() });
    const run = await runAction('pull_request', pullEvent(pullF, 'feature-long'), { provider: 'none', ...NO_BASE });
    expect(run.status, run.stdout).toBe(0);
    const posts = server.requestsTo('POST', COMMENTS).slice(postsBefore);
    expect(posts.map((r) => r.status)).toEqual([422, 201]);
    const [refused, sent] = posts.map((r) => (r.body as { body: string }).body);
    expect(sent!.length).toBeLessThan(refused!.length);
    expect(stickyComments(pullF).map((c) => c.body)).toEqual([sent]);
    expect(server.pendingFaults()).toBe(0);
  });

  it("measures a fork's pull request without generating or posting, with a notice saying why and how to get tests", async () => {
    pullE = openPull('forked', { fork: true });
    const postsBefore = server.requestsTo('POST', COMMENTS).length;
    const run = await runAction('pull_request', pullEvent(pullE, 'forked', { fork: true }), NO_BASE);
    expect(run.status, run.stdout).toBe(0);
    const notice = annotations(run, 'notice').join('\n');
    expect(notice).toMatch(/coverage only: pull request #\d+ comes from the fork forker\/widgets.*no secrets and a read-only token/);
    expect(notice).toContain('/testmaster run');
    expect(run.summary.startsWith('> [!NOTE]\n> TestMaster measured coverage only')).toBe(true);
    expect(run.summary).toContain('### TestMaster coverage');
    const report = reportOf(run);
    expect(report.provider).toBe('none');
    expect(report.proposedFiles ?? []).toEqual([]);
    expect(run.outputs['proposed-files']).toBe('[]');
    expect(server.requestsTo('POST', COMMENTS).length).toBe(postsBefore);
    expect(server.state.comments(owner, name, pullE)).toHaveLength(0);
  });

  it("runs a maintainer's workflow_dispatch for the fork's pull request in full, only on the head commit it was asked for", async () => {
    const before = server.requests.length;
    const stale = await runAction('workflow_dispatch', { inputs: { 'pr-number': String(pullE), 'head-sha': 'f'.repeat(40) } });
    expect(stale.status, stale.stdout).toBe(0);
    expect(annotations(stale, 'notice').join('\n')).toMatch(new RegExp(`did not run: pull request #${pullE} moved from fffffff .* to ${repo.head.slice(0, 7)}`));
    expect(server.requests.slice(before).map((r) => `${r.method} ${r.template}`)).toEqual(['GET /repos/{owner}/{repo}/pulls/{pull_number}']);
    expect(stale.outputs['report-json']).toBeUndefined();

    const run = await runAction('workflow_dispatch', { inputs: { 'pr-number': String(pullE), 'head-sha': repo.head } }, NO_BASE);
    expect(run.status, run.stdout).toBe(0);
    const report = reportOf(run);
    expect(report.head).toBe(repo.head);
    expect(report.provider).toBe('offline');
    const comments = stickyComments(pullE);
    expect(comments).toHaveLength(1);
    expectProposalOfReport(proposalIn(comments[0]!.body), report);
    expect(run.outputs['comment-url']).toContain(`/pull/${pullE}#issuecomment-${comments[0]!.id}`);
  });

  it('gives a notice and exits 0 on an event it does not handle, and on a draft, calling nothing', async () => {
    const before = server.requests.length;
    const other = await runAction('schedule', { schedule: '0 0 * * *' });
    expect(other.status, other.stdout).toBe(0);
    expect(annotations(other, 'notice').join('\n')).toMatch(/does nothing on "schedule" events/);
    const draft = await runAction('pull_request', pullEvent(pullA, 'feature', { draft: true, head: newHead }));
    expect(draft.status, draft.stdout).toBe(0);
    expect(annotations(draft, 'notice').join('\n')).toMatch(/skipped draft pull request .*include-drafts: true/);
    expect(server.requests.length).toBe(before);
    expect(other.summary + draft.summary).toBe('');
  });

  it('rejects an unknown apply mode in one line naming the allowed values', async () => {
    const run = await runAction('pull_request', pullEvent(pullA, 'feature', { head: newHead }), { apply: 'push' });
    expect(run.status).toBe(1);
    expect(annotations(run, 'error')).toEqual([expect.stringMatching(/^invalid apply input "push": expected one of comment, commit, pull-request/)]);
  });
});

function gitWriteCount(): number {
  return server.requests.filter((r) => r.method !== 'GET' && (r.template ?? '').startsWith('/repos/{owner}/{repo}/git/')).length;
}
