/**
 * Apply mode `pull-request` against the local GitHub: one pull request from `testmaster/pr-<n>`
 * into the pull request's branch, opened once, updated (branch force-moved onto the current head)
 * on later runs, closed with its branch deleted when nothing is left to propose.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasGeneratedTrailer } from '../../../../src/github/apply/commit-trailer.js';
import { patchBranchName, syncPatchPullRequest, type PatchPullRequestRequest } from '../../../../src/github/apply/patch-pull-request.js';
import { GitHubError } from '../../../../src/errors/errors.js';
import { DEFAULT_OWNER as owner, DEFAULT_REPO as repo, startGitHubServer, type GitHubServer } from '../../../helpers/github-server/index.js';
import { testOctokit, type TestOctokit } from '../test-octokit.js';

const PULLS = '/repos/{owner}/{repo}/pulls';
const PULL = '/repos/{owner}/{repo}/pulls/{pull_number}';
const REF = '/repos/{owner}/{repo}/git/refs/{ref}';
const FEATURE_FILES = { 'src/cart.ts': 'export const total = () => 0;\n' };

describe('syncPatchPullRequest', () => {
  let server: GitHubServer;
  let client: TestOctokit;
  let head: string;
  let pullNumber: number;

  beforeEach(async () => {
    server = await startGitHubServer();
    client = testOctokit(server);
    server.state.seedCommit(owner, repo, { branch: 'main', files: { 'README.md': 'hi\n' } });
    head = server.state.seedCommit(owner, repo, { branch: 'feature', files: FEATURE_FILES });
    pullNumber = server.state.addPullRequest(owner, repo, { head: 'feature', base: 'main' }).number;
  });
  afterEach(async () => {
    await server.stop();
  });

  const git = () => server.state.requireRepo(owner, repo).git;
  const branch = () => `refs/heads/${patchBranchName(pullNumber)}`;
  const openPatchPulls = () =>
    [...server.state.requireRepo(owner, repo).issues.values()].filter((i) => i.pull?.state === 'open' && i.pull.headRef === patchBranchName(pullNumber));
  const request = (files: PatchPullRequestRequest['files'], extra: Partial<PatchPullRequestRequest> = {}): PatchPullRequestRequest => ({
    owner,
    repo,
    pullNumber,
    targetBranch: 'feature',
    headSha: head,
    files,
    title: `TestMaster: proposed tests for #${pullNumber}`,
    body: 'run 1',
    message: 'test: proposed tests',
    ...extra,
  });

  it('opens one pull request into the branch, from testmaster/pr-<n>, with the files on top of the head', async () => {
    const result = await syncPatchPullRequest(client.octokit, request([{ path: 'src/cart.test.ts', content: 'v1\n' }]));

    expect(result).toMatchObject({ action: 'opened', branch: `testmaster/pr-${pullNumber}` });
    if (result.action !== 'opened') return;
    expect(result.url).toBe(`${server.baseUrl}/${owner}/${repo}/pull/${result.number}`);
    expect(git().ref(branch())).toBe(result.commitSha);
    expect(git().commit(result.commitSha)!.parents).toEqual([head]);
    expect(hasGeneratedTrailer(git().commit(result.commitSha)!.message)).toBe(true);
    expect(Object.fromEntries(git().filesAt(result.commitSha))).toEqual({ ...FEATURE_FILES, 'src/cart.test.ts': 'v1\n' });
    expect(openPatchPulls().map((i) => ({ number: i.number, base: i.pull!.baseRef, body: i.body }))).toEqual([{ number: result.number, base: 'feature', body: 'run 1' }]);
    expect(git().ref('refs/heads/feature')).toBe(head); // the user's branch is untouched
    expect(server.violations).toEqual([]);
  });

  it('a second run updates the same pull request and force-moves its branch; nothing left closes it and deletes the branch', async () => {
    const first = await syncPatchPullRequest(client.octokit, request([{ path: 'src/cart.test.ts', content: 'v1\n' }]));
    // The user pushes to the pull request; the next run proposes on the new head.
    head = server.state.seedCommit(owner, repo, { branch: 'feature', files: { ...FEATURE_FILES, 'src/more.ts': 'x\n' } });

    const second = await syncPatchPullRequest(client.octokit, request([{ path: 'src/cart.test.ts', content: 'v2\n' }], { title: 'new title', body: 'run 2' }));

    expect(first.action).toBe('opened');
    expect(second.action).toBe('updated');
    if (first.action !== 'opened' || second.action !== 'updated') return;
    expect(second.number).toBe(first.number);
    expect(openPatchPulls().map((i) => [i.number, i.title, i.body])).toEqual([[first.number, 'new title', 'run 2']]);
    expect(server.requestsTo('POST', PULLS)).toHaveLength(1);
    expect(git().ref(branch())).toBe(second.commitSha);
    expect(git().commit(second.commitSha)!.parents).toEqual([head]);
    expect(git().isAncestor(first.commitSha, second.commitSha)).toBe(false); // replaced, not stacked
    expect(server.requestsTo('PATCH', REF).map((r) => r.body)).toEqual([{ sha: second.commitSha, force: true }]);
    expect(Object.fromEntries(git().filesAt(second.commitSha))).toEqual({ ...FEATURE_FILES, 'src/more.ts': 'x\n', 'src/cart.test.ts': 'v2\n' });

    const third = await syncPatchPullRequest(client.octokit, request([]));

    expect(third).toEqual({ action: 'closed', number: first.number, url: first.url, branch: patchBranchName(pullNumber) });
    expect(openPatchPulls()).toEqual([]);
    expect(server.state.requireRepo(owner, repo).issues.get(first.number)!.pull!.state).toBe('closed');
    expect(git().ref(branch())).toBeUndefined();

    const fourth = await syncPatchPullRequest(client.octokit, request([]));
    expect(fourth).toEqual({ action: 'none', branch: patchBranchName(pullNumber) });
    expect(server.violations).toEqual([]);
  });

  it('after it was closed, the next proposal opens a fresh pull request from a recreated branch', async () => {
    await syncPatchPullRequest(client.octokit, request([{ path: 'src/cart.test.ts', content: 'v1\n' }]));
    await syncPatchPullRequest(client.octokit, request([]));

    const again = await syncPatchPullRequest(client.octokit, request([{ path: 'src/cart.test.ts', content: 'v3\n' }]));

    expect(again.action).toBe('opened');
    expect(openPatchPulls()).toHaveLength(1);
    expect(server.requestsTo('POST', '/repos/{owner}/{repo}/git/refs')).toHaveLength(2);
    expect(server.violations).toEqual([]);
  });

  it('files already on the head exactly count as nothing to propose', async () => {
    await syncPatchPullRequest(client.octokit, request([{ path: 'src/cart.test.ts', content: 'v1\n' }]));

    const result = await syncPatchPullRequest(client.octokit, request([{ path: 'src/cart.ts', content: FEATURE_FILES['src/cart.ts'] }]));

    expect(result.action).toBe('closed');
    expect(openPatchPulls()).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it("GitHub's refusal to let Actions open pull requests becomes advice naming the setting", async () => {
    server.failNext({
      method: 'POST',
      path: PULLS,
      status: 403,
      body: { message: 'GitHub Actions is not permitted to create or approve pull requests.', documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request', status: '403' },
    });

    const error = await syncPatchPullRequest(client.octokit, request([{ path: 'src/cart.test.ts', content: 'v1\n' }])).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GitHubError);
    expect((error as Error).message).toMatch(/Allow GitHub Actions to create and approve pull requests/);
    expect(server.requestsTo('POST', PULLS)).toHaveLength(1);
    expect(server.requestsTo('PATCH', PULL)).toHaveLength(0);
    expect(server.violations).toEqual([]);
  });
});
