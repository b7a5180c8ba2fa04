/**
 * /testmaster commands against the local GitHub (every request checked against GitHub's OpenAPI
 * description) through the real Octokit. The fake has no Actions API, so the workflow_dispatch call
 * is answered by a fault rule (204, GitHub's answer) after the request was validated.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleCommand, type CommandRequest } from '../../../src/action/handle-command.js';
import { parseCommand } from '../../../src/github/apply/slash-command.js';
import { ACTIONS_LOGIN, DEFAULT_OWNER as owner, DEFAULT_REPO as repo, missingPermissionReply, startGitHubServer, type GitHubServer, type StoredComment } from '../../helpers/github-server/index.js';
import { testOctokit } from '../github/test-octokit.js';

const DISPATCH = '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches';

let server: GitHubServer;
let head: string;
let pullNumber: number;
let warnings: string[];

beforeEach(async () => {
  server = await startGitHubServer();
  server.state.seedCommit(owner, repo, { branch: 'main', files: { 'package.json': '{}\n' } });
  head = server.state.seedCommit(owner, repo, { branch: 'feature', files: { 'package.json': '{}\n', 'src/a.ts': 'export {};\n' } });
  pullNumber = server.state.addPullRequest(owner, repo, { head: 'feature', base: 'main', author: 'alice' }).number;
  server.state.setRole(owner, repo, 'alice', 'maintain');
  server.state.setRole(owner, repo, 'visitor', 'triage');
  warnings = [];
});
afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.stop();
});

async function command(body: string, author = 'alice', extra: Partial<CommandRequest> = {}): Promise<{ result: Awaited<ReturnType<typeof handleCommand>>; comment: StoredComment; replies: string[] }> {
  const comment = server.state.addComment(owner, repo, pullNumber, { body, author });
  const parsed = parseCommand(body);
  if (!parsed) throw new Error(`not a command: ${body}`);
  const result = await handleCommand(testOctokit(server).octokit, {
    owner,
    repo,
    pullNumber,
    commentId: comment.id,
    login: author,
    command: parsed,
    runWorkflow: null,
    defaultBranch: 'main',
    warn: (line) => warnings.push(line),
    ...extra,
  });
  const replies = server.state.comments(owner, repo, pullNumber).filter((c) => c.author === ACTIONS_LOGIN).map((c) => c.body);
  return { result, comment, replies };
}

const reactions = (comment: StoredComment): string[] => comment.reactions.map((r) => r.content);

describe('handleCommand', () => {
  it('answers /testmaster help with the commands, eyes then +1', async () => {
    const { result, comment, replies } = await command('/testmaster help');
    expect(result.outcome).toBe('helped');
    expect(replies).toEqual([expect.stringMatching(/^TestMaster commands: `\/testmaster apply` commits/)]);
    expect(reactions(comment)).toEqual(['eyes', '+1']);
  });

  it('answers an unknown command with the commands and confused', async () => {
    const { comment, replies } = await command('/testmaster deploy');
    expect(replies).toEqual([expect.stringMatching(/^Unknown command `deploy`\. TestMaster commands:/)]);
    expect(reactions(comment)).toEqual(['eyes', 'confused']);
  });

  it('refuses someone without write access: -1 and a reply, nothing else done', async () => {
    const { result, comment, replies } = await command('/testmaster run', 'visitor', { runWorkflow: 'testmaster.yml' });
    expect(result.outcome).toBe('refused-commenter');
    expect(reactions(comment)).toEqual(['-1']);
    expect(replies).toEqual([expect.stringMatching(/^@visitor only people with write, maintain or admin access to acme\/widgets/)]);
    expect(server.requestsTo('POST', DISPATCH)).toHaveLength(0);
  });

  it('refuses /testmaster run without run-workflow, saying why and what to set up', async () => {
    const { result, comment, replies } = await command('/testmaster run');
    expect(result.outcome).toBe('not-started');
    expect(replies[0]).toMatch(/is not set up in this repository: this workflow runs on comments with the repository's secrets and a write token, so TestMaster never runs a pull request's code here\. Set the `run-workflow` input/);
    expect(reactions(comment)).toEqual(['eyes', 'confused']);
  });

  it('starts the run workflow on the default branch for the current head of the pull request', async () => {
    server.failNext({ method: 'POST', path: DISPATCH, status: 204 });
    const { result, comment, replies } = await command('/testmaster run', 'alice', { runWorkflow: 'testmaster-slash-command.yml' });
    expect(result.outcome).toBe('started');
    const [dispatch] = server.requestsTo('POST', DISPATCH);
    expect(dispatch!.pathname).toBe(`/repos/${owner}/${repo}/actions/workflows/testmaster-slash-command.yml/dispatches`);
    expect(dispatch!.body).toEqual({ ref: 'main', inputs: { 'pr-number': String(pullNumber), 'head-sha': head } });
    expect(replies).toEqual([expect.stringContaining(`@alice started TestMaster (testmaster-slash-command.yml) on ${head.slice(0, 7)}`)]);
    expect(reactions(comment)).toEqual(['eyes', '+1']);
  });

  it('names the missing actions permission when the run cannot be started', async () => {
    server.failNext({ method: 'POST', path: DISPATCH, ...missingPermissionReply('actions=write') });
    const { result, comment, replies } = await command('/testmaster run', 'alice', { runWorkflow: 'testmaster.yml' });
    expect(result.outcome).toBe('not-started');
    expect(warnings.join('\n')).toContain('add `actions: write` under `permissions:`');
    expect(replies).toEqual([expect.stringContaining('add `actions: write` under `permissions:`')]);
    expect(reactions(comment)).toEqual(['eyes', 'confused']);
  });

  it('does not start a run for a closed pull request', async () => {
    server.state.requireRepo(owner, repo).issues.get(pullNumber)!.pull!.state = 'closed';
    const { result, replies } = await command('/testmaster run', 'alice', { runWorkflow: 'testmaster.yml' });
    expect(result.outcome).toBe('not-started');
    expect(replies).toEqual([expect.stringContaining('this pull request is closed')]);
    expect(server.requestsTo('POST', DISPATCH)).toHaveLength(0);
  });
});
