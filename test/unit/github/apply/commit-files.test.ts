/**
 * commitFiles through the real Octokit against the local GitHub (requests validated against the
 * OpenAPI description, git objects hashed as git does): the commit holds exactly the old tree plus
 * the new files, the branch moves only forward, and a moved branch is reported, never forced.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitFiles } from '../../../../src/github/apply/commit-files.js';
import { hasGeneratedTrailer } from '../../../../src/github/apply/commit-trailer.js';
import { withPermissionWarning } from '../../../../src/github/permissions.js';
import { GitHubError } from '../../../../src/errors/errors.js';
import { ACTIONS_LOGIN, DEFAULT_OWNER as owner, DEFAULT_REPO as repo, serverErrorReply, startGitHubServer, type GitHubServer } from '../../../helpers/github-server/index.js';
import { testOctokit, type TestOctokit } from '../test-octokit.js';
import { gitWrites } from './apply-fixtures.js';

const REF = '/repos/{owner}/{repo}/git/refs/{ref}';
const OLD_FILES = { 'package.json': '{"name":"shop"}\n', 'src/cart.ts': 'export const total = () => 0;\n', 'src/deep/nested/util.ts': 'export {};\n' };
const NEW_FILES = [
  { path: 'src/cart.test.ts', content: "import { total } from './cart.js';\n" },
  { path: 'src/deep/nested/__tests__/util.ts', content: 'test("ü ✓", () => {});\n' },
];

describe('commitFiles', () => {
  let server: GitHubServer;
  let client: TestOctokit;
  let head: string;

  beforeEach(async () => {
    server = await startGitHubServer();
    client = testOctokit(server);
    server.state.seedCommit(owner, repo, { branch: 'main', files: { 'package.json': '{}\n' } });
    head = server.state.seedCommit(owner, repo, { branch: 'feature', files: OLD_FILES, message: 'feature work' });
  });
  afterEach(async () => {
    await server.stop();
  });

  const git = () => server.state.requireRepo(owner, repo).git;
  const request = (extra: Partial<Parameters<typeof commitFiles>[1]> = {}) => ({ owner, repo, branch: 'feature', expectedHeadSha: head, files: NEW_FILES, message: 'test: add proposed tests', ...extra });

  it('writes blobs, a tree on the old one and a commit on the expected head, then moves the branch forward', async () => {
    const result = await commitFiles(client.octokit, request());

    expect(result).toMatchObject({ kind: 'committed' });
    if (result.kind !== 'committed') return;
    expect(git().ref('refs/heads/feature')).toBe(result.sha);
    expect(result.url).toBe(`${server.baseUrl}/${owner}/${repo}/commit/${result.sha}`);
    const commit = git().commit(result.sha)!;
    expect(commit.parents).toEqual([head]);
    expect(hasGeneratedTrailer(commit.message)).toBe(true);
    expect(commit.message.startsWith('test: add proposed tests\n\n')).toBe(true);
    // No author or committer sent: GitHub uses (and signs as) the token's identity.
    expect(commit.author.name).toBe(ACTIONS_LOGIN);
    expect(Object.fromEntries(git().filesAt(result.sha))).toEqual({ ...OLD_FILES, ...Object.fromEntries(NEW_FILES.map((f) => [f.path, f.content])) });

    expect(server.requestsTo('POST', '/repos/{owner}/{repo}/git/blobs')).toHaveLength(2);
    expect(server.requestsTo('POST', '/repos/{owner}/{repo}/git/trees').map((r) => (r.body as { base_tree: string }).base_tree)).toEqual([git().commit(head)!.tree]);
    const commitBodies = server.requestsTo('POST', '/repos/{owner}/{repo}/git/commits').map((r) => r.body as Record<string, unknown>);
    expect(commitBodies).toHaveLength(1);
    expect(commitBodies[0]).not.toHaveProperty('author');
    expect(commitBodies[0]).not.toHaveProperty('committer');
    expect(server.requestsTo('PATCH', REF).map((r) => r.body)).toEqual([{ sha: result.sha, force: false }]);
    expect(server.violations).toEqual([]);
  });

  it('uses an author when one is given', async () => {
    const result = await commitFiles(client.octokit, request({ author: { name: 'Test Master', email: 'tm@example.com' } }));
    expect(result.kind).toBe('committed');
    expect(git().commit(git().ref('refs/heads/feature')!)!.author).toMatchObject({ name: 'Test Master', email: 'tm@example.com' });
    expect(server.violations).toEqual([]);
  });

  it('writes nothing when the branch has moved since the tests were proposed', async () => {
    const pushed = server.state.seedCommit(owner, repo, { branch: 'feature', files: { ...OLD_FILES, 'src/cart.ts': 'changed\n' } });

    const result = await commitFiles(client.octokit, request());

    expect(result).toEqual({ kind: 'head-moved', actual: pushed });
    expect(server.requests.map((r) => `${r.method} ${r.template}`)).toEqual(['GET /repos/{owner}/{repo}/git/ref/{ref}']);
    expect(git().ref('refs/heads/feature')).toBe(pushed);
    expect(server.violations).toEqual([]);
  });

  it('reports a branch that no longer exists as moved, writing nothing', async () => {
    git().deleteRef('refs/heads/feature');
    expect(await commitFiles(client.octokit, request())).toEqual({ kind: 'head-moved', actual: null });
    expect(gitWrites(server)).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it('a push landing between the check and the ref update: GitHub refuses the non-fast-forward, it is reported and never forced', async () => {
    let pushed = '';
    client.octokit.hook.before('request', (options) => {
      // Someone pushes to the branch right before our ref update.
      if (options.method === 'PATCH' && !pushed) pushed = server.state.seedCommit(owner, repo, { branch: 'feature', files: { 'other.txt': 'theirs\n' } });
    });

    const result = await commitFiles(client.octokit, request());

    expect(pushed).not.toBe('');
    expect(result).toEqual({ kind: 'head-moved', actual: pushed });
    const updates = server.requestsTo('PATCH', REF);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ status: 422, body: { force: false } });
    expect(git().ref('refs/heads/feature')).toBe(pushed);
    expect(Object.fromEntries(git().filesAt(pushed))).toEqual({ 'other.txt': 'theirs\n' });
    expect(server.violations).toEqual([]);
  });

  it('commits nothing when the files are already there exactly', async () => {
    const same = [{ path: 'src/cart.ts', content: OLD_FILES['src/cart.ts'] }];
    expect(await commitFiles(client.octokit, request({ files: same }))).toEqual({ kind: 'unchanged', sha: head });
    expect(server.requestsTo('POST', '/repos/{owner}/{repo}/git/commits')).toHaveLength(0);
    expect(server.requestsTo('PATCH', REF)).toHaveLength(0);
    expect(git().ref('refs/heads/feature')).toBe(head);
    expect(server.violations).toEqual([]);
  });

  it('a token without contents: write gets a warning naming it, and the branch is untouched', async () => {
    await server.stop();
    server = await startGitHubServer({ identities: { 'read-token': { login: ACTIONS_LOGIN, permissions: { contents: 'read', pull_requests: 'write' } } } });
    head = server.state.seedCommit(owner, repo, { branch: 'feature', files: OLD_FILES });
    const readOnly = testOctokit(server, { token: 'read-token' });
    const warnings: string[] = [];

    const step = await withPermissionWarning('commit the proposed tests', () => commitFiles(readOnly.octokit, request()), (line) => warnings.push(line));

    expect(step.done).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('`contents: write`');
    expect(warnings[0]).not.toContain('read-token');
    expect(git().ref('refs/heads/feature')).toBe(head);
    expect(server.violations).toEqual([]);
  });

  it('any other failure is a one-line GitHubError without the token, and the branch is untouched', async () => {
    server.failNext({ method: 'POST', path: '/repos/{owner}/{repo}/git/trees', ...serverErrorReply(500), times: 4 });

    const error = await commitFiles(client.octokit, request()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GitHubError);
    expect((error as Error).message).toMatch(/^could not commit the proposed tests to feature in acme\/widgets: GitHub failed with 500/);
    expect((error as Error).message).not.toMatch(/\n|fake-actions-token/);
    expect(git().ref('refs/heads/feature')).toBe(head);
    expect(server.violations).toEqual([]);
  });
});
