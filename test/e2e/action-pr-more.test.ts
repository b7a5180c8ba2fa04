/**
 * More of the bundled action (dist/index.js) on pull requests, against the local GitHub server (every
 * request checked against GitHub's OpenAPI description) and, where a model writes the tests, the
 * local OpenAI-compatible server (the real `openai` SDK over HTTP, answers scripted per test).
 *
 * Covered: a 502 on the comment's create, whether the comment landed or not, never gives two
 * comments; pull-request mode opens one pull request of the tests from testmaster/pr-<number> into the
 * branch, then re-uses its branch (force-moved) and that pull request for a new head, and closes it once
 * the tests are on the branch and nothing is left to propose; a fork's run
 * with a model key and a reachable model measures coverage only and calls no model; a comment of
 * someone else carrying TestMaster's marker is never edited; a report with a proposed file too long
 * for a comment is cut to GitHub's 65,536 characters and bytes with a note pointing to the job
 * summary; the whole path with a model (one comment whose proposal is the kept files, a cost);
 * `/testmaster run` from a writer dispatches the run workflow with the pull request's number and
 * head, and that dispatched run comments.
 *
 * No test here looks at base coverage, so no run measures it (action-pr.test.ts covers a run that does).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatCost } from '../../src/action/set-outputs.js';
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
import { ACTIONS_LOGIN, ACTIONS_TOKEN, serverErrorReply, type GitHubServer, type RecordedRequest } from '../helpers/github-server/index.js';
import { completionReply, startModelServer, type ModelServer } from '../helpers/model-server.js';

/** Only the money module, one rerun, no base measurement: a run takes seconds, not minutes. */
const FAST = { include: 'src/money.ts', reruns: '1', 'measure-base': 'false' };
const MODEL_KEY = 'sk-testmaster-action-e2e-0123456789abcdefKEY';
const PRICES = JSON.stringify({ 'test-model': { 'input-per-mtok-usd': 1, 'output-per-mtok-usd': 2 } });
const TEST_PATH = 'test/money.testmaster.test.ts';
const DISPATCH = '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches';
const PULLS = '/repos/{owner}/{repo}/pulls';
const REF = '/repos/{owner}/{repo}/git/refs/{ref}';

const GOOD_CASES = `describe('splitEvenly', () => {
  it('spreads the remainder over the first shares', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
  });
  it('spreads a negative remainder', () => {
    expect(splitEvenly(-10, 3)).toEqual([-4, -3, -3]);
  });
  it('rejects a non-positive number of parts', () => {
    expect(() => splitEvenly(10, 0)).toThrow(RangeError);
  });
});

describe('formatPrice', () => {
  it('groups thousands of yen', () => {
    expect(formatPrice(1234567, 'JPY')).toBe('¥1,234,567');
  });
});
`;
const GOOD_FILE = `import { describe, expect, it } from 'vitest';\nimport { formatPrice, splitEvenly } from '../src/money.js';\n\n${GOOD_CASES}`;

let harness: ActionHarness;
let server: GitHubServer;
let model: ModelServer;

beforeAll(async () => {
  [harness, model] = await Promise.all([
    startActionHarness({ identities: { [ACTIONS_TOKEN]: { login: ACTIONS_LOGIN } }, defaultInputs: { token: ACTIONS_TOKEN, ...FAST } }),
    startModelServer(),
  ]);
  server = harness.server;
  server.state.setRole(owner, name, 'alice', 'write');
});
afterAll(async () => {
  await model?.stop();
  await harness?.stop();
});
afterEach(() => {
  // Every request fitted GitHub's published description, and the fake answered each one.
  expect(server.violations).toEqual([]);
  // Every scripted model answer was asked for.
  expect(model.clear()).toBe(0);
});

/** Inputs for a run whose tests a model (the local model server) writes. */
const withModel = (): Record<string, string> => ({ provider: 'openai', model: 'test-model', 'base-url': model.baseUrl, 'api-key': MODEL_KEY, 'model-prices': PRICES });

