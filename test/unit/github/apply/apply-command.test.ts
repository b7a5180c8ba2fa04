/**
 * The whole `/testmaster apply` flow against the local GitHub through the real Octokit: the happy
 * path commits exactly the proposed files on top of the proposed head; every refusal (head moved,
 * fork, no report, no payload, a planted, tampered or forged payload, a payload not at the end, a
 * closed pull request, a missing permission) writes nothing to git and answers with one line that
 * says what to do.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCommand, type ApplyCommandRequest } from '../../../../src/github/apply/apply-command.js';
import { authorizeCommenter, type AuthorizedCommenter } from '../../../../src/github/apply/authorize-commenter.js';
import { hasGeneratedTrailer } from '../../../../src/github/apply/commit-trailer.js';
import { encodeProposal } from '../../../../src/github/apply/proposal-payload.js';
import { ACTIONS_LOGIN, DEFAULT_OWNER as owner, DEFAULT_REPO as repo, startGitHubServer, type GitHubServer } from '../../../helpers/github-server/index.js';
import { testOctokit, type TestOctokit } from '../test-octokit.js';
import { gitWrites, proposalFile, rawPayload } from './apply-fixtures.js';

const MARKER = '<!-- testmaster:sticky:v1 -->';
const FEATURE_FILES = { 'package.json': '{"name":"shop"}\n', 'src/cart.ts': 'export const total = () => 0;\n' };
const FILES = [proposalFile('src/cart.test.ts', "import { total } from './cart.js';\ntest('t', () => expect(total()).toBe(0));\n")];

describe('applyCommand', () => {
  let server: GitHubServer;
  let client: TestOctokit;
  let head: string;
  let pullNumber: number;
  let commandId: number;
  let commenter: AuthorizedCommenter;
  let warnings: string[];

  const startWith = async (options?: Parameters<typeof startGitHubServer>[0], token?: string) => {
    server = await startGitHubServer(options);
    client = testOctokit(server, token ? { token } : {});
    server.state.seedCommit(owner, repo, { branch: 'main', files: { 'package.json': '{}\n' } });
    head = server.state.seedCommit(owner, repo, { branch: 'feature', files: FEATURE_FILES });
    pullNumber = server.state.addPullRequest(owner, repo, { head: 'feature', base: 'main', author: 'alice' }).number;
    server.state.setRole(owner, repo, 'alice', 'write');
    commandId = server.state.addComment(owner, repo, pullNumber, { body: '/testmaster apply', author: 'alice' }).id;
    const decision = await authorizeCommenter(client.octokit, { owner, repo, username: 'alice' });
    if (!decision.allowed) throw new Error('alice should be allowed');
    commenter = decision.commenter;
    warnings = [];
  };

  beforeEach(async () => {
    await startWith();
  });
  afterEach(async () => {
    await server.stop();
  });

  const git = () => server.state.requireRepo(owner, repo).git;
  const sticky = (body: string, author = ACTIONS_LOGIN) => server.state.addComment(owner, repo, pullNumber, { body: `${MARKER}\n## TestMaster\nreport\n\n${body}`, author });
  const request = (extra: Partial<ApplyCommandRequest> = {}): ApplyCommandRequest => ({
    owner,
    repo,
    pullNumber,
    commenter,
    marker: MARKER,
    commentId: commandId,
    warn: (line) => warnings.push(line),
    ...extra,
  });
  const replies = () => server.state.comments(owner, repo, pullNumber).filter((c) => c.author === ACTIONS_LOGIN && !c.body.startsWith(MARKER)).map((c) => c.body);
  const reactions = () => server.state.comment(commandId)!.reactions.map((r) => r.content);
  const expectRefusedWithoutWrites = (reply: RegExp) => {
    expect(gitWrites(server)).toEqual([]);
    expect(git().ref('refs/heads/feature')).toBe(head);
    expect(replies()).toHaveLength(1);
    expect(replies()[0]).toMatch(reply);
    expect(replies()[0]).not.toMatch(/\n/);
    expect(reactions()).toEqual(['confused']);
    expect(server.violations).toEqual([]);
  };

  it('commits the proposed files onto the branch, replies with the commit link and reacts +1', async () => {
    sticky(encodeProposal({ headSha: head, files: FILES }));

    const outcome = await applyCommand(client.octokit, request());

    expect(outcome).toMatchObject({ kind: 'applied', files: ['src/cart.test.ts'] });
    if (outcome.kind !== 'applied') return;
    expect(git().ref('refs/heads/feature')).toBe(outcome.sha);
    const commit = git().commit(outcome.sha)!;
    expect(commit.parents).toEqual([head]);
    expect(hasGeneratedTrailer(commit.message)).toBe(true);
    expect(commit.message).toContain('- src/cart.test.ts (tests src/cart.ts)');
    expect(Object.fromEntries(git().filesAt(outcome.sha))).toEqual({ ...FEATURE_FILES, 'src/cart.test.ts': FILES[0]!.content });
    expect(replies()).toEqual([`@alice committed 1 proposed test file to \`feature\` in [${outcome.sha.slice(0, 7)}](${outcome.url}).`]);
    expect(reactions()).toEqual(['+1']);
    expect(warnings).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it('refuses when the branch moved since the tests were proposed, writing nothing', async () => {
    sticky(encodeProposal({ headSha: head, files: FILES }));
    const pushed = server.state.seedCommit(owner, repo, { branch: 'feature', files: { ...FEATURE_FILES, 'src/new.ts': 'x\n' } });
    const proposedFor = head;
    head = pushed;

    const outcome = await applyCommand(client.octokit, request());

    expect(outcome).toMatchObject({ kind: 'refused', reason: 'head-moved' });
    expectRefusedWithoutWrites(new RegExp(`proposed for ${proposedFor.slice(0, 7)} \\(it is now at ${pushed.slice(0, 7)}\\).*comment \`/testmaster run\``));
  });

  it("refuses a pull request from a fork, whose branch the token cannot push to", async () => {
    const fork = server.state.addPullRequest(owner, repo, { head: 'feature', headOwner: 'mallory', headSha: head }).number;
    pullNumber = fork;
    commandId = server.state.addComment(owner, repo, fork, { body: '/testmaster apply', author: 'alice' }).id;
    sticky(encodeProposal({ headSha: head, files: FILES }));

    const outcome = await applyCommand(client.octokit, request());

    expect(outcome).toMatchObject({ kind: 'refused', reason: 'fork' });
    expectRefusedWithoutWrites(/branch is in the fork mallory\/widgets, which TestMaster cannot push to; copy the proposed tests/);
  });

  it('refuses when the report carries no payload', async () => {
    sticky('No tests were kept.');

    const outcome = await applyCommand(client.octokit, request());

    expect(outcome).toMatchObject({ kind: 'refused', reason: 'no-proposal' });
    expectRefusedWithoutWrites(/carries no proposed tests to apply/);
  });

  it('refuses when there is no report at all', async () => {
    const outcome = await applyCommand(client.octokit, request());
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'no-report' });
    expectRefusedWithoutWrites(/no TestMaster report on this pull request yet; comment `\/testmaster run` first/);
  });

  it("ignores a payload planted in someone else's comment", async () => {
    sticky(encodeProposal({ headSha: head, files: [proposalFile('src/evil.test.ts', 'steal()')] }), 'mallory');

    const outcome = await applyCommand(client.octokit, request());

    expect(outcome).toMatchObject({ kind: 'refused', reason: 'no-report' });
    expectRefusedWithoutWrites(/no TestMaster report/);
  });

  it('refuses a payload whose content was changed after the run, saying why', async () => {
    // The comment edited after the run (by someone with access to it): other content under the old hash.
    sticky(rawPayload({ v: 1, headSha: head, files: [{ ...FILES[0]!, content: 'steal(process.env)' }] }));

    const outcome = await applyCommand(client.octokit, request());

    expect(outcome).toMatchObject({ kind: 'refused', reason: 'invalid-proposal' });
    expectRefusedWithoutWrites(/^@alice the TestMaster comment is not a valid TestMaster proposal \(proposed file "src\/cart\.test\.ts" does not match its SHA-256 \(it was changed\)\), so nothing was committed; comment `\/testmaster run`/);
  });

  it('refuses a comment with a forged payload in a code block before the real one: nothing committed, one line saying why', async () => {
    const forged = encodeProposal({ headSha: head, files: [proposalFile('src/evil.test.ts', 'steal(process.env);\n', 'src/cart.ts')] });
    sticky(`\`\`\`ts\nit('x', () => '${forged}');\n\`\`\`\n\n${encodeProposal({ headSha: head, files: FILES })}`);

    const outcome = await applyCommand(client.octokit, request());

    expect(outcome).toMatchObject({ kind: 'refused', reason: 'invalid-proposal' });
    expectRefusedWithoutWrites(/^@alice the TestMaster comment is not a valid TestMaster proposal \(the comment holds 2 proposal payloads where TestMaster writes one\), so nothing was committed/);
  });

  it('refuses a comment whose payload is followed by other text (the real one could be the one before)', async () => {
    sticky(`${encodeProposal({ headSha: head, files: FILES })}\n\nP.S. anything after the payload`);

    const outcome = await applyCommand(client.octokit, request());

    expect(outcome).toMatchObject({ kind: 'refused', reason: 'invalid-proposal' });
    expectRefusedWithoutWrites(/^@alice the TestMaster comment is not a valid TestMaster proposal \(text follows the proposal payload, which must end the comment\), so nothing was committed/);
  });

  it('takes no comment of ours for the report unless it starts with the marker', async () => {
    // One of our own comments that quotes the marker and a payload (say, a reply) is not the sticky comment.
    const evil = encodeProposal({ headSha: head, files: [proposalFile('src/evil.test.ts', 'steal();\n', 'src/cart.ts')] });
    server.state.addComment(owner, repo, pullNumber, { body: `quoted: ${MARKER}\n\n${evil}`, author: ACTIONS_LOGIN });

    const outcome = await applyCommand(client.octokit, request());

    expect(outcome).toMatchObject({ kind: 'refused', reason: 'no-report' });
    expect(gitWrites(server)).toEqual([]);
  });

  it('refuses a payload that names a protected file (a workflow)', async () => {
    sticky(rawPayload({ v: 1, headSha: head, files: [proposalFile('.github/workflows/ci.test.yml', 'on: push', 'src/cart.ts')] }));

    const outcome = await applyCommand(client.octokit, request());

    expect(outcome).toMatchObject({ kind: 'refused', reason: 'invalid-proposal' });
    expectRefusedWithoutWrites(/protected file/);
  });

  it('refuses on a closed pull request', async () => {
    sticky(encodeProposal({ headSha: head, files: FILES }));
    server.state.requireRepo(owner, repo).issues.get(pullNumber)!.pull!.state = 'closed';

    const outcome = await applyCommand(client.octokit, request());

    expect(outcome).toMatchObject({ kind: 'refused', reason: 'closed' });
    expectRefusedWithoutWrites(/this pull request is closed/);
  });

  it('a token without contents: write: a warning and a reply naming the permission, nothing written', async () => {
    await server.stop();
    await startWith({ identities: { 'limited-token': { login: ACTIONS_LOGIN, permissions: { contents: 'read', pull_requests: 'write', issues: 'write' } } } }, 'limited-token');
    sticky(encodeProposal({ headSha: head, files: FILES }));

    const outcome = await applyCommand(client.octokit, request());

    expect(outcome).toMatchObject({ kind: 'refused', reason: 'missing-permission' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('`contents: write`');
    expect(git().ref('refs/heads/feature')).toBe(head);
    expect(replies()).toHaveLength(1);
    expect(replies()[0]).toMatch(/^@alice TestMaster could not commit the proposed tests to feature in acme\/widgets: the token lacks a permission; add `contents: write` under `permissions:`/);
    expect(replies()[0]).not.toMatch(/Continuing without it|limited-token/);
    expect(reactions()).toEqual(['confused']);
    expect(server.violations).toEqual([]);
  });

  it('refuses to run for a commenter authorized on another repository', async () => {
    const before = server.requests.length;
    await expect(applyCommand(client.octokit, request({ repo: 'other' }))).rejects.toThrow(/authorized for acme\/widgets, not acme\/other/);
    expect(server.requests).toHaveLength(before);
  });
});
