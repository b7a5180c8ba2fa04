/**
 * `/testmaster` commands: parsing (pure), who may run them (GitHub's collaborator permission through
 * the real Octokit against the local GitHub), and how a refused commenter is answered.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authorizeCommenter, grantsWrite } from '../../../../src/github/apply/authorize-commenter.js';
import { reactToCommand, refuseCommenter, replyToCommand } from '../../../../src/github/apply/command-feedback.js';
import { commandHelpText, parseCommand } from '../../../../src/github/apply/slash-command.js';
import { ACTIONS_LOGIN, DEFAULT_OWNER as owner, DEFAULT_REPO as repo, startGitHubServer, type GitHubServer, type Role } from '../../../helpers/github-server/index.js';
import { testOctokit, type TestOctokit } from '../test-octokit.js';

describe('parseCommand', () => {
  it.each([
    ['/testmaster apply', { command: 'apply' }],
    ['/testmaster run', { command: 'run' }],
    ['/testmaster help', { command: 'help' }],
    ['/testmaster', { command: 'help' }],
    ['  /TestMaster   APPLY  ', { command: 'apply' }],
    ['\n\n/testmaster apply\nplease, and thanks', { command: 'apply' }],
    ['\r\n/testmaster run\r\n', { command: 'run' }],
    ['/testmaster deploy', { command: 'unknown', text: 'deploy' }],
    ['/testmaster apply now', { command: 'unknown', text: 'apply now' }],
    [`/testmaster ${'x'.repeat(100)}`, { command: 'unknown', text: 'x'.repeat(40) }],
    ['/testmaster a\u202eb', { command: 'unknown', text: 'ab' }],
  ])('%j -> %j', (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it.each([
    [''],
    ['   \n  '],
    ['please /testmaster apply'],
    ['> /testmaster apply'],
    ['    /testmaster apply'],
    ['`/testmaster apply`'],
    ['/testmasterapply'],
    ['/testmaster-apply'],
    ['LGTM\n/testmaster apply'],
    ['/tm apply'],
  ])('%j is not a command', (body) => {
    expect(parseCommand(body)).toBeNull();
  });

  it('help text names every command, and an unknown one without backticks that could break out', () => {
    expect(commandHelpText()).toMatch(/\/testmaster apply.*\/testmaster run.*\/testmaster help/);
    expect(commandHelpText('de`ploy')).toMatch(/^Unknown command `de'ploy`\./);
  });
});

describe('grantsWrite', () => {
  it.each([
    [{ permission: 'admin', role_name: 'admin' }, true],
    [{ permission: 'write', role_name: 'maintain' }, true],
    [{ permission: 'write', role_name: 'write' }, true],
    [{ permission: 'write', role_name: 'release-manager' }, true], // custom role based on write
    [{ permission: 'read', role_name: 'triage' }, false],
    [{ permission: 'read', role_name: 'read' }, false],
    [{ permission: 'none', role_name: 'none' }, false],
    [{}, false],
  ])('%j -> %s', (answer, allowed) => {
    expect(grantsWrite(answer)).toBe(allowed);
  });
});

describe('authorizeCommenter and refuseCommenter', () => {
  let server: GitHubServer;
  let client: TestOctokit;
  let pullNumber: number;

  beforeEach(async () => {
    server = await startGitHubServer();
    client = testOctokit(server);
    pullNumber = server.state.addPullRequest(owner, repo, { head: 'feature' }).number;
  });
  afterEach(async () => {
    await server.stop();
  });

  it.each<[Role, boolean]>([
    ['admin', true],
    ['maintain', true],
    ['write', true],
    ['triage', false],
    ['read', false],
    ['none', false],
  ])('a user with the %s role is allowed: %s', async (role, allowed) => {
    server.state.setRole(owner, repo, 'alice', role);

    const decision = await authorizeCommenter(client.octokit, { owner, repo, username: 'alice' });

    expect(decision.allowed).toBe(allowed);
    if (decision.allowed) expect(decision.commenter).toMatchObject({ login: 'alice', repository: `${owner}/${repo}`, role });
    else expect(decision).toEqual({ allowed: false, login: 'alice', role });
    expect(server.requestsTo('GET', '/repos/{owner}/{repo}/collaborators/{username}/permission')).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('the repository owner is allowed; a stranger is not', async () => {
    expect((await authorizeCommenter(client.octokit, { owner, repo, username: owner })).allowed).toBe(true);
    expect(await authorizeCommenter(client.octokit, { owner, repo, username: 'stranger' })).toEqual({ allowed: false, login: 'stranger', role: 'none' });
    expect(server.violations).toEqual([]);
  });

  it('a read-only user is refused with a -1 reaction and a one-line reply saying who may run commands', async () => {
    server.state.setRole(owner, repo, 'rita', 'read');
    const command = server.state.addComment(owner, repo, pullNumber, { body: '/testmaster apply', author: 'rita' });

    const decision = await authorizeCommenter(client.octokit, { owner, repo, username: 'rita' });
    expect(decision.allowed).toBe(false);
    const reply = await refuseCommenter(client.octokit, { owner, repo, issueNumber: pullNumber, commentId: command.id }, 'rita');

    expect(server.state.comment(command.id)!.reactions.map((r) => [r.content, r.user])).toEqual([['-1', ACTIONS_LOGIN]]);
    const replies = server.state.comments(owner, repo, pullNumber).filter((c) => c.author === ACTIONS_LOGIN);
    expect(replies.map((c) => c.id)).toEqual([reply.id]);
    expect(replies[0]!.body).toBe('@rita only people with write, maintain or admin access to acme/widgets can run /testmaster commands; ask one of them to comment the command.');
    expect(server.state.comment(command.id)!.body).toBe('/testmaster apply');
    expect(server.violations).toEqual([]);
  });

  it('reacts eyes and +1, and flattens a reply to one line', async () => {
    const command = server.state.addComment(owner, repo, pullNumber, { body: '/testmaster run', author: owner });
    const target = { owner, repo, issueNumber: pullNumber, commentId: command.id };

    await reactToCommand(client.octokit, target, 'eyes');
    await reactToCommand(client.octokit, target, '+1');
    await reactToCommand(client.octokit, target, '+1'); // GitHub keeps one per user and content
    const reply = await replyToCommand(client.octokit, target, 'done:\n  all good\n');

    expect(server.state.comment(command.id)!.reactions.map((r) => r.content)).toEqual(['eyes', '+1']);
    expect(server.state.comment(reply.id)!.body).toBe('done: all good');
    expect(server.violations).toEqual([]);
  });
});