/** The model's answer: one test file. */
const answer = (content: string): string => JSON.stringify({ files: [{ path: TEST_PATH, content, cases: [] }], notes: null });

/** Requests to a documented template on one pull request's comments. */
const commentPosts = (pull: number): RecordedRequest[] => server.requestsTo('POST', COMMENTS).filter((r) => r.pathname === `/repos/${owner}/${name}/issues/${pull}/comments`);

const patchPulls = (pull: number) => [...server.state.requireRepo(owner, name).issues.values()].filter((issue) => issue.pull?.headRef === `testmaster/pr-${pull}`);

describe('the bundled action on pull requests, more (local GitHub, local model)', () => {
  it('a 502 on the comment create that landed anyway: the comment is found, not posted again; the next run finds that one', async () => {
    const pull = harness.openPull('feature-502-landed');
    server.failNext({ method: 'POST', path: COMMENTS, ...serverErrorReply(502), landed: true });
    const run = await harness.runAction('pull_request', harness.pullEvent(pull, 'feature-502-landed'), { provider: 'none' });
    expect(run.status, run.stdout).toBe(0);
    expect(server.pendingFaults()).toBe(0);
    expect(commentPosts(pull).map((r) => r.status)).toEqual([502]);
    const comments = harness.stickyComments(pull);
    expect(comments).toHaveLength(1);
    expect(run.outputs['comment-url']).toContain(`#issuecomment-${comments[0]!.id}`);

    const next = await harness.runAction('pull_request', harness.pullEvent(pull, 'feature-502-landed', { action: 'synchronize' }), { provider: 'none' });
    expect(next.status, next.stdout).toBe(0);
    expect(commentPosts(pull)).toHaveLength(1);
    expect(harness.stickyComments(pull).map((c) => c.id)).toEqual([comments[0]!.id]);
    expect(next.outputs['comment-url']).toBe(run.outputs['comment-url']);
  });

  it('a 502 on the comment create that did not land: looked for, not found, posted once more; one comment', async () => {
    const pull = harness.openPull('feature-502-lost');
    server.failNext({ method: 'POST', path: COMMENTS, ...serverErrorReply(502) });
    const run = await harness.runAction('pull_request', harness.pullEvent(pull, 'feature-502-lost'), { provider: 'none' });
    expect(run.status, run.stdout).toBe(0);
    expect(server.pendingFaults()).toBe(0);
    expect(commentPosts(pull).map((r) => r.status)).toEqual([502, 201]);
    const comments = harness.stickyComments(pull);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toBe((commentPosts(pull)[1]!.body as { body: string }).body);
  });

  describe('pull-request mode, from opening its pull request to closing it', () => {
    const branch = 'feature-patch-again';
    const patchBranch = (pull: number): string => `testmaster/pr-${pull}`;
    let pull: number;
    let patch: ReturnType<typeof patchPulls>[number];
    let firstCommit: string;

    it('pull-request mode opens one pull request of the tests from testmaster/pr-<number> into the branch', async () => {
      pull = harness.openPull(branch);
      const first = await harness.runAction('pull_request', harness.pullEvent(pull, branch), { apply: 'pull-request' });
      expect(first.status, first.stdout).toBe(0);
      expect(patchPulls(pull)).toHaveLength(1);
      patch = patchPulls(pull)[0]!;
      expect(patch.pull!.baseRef).toBe(branch);
      firstCommit = harness.git().ref(`refs/heads/${patchBranch(pull)}`)!;
      expectCommitOfProposal(harness.git(), firstCommit, harness.repo.head, proposalIn(harness.stickyComments(pull)[0]!.body));
      expect(harness.git().ref(`refs/heads/${branch}`)).toBe(harness.repo.head);
      expect(harness.stickyComments(pull)[0]!.body).toContain(`#${patch.number}`);
    });

    it('pull-request mode re-uses its branch (force-moved) and its one pull request for a new head, and closes it once the tests are merged and nothing is left to propose', async () => {
      // A new head: the same pull request gets the new commit, the branch is force-moved onto it.
      const newHead = await harness.commitOnTop({ 'NOTES.md': 'A note that changes no module.\n' }, 'notes');
      harness.git().updateRef(`refs/heads/${branch}`, newHead, false);
      const second = await harness.runAction('pull_request', harness.pullEvent(pull, branch, { action: 'synchronize', head: newHead }), { apply: 'pull-request' });
      expect(second.status, second.stdout).toBe(0);
      expect(patchPulls(pull).map((p) => [p.number, p.pull!.state, p.pull!.baseRef])).toEqual([[patch.number, 'open', branch]]);
      expect(server.requestsTo('POST', PULLS).filter((r) => (r.body as { head?: string }).head === patchBranch(pull))).toHaveLength(1);
      const secondCommit = harness.git().ref(`refs/heads/${patchBranch(pull)}`)!;
      expect(secondCommit).not.toBe(firstCommit);
      const proposal = proposalIn(harness.stickyComments(pull)[0]!.body);
      expect(proposal.headSha).toBe(newHead);
      expectCommitOfProposal(harness.git(), secondCommit, newHead, proposal);
      // Octokit sends the ref URL-encoded (heads%2Ftestmaster%2Fpr-N).
      const moves = server.requestsTo('PATCH', REF).filter((r) => decodeURIComponent(r.pathname) === `/repos/${owner}/${name}/git/refs/heads/${patchBranch(pull)}`);
      expect(moves.map((r) => [r.status, r.body])).toEqual([[200, { sha: secondCommit, force: true }]]);
      expect(harness.git().ref(`refs/heads/${branch}`)).toBe(newHead);
      expect(harness.stickyComments(pull)).toHaveLength(1);
      expect(harness.stickyComments(pull)[0]!.body).toContain(`in #${patch.number}`);

      // The tests merged into the branch (a commit of the user's, not TestMaster's): nothing is left to
      // propose, so the pull request is closed and TestMaster's branch deleted.
      const merged = await harness.commitOnTop(Object.fromEntries(proposal.files.map((f) => [f.path, f.content])), 'take the proposed tests');
      harness.git().updateRef(`refs/heads/${branch}`, merged, false);
      const third = await harness.runAction('pull_request', harness.pullEvent(pull, branch, { action: 'synchronize', head: merged }), { apply: 'pull-request' });
      expect(third.status, third.stdout).toBe(0);
      expect(reportOf(third).proposedFiles ?? []).toEqual([]);
      expect(patchPulls(pull).map((p) => [p.number, p.pull!.state])).toEqual([[patch.number, 'closed']]);
      expect(harness.git().ref(`refs/heads/${patchBranch(pull)}`)).toBeUndefined();
      expect(harness.git().ref(`refs/heads/${branch}`)).toBe(merged);
      expect(server.requestsTo('POST', PULLS).filter((r) => (r.body as { head?: string }).head === patchBranch(pull))).toHaveLength(1);
      expect(harness.stickyComments(pull)).toHaveLength(1);
      expect(harness.stickyComments(pull)[0]!.body).toContain(`Nothing is left to propose, so #${patch.number} was closed.`);
    });
  });

  it("measures a fork's pull request with a model key and a reachable model as coverage only, calling the model not once", async () => {
    const pull = harness.openPull('forked-with-key', { fork: true });
    const modelRequests = model.requests.length;
    const run = await harness.runAction('pull_request', harness.pullEvent(pull, 'forked-with-key', { fork: true }), withModel());
    expect(run.status, run.stdout).toBe(0);
    expect(model.requests.length).toBe(modelRequests);
    expect(annotations(run, 'notice').join('\n')).toMatch(/coverage only: pull request #\d+ comes from the fork forker\/widgets/);
    expect(run.summary.startsWith('> [!NOTE]\n> TestMaster measured coverage only')).toBe(true);
    expect(run.summary).toContain('### TestMaster coverage');
    const report = reportOf(run);
    expect(report.provider).toBe('none');
    expect(report.proposedFiles ?? []).toEqual([]);
    expect(run.outputs['cost-usd']).toBe('0');
    expect(commentPosts(pull)).toHaveLength(0);
  });

  it("never edits someone else's comment that carries TestMaster's marker: its own is posted beside it and updated later", async () => {
    const branch = 'feature-impostor';
    const pull = harness.openPull(branch);
    const other = server.state.addComment(owner, name, pull, { body: `${MARKER}\nA copy of TestMaster's marker, by someone else.\n`, author: 'mallory' });
    const before = { body: other.body, updatedAt: other.updatedAt };
    const run = await harness.runAction('pull_request', harness.pullEvent(pull, branch), { provider: 'none' });
    expect(run.status, run.stdout).toBe(0);
    const [theirs, ours] = harness.stickyComments(pull);
    expect(harness.stickyComments(pull)).toHaveLength(2);
    expect(theirs!.id).toBe(other.id);
    expect(ours!.author).toBe(ACTIONS_LOGIN);
    expect(ours!.body).toContain('### TestMaster coverage');

    // A new head: ours is edited in place, theirs still untouched.
    const newHead = await harness.commitOnTop({ 'NOTES-2.md': 'Another note.\n' }, 'another note');
    harness.git().updateRef(`refs/heads/${branch}`, newHead, false);
    const next = await harness.runAction('pull_request', harness.pullEvent(pull, branch, { action: 'synchronize', head: newHead }), { provider: 'none' });
    expect(next.status, next.stdout).toBe(0);
    const edits = server.requestsTo('PATCH', COMMENT);
    expect(edits.filter((r) => r.pathname.endsWith(`/issues/comments/${ours!.id}`)).map((r) => r.status)).toEqual([200]);
    expect(edits.filter((r) => r.pathname.endsWith(`/issues/comments/${other.id}`))).toEqual([]);
    expect(server.requests.filter((r) => r.method === 'DELETE' && r.pathname.endsWith(`/${other.id}`))).toEqual([]);
    expect(harness.stickyComments(pull).map((c) => c.id)).toEqual([other.id, ours!.id]);
    expect(server.state.comment(other.id)!.body).toBe(before.body);
    expect(server.state.comment(other.id)!.updatedAt).toBe(before.updatedAt);
    expect(server.state.comment(ours!.id)!.body).toContain(`\`${newHead.slice(0, 7)}\``);
  });

  it("cuts a report whose proposed file is too long for a comment to GitHub's 65,536 characters and bytes, pointing to the job summary", async () => {
    // A kept file of well over 65,536 characters: a long header of worked examples (two- and three-byte characters).
    const examples = Array.from({ length: 900 }, (_, i) => `// Worked example ${i}: splitEvenly(${i + 10}, 3) — ¥${i},000 in, three shares out, the remainder first.`);
    const longFile = `${examples.join('\n')}\n${GOOD_FILE}`;
    expect(longFile.length).toBeGreaterThan(80_000);
    model.enqueue(completionReply({ content: answer(longFile), usage: { prompt: 2100, completion: 400 } }));
    const pull = harness.openPull('feature-long-file');
    const run = await harness.runAction('pull_request', harness.pullEvent(pull, 'feature-long-file'), withModel());
    expect(run.status, run.stdout).toBe(0);
    const report = reportOf(run);
    const [kept] = report.proposedFiles ?? [];
    expect(kept!.content).toContain(examples.at(-1));
    expect(kept!.content.length).toBeGreaterThan(80_000);

    const [comment] = harness.stickyComments(pull);
    expect(harness.stickyComments(pull)).toHaveLength(1);
    const body = comment!.body;
    // Fitted before it was sent: GitHub never had to refuse it.
    expect(commentPosts(pull).map((r) => r.status)).toEqual([201]);
    expect([...body].length).toBeLessThanOrEqual(65_536);
    expect(Buffer.byteLength(body, 'utf8')).toBeLessThanOrEqual(65_536);
    expect(body).not.toContain(examples.at(-1));
    expect(body).toContain(`File body left out to stay within GitHub's comment limit: see the job summary of [this workflow run](${RUN_URL}) or its \`testmaster\` artifact.`);
    // The files still travel, compressed, for /testmaster apply.
    expect(proposalIn(body).files.map((f) => f.content)).toEqual([kept!.content]);
    // The job summary has what the comment left out.
    expect(run.summary).toContain(examples.at(-1));
    expect(run.summary).toContain("describe('splitEvenly'");
  });

  it('end to end with a model: one comment whose proposal is the kept files, and the cost in cost-usd', async () => {
    model.enqueue(completionReply({ content: answer(GOOD_FILE), usage: { prompt: 2100, completion: 400 } }));
    const pull = harness.openPull('feature-model');
    const modelRequests = model.requests.length;
    const run = await harness.runAction('pull_request', harness.pullEvent(pull, 'feature-model'), withModel());
    expect(run.status, run.stdout).toBe(0);
    expect(annotations(run, 'error')).toEqual([]);
    const calls = model.requests.slice(modelRequests);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers.authorization).toBe(`Bearer ${MODEL_KEY}`);

    const report = reportOf(run);
    expect(report.provider).toBe('openai');
    expect((report.proposedFiles ?? []).map((f) => f.path)).toEqual([TEST_PATH]);
    const comments = harness.stickyComments(pull);
    expect(comments).toHaveLength(1);
    expect(commentPosts(pull)).toHaveLength(1);
    const proposal = proposalIn(comments[0]!.body);
    expectProposalOfReport(proposal, report);
    expect(proposal.files.map((f) => f.content)).toEqual(report.proposedFiles!.map((f) => f.content));
    expect(proposal.files[0]!.content).toContain("expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);");
    expect(Number(run.outputs['cost-usd'])).toBeGreaterThan(0);
    expect(run.outputs['cost-usd']).toBe(formatCost(report.budget!.costUsd));
    expect(comments[0]!.body).not.toContain(MODEL_KEY);
    expect(run.summary).not.toContain(MODEL_KEY);
  });

  it('/testmaster run from a writer dispatches the run workflow with the pull request and its head; the dispatched run comments', async () => {
    const workflow = server.state.addWorkflow(owner, name, {
      path: '.github/workflows/testmaster-run.yml',
      dispatchInputs: { 'pr-number': { required: true }, 'head-sha': { required: false } },
    });
    const branch = 'feature-run';
    const pull = harness.openPull(branch);
    const head = harness.git().ref(`refs/heads/${branch}`)!;
    const command = server.state.addComment(owner, name, pull, { body: '/testmaster run', author: 'alice' });
    const run = await harness.runAction('issue_comment', harness.commentEvent(pull, command), { 'run-workflow': 'testmaster-run.yml' });
    expect(run.status, run.stdout).toBe(0);

    expect(server.requestsTo('POST', DISPATCH).map((r) => [r.pathname, r.status])).toEqual([[`/repos/${owner}/${name}/actions/workflows/testmaster-run.yml/dispatches`, 204]]);
    expect(server.state.dispatches(owner, name)).toEqual([
      expect.objectContaining({ workflowId: workflow.id, ref: 'main', inputs: { 'pr-number': String(pull), 'head-sha': head }, actor: ACTIONS_LOGIN }),
    ]);
    expect(command.reactions.map((r) => r.content)).toEqual(['eyes', '+1']);
    expect(server.state.comments(owner, name, pull).at(-1)!.body).toMatch(new RegExp(`^@alice started TestMaster \\(testmaster-run\\.yml\\) on ${head.slice(0, 7)}`));
    // The command job ran nothing of the pull request.
    expect(run.outputs['report-json']).toBeUndefined();
    expect(run.summary).toBe('');
    expect(harness.stickyComments(pull)).toHaveLength(0);

    // The run GitHub would start: workflow_dispatch with exactly those inputs.
    const [dispatched] = server.state.dispatches(owner, name);
    const measured = await harness.runAction('workflow_dispatch', { inputs: dispatched!.inputs, ref: `refs/heads/${dispatched!.ref}` }, { provider: 'none' });
    expect(measured.status, measured.stdout).toBe(0);
    expect(reportOf(measured).head).toBe(head);
    expect(harness.stickyComments(pull)).toHaveLength(1);
  });
});
