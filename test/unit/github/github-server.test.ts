/**
 * The fake GitHub itself (test/helpers/github-server), through the real Octokit over HTTP: its
 * OpenAPI validation rejects and records bad requests (so the validator can fail), its GraphQL
 * endpoint rejects what it cannot answer, and its state (comments, reactions, permissions, pulls,
 * git data) behaves as GitHub documents. Git object ids are compared with a real `git`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACTIONS_LOGIN,
  DEFAULT_OWNER as owner,
  DEFAULT_REPO as repo,
  MAX_COMMENT_CHARS,
  startGitHubServer,
  type GitHubServer,
} from '../../helpers/github-server/index.js';
import { testOctokit, type TestOctokit } from './test-octokit.js';

const run = promisify(execFile);

let server: GitHubServer;
let client: TestOctokit;

beforeEach(async () => {
  server = await startGitHubServer({
    identities: { 'actions-token': { login: ACTIONS_LOGIN }, 'alice-token': { login: 'alice' } },
  });
  client = testOctokit(server, { token: 'actions-token' });
});
afterEach(async () => {
  await server.stop();
});

const status = (promise: Promise<unknown>): Promise<number> =>
  promise.then(
    () => 200,
    (error: { status?: number }) => error.status ?? -1,
  );

describe('OpenAPI validation of requests', () => {
  it('rejects and records a body field of the wrong type', async () => {
    const number = server.state.addIssue(owner, repo).number;
    const answered = await status(
      client.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: number, body: 12345 as unknown as string }),
    );
    expect(answered).toBe(422);
    expect(server.violations).toHaveLength(1);
    expect(server.violations[0]).toMatchObject({ kind: 'invalid-request', operationId: 'issues/create-comment' });
    expect(server.violations[0]!.problems.join(' ')).toMatch(/body\.body must be string/);
    expect(server.state.comments(owner, repo, number)).toHaveLength(0);
  });

  it('rejects a missing required body field and an undocumented body property', async () => {
    const number = server.state.addIssue(owner, repo).number;
    await status(client.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: number, text: 'hi' } as never));
    expect(server.violations[0]!.problems).toEqual(expect.arrayContaining([expect.stringMatching(/required property 'body'/), 'body.text is not a documented property']));
  });

  it('rejects an undocumented path, a wrong method, a bad path parameter and an undocumented query parameter', async () => {
    expect(await status(client.octokit.request('GET /repos/{owner}/{repo}/no-such-thing', { owner, repo }))).toBe(404);
    expect(await status(client.octokit.request('PUT /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner, repo, comment_id: 1, body: 'x' }))).toBe(404);
    expect(await status(client.octokit.request('GET /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner, repo, comment_id: 'abc' } as never))).toBe(422);
    expect(await status(client.octokit.request('GET /repos/{owner}/{repo}/pulls', { owner, repo, colour: 'red' }))).toBe(422);
    expect(server.violations.map((v) => v.kind)).toEqual(['unknown-operation', 'unknown-operation', 'invalid-request', 'invalid-request']);
    expect(server.violations[1]!.problems[0]).toMatch(/PUT is not documented.*PATCH \/repos\/\{owner\}\/\{repo\}\/issues\/comments\/\{comment_id\}/);
    expect(server.violations[3]!.problems.join(' ')).toMatch(/colour/);
  });

  it('records a documented operation it does not implement', async () => {
    await status(client.octokit.rest.issues.listLabelsOnIssue({ owner, repo, issue_number: 1 }));
    expect(server.violations).toEqual([expect.objectContaining({ kind: 'unimplemented', operationId: 'issues/list-labels-on-issue' })]);
  });

  it('answers 401 for an unknown token, without recording a violation', async () => {
    const stranger = testOctokit(server, { token: 'nobody' });
    expect(await status(stranger.octokit.rest.pulls.list({ owner, repo }))).toBe(401);
    expect(server.violations).toEqual([]);
  });
});

describe('GraphQL', () => {
  it('answers viewerDidAuthor and isMinimized per comment, for the token that asks', async () => {
    const number = server.state.addIssue(owner, repo).number;
    const mine = server.state.addComment(owner, repo, number, { body: 'a', author: ACTIONS_LOGIN });
    const hers = server.state.addComment(owner, repo, number, { body: 'b', author: 'alice' });
    server.state.minimizeComment(hers.id);
    const query = 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on IssueComment { id isMinimized viewerDidAuthor author { login } } } }';

    const asBot = await client.octokit.graphql<{ nodes: unknown[] }>(query, { ids: [mine.nodeId, hers.nodeId] });
    const asAlice = await testOctokit(server, { token: 'alice-token' }).octokit.graphql<{ nodes: unknown[] }>(query, { ids: [mine.nodeId, hers.nodeId] });

    expect(asBot.nodes).toEqual([
      { id: mine.nodeId, isMinimized: false, viewerDidAuthor: true, author: { login: 'github-actions' } },
      { id: hers.nodeId, isMinimized: true, viewerDidAuthor: false, author: { login: 'alice' } },
    ]);
    expect(asAlice.nodes).toEqual([
      expect.objectContaining({ viewerDidAuthor: false }),
      expect.objectContaining({ viewerDidAuthor: true }),
    ]);
    expect(server.violations).toEqual([]);
  });

  it('rejects fields it does not know, fields asked of Node without a fragment, and mutations', async () => {
    const cases = [
      'query($ids: [ID!]!) { nodes(ids: $ids) { ... on IssueComment { id isHidden } } }',
      'query($ids: [ID!]!) { nodes(ids: $ids) { id isMinimized } }',
      'mutation { minimizeComment(input: {subjectId: "x", classifier: OUTDATED}) { clientMutationId } }',
      'query($ids: [ID!]!, $unused: String) { nodes(ids: $ids) { id } }',
    ];
    for (const query of cases) {
      await expect(client.octokit.graphql(query, query.includes('$ids') ? { ids: ['x'] } : {})).rejects.toThrow();
    }
    expect(server.violations.map((v) => v.kind)).toEqual(['graphql', 'graphql', 'graphql', 'graphql']);
    expect(server.violations[0]!.problems[0]).toMatch(/Field 'isHidden' doesn't exist on type 'IssueComment'/);
    expect(server.violations[1]!.problems[0]).toMatch(/Field 'isMinimized' doesn't exist on type 'Node'/);
  });
});

describe('comments, reactions, permissions', () => {
  it('records the token identity as author, paginates with Link headers, and enforces the 65,536 limit', async () => {
    const number = server.state.addIssue(owner, repo).number;
    for (let i = 0; i < 5; i += 1) await client.octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: `c${i}` });
    await testOctokit(server, { token: 'alice-token' }).octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: 'from alice' });

    const firstPage = await client.octokit.rest.issues.listComments({ owner, repo, issue_number: number, per_page: 2 });
    expect(firstPage.headers.link).toMatch(/page=2>; rel="next".*page=3>; rel="last"/);
    const all = await client.octokit.paginate(client.octokit.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 2 });
    expect(all.map((c) => [c.body, c.user?.login])).toEqual([
      ['c0', ACTIONS_LOGIN], ['c1', ACTIONS_LOGIN], ['c2', ACTIONS_LOGIN], ['c3', ACTIONS_LOGIN], ['c4', ACTIONS_LOGIN], ['from alice', 'alice'],
    ]);

    const tooLong = await status(client.octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: 'z'.repeat(MAX_COMMENT_CHARS + 1) }));
    expect(tooLong).toBe(422);
    await client.octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: 'z'.repeat(MAX_COMMENT_CHARS) });
    expect(server.violations).toEqual([]);
  });

  it('gets, updates and deletes a comment; 404 for one that is gone', async () => {
    const number = server.state.addIssue(owner, repo).number;
    const { data: created } = await client.octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: 'one' });
    const { data: updated } = await client.octokit.rest.issues.updateComment({ owner, repo, comment_id: created.id, body: 'two' });
    expect(updated.body).toBe('two');
    expect((await client.octokit.rest.issues.getComment({ owner, repo, comment_id: created.id })).data.body).toBe('two');
    await client.octokit.rest.issues.deleteComment({ owner, repo, comment_id: created.id });
    expect(await status(client.octokit.rest.issues.getComment({ owner, repo, comment_id: created.id }))).toBe(404);
    expect(server.violations).toEqual([]);
  });

  it('adds a reaction once per user and content, and lists reactions by content', async () => {
    const number = server.state.addIssue(owner, repo).number;
    const comment = server.state.addComment(owner, repo, number, { body: '/testmaster run', author: 'alice' });
    const first = await client.octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.id, content: 'eyes' });
    const again = await client.octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.id, content: 'eyes' });
    await client.octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.id, content: 'rocket' });
    expect([first.status, again.status]).toEqual([201, 200]);
    const eyes = await client.octokit.rest.reactions.listForIssueComment({ owner, repo, comment_id: comment.id, content: 'eyes' });
    expect(eyes.data.map((r) => [r.content, r.user?.login])).toEqual([['eyes', ACTIONS_LOGIN]]);
    expect(await status(client.octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.id, content: 'thumbs' as 'eyes' }))).toBe(422);
    expect(server.violations.map((v) => v.kind)).toEqual(['invalid-request']);
  });

  it("answers a collaborator's permission from the role set in state", async () => {
    server.state.setRole(owner, repo, 'alice', 'maintain');
    const alice = await client.octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: 'alice' });
    const stranger = await client.octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: 'mallory' });
    expect([alice.data.permission, alice.data.role_name]).toEqual(['write', 'maintain']);
    expect(stranger.data.permission).toBe('none');
    expect(server.violations).toEqual([]);
  });
});

describe('pull requests', () => {
  it('creates, lists by head and base, updates and closes pull requests', async () => {
    const base = server.state.seedCommit(owner, repo, { branch: 'main', files: { 'a.txt': 'a\n' } });
    const head = server.state.seedCommit(owner, repo, { branch: 'feature', files: { 'a.txt': 'b\n' } });
    expect(await status(client.octokit.rest.pulls.create({ owner, repo, head: 'missing', base: 'main', title: 't' }))).toBe(422);
    expect(await status(client.octokit.rest.pulls.create({ owner, repo, head: 'main', base: 'main', title: 't' }))).toBe(422);

    const { data: pull } = await client.octokit.rest.pulls.create({ owner, repo, head: 'feature', base: 'main', title: 'Tests', body: 'b' });
    expect([pull.head.sha, pull.base.sha, pull.user.login, pull.state]).toEqual([head, base, ACTIONS_LOGIN, 'open']);
    expect(await status(client.octokit.rest.pulls.create({ owner, repo, head: `${owner}:feature`, base: 'main', title: 'again' }))).toBe(422);

    const found = await client.octokit.rest.pulls.list({ owner, repo, head: `${owner}:feature`, base: 'main' });
    expect(found.data.map((p) => p.number)).toEqual([pull.number]);
    expect((await client.octokit.rest.pulls.list({ owner, repo, head: `${owner}:other` })).data).toEqual([]);

    const { data: closed } = await client.octokit.rest.pulls.update({ owner, repo, pull_number: pull.number, state: 'closed', title: 'Renamed' });
    expect([closed.state, closed.title]).toEqual(['closed', 'Renamed']);
    expect((await client.octokit.rest.pulls.list({ owner, repo })).data).toEqual([]);
    expect((await client.octokit.rest.pulls.list({ owner, repo, state: 'closed' })).data).toHaveLength(1);
    expect((await client.octokit.rest.pulls.get({ owner, repo, pull_number: pull.number })).data.closed_at).not.toBeNull();
    expect(server.violations).toEqual([]);
  });
});

describe('git data', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fake-github-git-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const git = async (args: string[], env: Record<string, string> = {}, input?: string): Promise<string> => {
    const child = run('git', args, { cwd: dir, env: { ...process.env, ...env } });
    if (input !== undefined) {
      child.child.stdin?.end(input);
    }
    return (await child).stdout.trim();
  };

  it('hashes blobs, trees (with base_tree and nested paths) and commits exactly as git does', async () => {
    const base = server.state.seedCommit(owner, repo, { branch: 'main', files: { 'README.md': 'hello\n', 'src/a.ts': 'export const a = 1;\n' } });
    const baseTree = (await client.octokit.rest.git.getCommit({ owner, repo, commit_sha: base })).data.tree.sha;
    const blob = await client.octokit.rest.git.createBlob({ owner, repo, content: Buffer.from('export const b = 2;\n').toString('base64'), encoding: 'base64' });
    const tree = await client.octokit.rest.git.createTree({
      owner,
      repo,
      base_tree: baseTree,
      tree: [
        { path: 'src/b.test.ts', mode: '100644', type: 'blob', sha: blob.data.sha },
        { path: 'docs/notes.md', mode: '100644', type: 'blob', content: 'notes\n' },
        { path: 'README.md', mode: '100644', type: 'blob', sha: null },
      ],
    });
    const date = '2024-05-01T12:00:00Z';
    const commit = await client.octokit.rest.git.createCommit({
      owner,
      repo,
      message: 'Add tests\n',
      tree: tree.data.sha,
      parents: [base],
      author: { name: 'Test Master', email: 'tm@example.com', date },
      committer: { name: 'Test Master', email: 'tm@example.com', date },
    });

    await git(['init', '-q']);
    await mkdir(join(dir, 'src'));
    await mkdir(join(dir, 'docs'));
    await writeFile(join(dir, 'src/a.ts'), 'export const a = 1;\n');
    await writeFile(join(dir, 'src/b.test.ts'), 'export const b = 2;\n');
    await writeFile(join(dir, 'docs/notes.md'), 'notes\n');
    await git(['add', '-A']);
    expect(blob.data.sha).toBe(await git(['hash-object', 'src/b.test.ts']));
    const realTree = await git(['write-tree']);
    expect(tree.data.sha).toBe(realTree);
    const stamp = '1714564800 +0000';
    const who = { GIT_AUTHOR_NAME: 'Test Master', GIT_AUTHOR_EMAIL: 'tm@example.com', GIT_AUTHOR_DATE: stamp, GIT_COMMITTER_NAME: 'Test Master', GIT_COMMITTER_EMAIL: 'tm@example.com', GIT_COMMITTER_DATE: stamp };
    // The parent exists only in the fake, so git hashes the commit text (validating its format) instead of commit-tree.
    const realCommit = await git(['hash-object', '-t', 'commit', '--stdin'], who, `tree ${realTree}\nparent ${base}\nauthor Test Master <tm@example.com> ${stamp}\ncommitter Test Master <tm@example.com> ${stamp}\n\nAdd tests\n`);
    expect(commit.data.sha).toBe(realCommit);
    expect([...server.state.requireRepo(owner, repo).git.filesAt(commit.data.sha).keys()].sort()).toEqual(['docs/notes.md', 'src/a.ts', 'src/b.test.ts']);
    expect(server.violations).toEqual([]);
  });

  it('creates and moves refs, refusing a non-fast-forward update unless forced', async () => {
    const first = server.state.seedCommit(owner, repo, { branch: 'main', files: { 'a.txt': '1' } });
    const tree = (await client.octokit.rest.git.createTree({ owner, repo, tree: [{ path: 'a.txt', mode: '100644', type: 'blob', content: '2' }] })).data.sha;
    const child = (await client.octokit.rest.git.createCommit({ owner, repo, message: 'child', tree, parents: [first] })).data.sha;
    const orphan = (await client.octokit.rest.git.createCommit({ owner, repo, message: 'orphan', tree, parents: [] })).data.sha;

    const created = await client.octokit.rest.git.createRef({ owner, repo, ref: 'refs/heads/testmaster/tests', sha: first });
    expect(created.status).toBe(201);
    expect(await status(client.octokit.rest.git.createRef({ owner, repo, ref: 'refs/heads/testmaster/tests', sha: first }))).toBe(422);
    await client.octokit.rest.git.updateRef({ owner, repo, ref: 'heads/testmaster/tests', sha: child });
    const refused = await client.octokit.rest.git.updateRef({ owner, repo, ref: 'heads/testmaster/tests', sha: orphan }).catch((e: { status: number; response: { data: { message: string } } }) => e);
    expect(refused).toMatchObject({ status: 422, response: { data: { message: 'Update is not a fast forward' } } });
    await client.octokit.rest.git.updateRef({ owner, repo, ref: 'heads/testmaster/tests', sha: orphan, force: true });
    expect((await client.octokit.rest.git.getRef({ owner, repo, ref: 'heads/testmaster/tests' })).data.object.sha).toBe(orphan);
    expect(await status(client.octokit.rest.git.getRef({ owner, repo, ref: 'heads/nope' }))).toBe(404);
    expect(server.violations).toEqual([]);
  });
});

describe('stop', () => {
  it('closes kept-alive connections so later requests fail', async () => {
    await client.octokit.rest.pulls.list({ owner, repo });
    await server.stop();
    await expect(fetch(`${server.baseUrl}/repos/${owner}/${repo}/pulls`)).rejects.toThrow();
    server = await startGitHubServer(); // for afterEach
  });
});
