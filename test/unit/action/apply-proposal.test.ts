/** Apply modes commit and pull-request against the local GitHub, through the real Octokit. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyProposal, type ApplyProposalRequest } from '../../../src/action/apply-proposal.js';
import { pullRequestFacts, type PullRequestFacts } from '../../../src/action/pull-request-facts.js';
import type { Proposal } from '../../../src/github/apply/proposal-payload.js';
import { ACTIONS_TOKEN, DEFAULT_OWNER as owner, DEFAULT_REPO as repo, startGitHubServer, type GitHubServer } from '../../helpers/github-server/index.js';
import { gitWrites, proposalFile } from '../github/apply/apply-fixtures.js';
import { testOctokit } from '../github/test-octokit.js';

const READ_ONLY = 'read-only-token';
let server: GitHubServer;
let head: string;
let pull: PullRequestFacts;
let warnings: string[];

beforeEach(async () => {
  server = await startGitHubServer({ identities: { [ACTIONS_TOKEN]: { login: 'github-actions[bot]' }, [READ_ONLY]: { login: 'github-actions[bot]', permissions: { contents: 'read', pull_requests: 'write' } } } });
  const base = server.state.seedCommit(owner, repo, { branch: 'main', files: { 'package.json': '{}\n' } });
  head = server.state.seedCommit(owner, repo, { branch: 'feature', files: { 'package.json': '{}\n', 'src/a.ts': 'export const a = 1;\n' } });
  const number = server.state.addPullRequest(owner, repo, { head: 'feature', base: 'main' }).number;
  const repository = { full_name: `${owner}/${repo}` };
  pull = pullRequestFacts({ number, base: { sha: base, ref: 'main', repo: repository }, head: { sha: head, ref: 'feature', repo: repository } })!;
  warnings = [];
});
afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.stop();
});

const proposal = (): Proposal => ({ headSha: head, files: [proposalFile('src/a.test.ts', "import { a } from './a.js';\ntest('a', () => expect(a).toBe(1));\n")] });

function request(extra: Partial<ApplyProposalRequest>): ApplyProposalRequest {
  return { mode: 'commit', owner, repo, pull, headSha: head, proposal: proposal(), fork: false, warn: (line) => warnings.push(line), ...extra };
}

describe('applyProposal', () => {
  it('only proposes in comment mode, writing nothing', async () => {
    expect(await applyProposal(testOctokit(server).octokit, request({ mode: 'comment' }))).toEqual({ outcome: { kind: 'proposed' }, failure: null });
    expect(await applyProposal(testOctokit(server).octokit, request({ mode: 'comment', proposal: null }))).toEqual({ outcome: null, failure: null });
    expect(server.requests).toHaveLength(0);
  });

  it("does not try to write a fork's branch", async () => {
    const result = await applyProposal(testOctokit(server).octokit, request({ fork: true, pull: { ...pull, headRepository: 'forker/widgets' } }));
    expect(result.outcome).toEqual({ kind: 'not-applied', reason: 'the branch is in forker/widgets, which this token cannot write to.' });
    expect(server.requests).toHaveLength(0);
  });

  it('turns a missing contents permission into a warning and an outcome naming it, with nothing written', async () => {
    const result = await applyProposal(testOctokit(server, { token: READ_ONLY }).octokit, request({}));
    expect(result.failure).toBeNull();
    expect(result.outcome).toMatchObject({ kind: 'not-applied', reason: expect.stringContaining('add `contents: write` under `permissions:`') });
    expect(warnings).toEqual([expect.stringMatching(/^TestMaster could not commit the proposed tests to feature: the token lacks a permission/)]);
    expect(server.state.requireRepo(owner, repo).git.ref('refs/heads/feature')).toBe(head);
  });

  it('says the files are already there when the branch has them exactly', async () => {
    const files = { 'package.json': '{}\n', 'src/a.ts': 'export const a = 1;\n', 'src/a.test.ts': proposal().files[0]!.content };
    head = server.state.seedCommit(owner, repo, { branch: 'feature', files });
    const result = await applyProposal(testOctokit(server).octokit, request({ headSha: head, proposal: { ...proposal(), headSha: head } }));
    expect(result.outcome).toEqual({ kind: 'already-there', branch: 'feature' });
    expect(server.requestsTo('PATCH', '/repos/{owner}/{repo}/git/refs/{ref}')).toHaveLength(0);
  });

  it('closes the patch pull request when a later run has nothing left to propose', async () => {
    const client = testOctokit(server).octokit;
    const opened = await applyProposal(client, request({ mode: 'pull-request' }));
    expect(opened.outcome).toMatchObject({ kind: 'pull-request', action: 'opened', branch: 'feature', patchBranch: `testmaster/pr-${pull.number}` });
    const closed = await applyProposal(client, request({ mode: 'pull-request', proposal: null }));
    expect(closed.outcome).toMatchObject({ kind: 'pull-request-closed' });
    expect(server.state.requireRepo(owner, repo).git.ref(`refs/heads/testmaster/pr-${pull.number}`)).toBeUndefined();
    expect(gitWrites(server).some((r) => r.method === 'PATCH' && (r.body as { force?: unknown }).force === true && r.pathname.endsWith('/feature'))).toBe(false);
  });
});
