/**
 * The fake GitHub's workflow_dispatch endpoint (test/helpers/github-server/handlers/actions.ts),
 * through the real Octokit over HTTP: it accepts only what GitHub accepts (a known workflow with a
 * workflow_dispatch trigger, an existing ref, exactly the declared inputs as strings, a token with
 * `actions: write`), records each accepted dispatch, and answers as GitHub documents.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS_LOGIN, DEFAULT_OWNER as owner, DEFAULT_REPO as repo, startGitHubServer, type GitHubServer, type StoredWorkflow } from '../../helpers/github-server/index.js';
import { testOctokit, type TestOctokit } from './test-octokit.js';

let server: GitHubServer;
let client: TestOctokit;
let workflow: StoredWorkflow;
let head: string;

beforeEach(async () => {
  server = await startGitHubServer({
    identities: { 'actions-token': { login: ACTIONS_LOGIN }, 'read-token': { login: ACTIONS_LOGIN, permissions: { actions: 'read', contents: 'read' } } },
  });
  client = testOctokit(server, { token: 'actions-token' });
  head = server.state.seedCommit(owner, repo, { branch: 'main', files: { 'README.md': 'hi\n' } });
  workflow = server.state.addWorkflow(owner, repo, { path: '.github/workflows/testmaster-run.yml', dispatchInputs: { 'pr-number': { required: true }, 'head-sha': { required: false } } });
});
afterEach(async () => {
  await server.stop();
});

type DispatchParams = Parameters<TestOctokit['octokit']['rest']['actions']['createWorkflowDispatch']>[0];

const dispatch = (params: Partial<NonNullable<DispatchParams>>, as: TestOctokit = client) =>
  as.octokit.rest.actions
    .createWorkflowDispatch({ owner, repo, workflow_id: 'testmaster-run.yml', ref: 'main', inputs: { 'pr-number': '7' }, ...params, request: { retries: 0 } })
    .then(
      (response) => ({ status: response.status as number, data: response.data as unknown, message: '' }),
      (error: { status?: number; message?: string }) => ({ status: error.status ?? -1, data: undefined, message: error.message ?? '' }),
    );

describe('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', () => {
  it('accepts a dispatch by file name or id with the declared inputs, records it, and answers 204', async () => {
    expect(await dispatch({ inputs: { 'pr-number': '7', 'head-sha': head } })).toMatchObject({ status: 204 });
    expect(await dispatch({ workflow_id: workflow.id, ref: 'refs/heads/main' })).toMatchObject({ status: 204 });
    expect(server.state.dispatches(owner, repo)).toEqual([
      expect.objectContaining({ workflowId: workflow.id, ref: 'main', inputs: { 'pr-number': '7', 'head-sha': head }, actor: ACTIONS_LOGIN }),
      expect.objectContaining({ workflowId: workflow.id, ref: 'refs/heads/main', inputs: { 'pr-number': '7' } }),
    ]);
    expect(server.violations).toEqual([]);
  });

  it('answers 200 with the run ids when asked for the run details (checked against the response schema)', async () => {
    const answer = await dispatch({ return_run_details: true });
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ workflow_run_id: expect.any(Number), run_url: expect.stringContaining('/actions/runs/'), html_url: expect.stringContaining('/actions/runs/') });
    expect(server.violations).toEqual([]);
  });

  it("refuses what GitHub refuses, with GitHub's answers, and records nothing", async () => {
    const refusals = [
      await dispatch({ workflow_id: 'other.yml' }),
      await dispatch({ ref: 'no-such-branch' }),
      await dispatch({ inputs: { 'pr-number': '7', extra: 'x' } }),
      await dispatch({ inputs: { 'head-sha': head } }),
      await dispatch({ inputs: { 'pr-number': 7 as unknown as string } }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([404, 422, 422, 422, 422]);
    expect(refusals.slice(1).map((r) => r.message)).toEqual([
      expect.stringContaining('No ref found for: no-such-branch'),
      expect.stringContaining('Unexpected inputs provided: ["extra"]'),
      expect.stringContaining("Required input 'pr-number' not provided"),
      expect.stringContaining("For 'properties/pr-number', 7 is not a string."),
    ]);
    server.state.addWorkflow(owner, repo, { path: '.github/workflows/ci.yml', dispatchInputs: null });
    expect(await dispatch({ workflow_id: 'ci.yml', inputs: {} })).toMatchObject({ status: 422, message: expect.stringContaining("does not have 'workflow_dispatch' trigger") });
    expect(server.state.dispatches(owner, repo)).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it('answers 403 naming actions=write to a token without it', async () => {
    const reader = testOctokit(server, { token: 'read-token' });
    const answer = await reader.octokit.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'testmaster-run.yml', ref: 'main', inputs: { 'pr-number': '7' } }).catch((error: { status: number; response: { headers: Record<string, string> } }) => error);
    expect(answer.status).toBe(403);
    expect((answer as { response: { headers: Record<string, string> } }).response.headers['x-accepted-github-permissions']).toBe('actions=write');
    expect(server.state.dispatches(owner, repo)).toEqual([]);
  });

  it('rejects and records an undocumented body property (the request does not fit the description)', async () => {
    const answer = await client.octokit.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', { owner, repo, workflow_id: 'testmaster-run.yml', ref: 'main', input: { 'pr-number': '7' } } as never).catch((error: { status: number }) => error);
    expect(answer.status).toBe(422);
    expect(server.violations).toEqual([expect.objectContaining({ kind: 'invalid-request', operationId: 'actions/create-workflow-dispatch', problems: ['body.input is not a documented property'] })]);
    expect(server.state.dispatches(owner, repo)).toEqual([]);
  });
});
