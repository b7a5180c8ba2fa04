/**
 * createOctokit's retry and rate-limit behaviour, and the one-line GitHubErrors, through real HTTP to
 * the local fake GitHub (waits are 1 ms per second asked for).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubError } from '../../../src/errors/errors.js';
import { createOctokit } from '../../../src/github/create-octokit.js';
import { toGitHubError } from '../../../src/github/github-errors.js';
import {
  DEFAULT_OWNER as owner,
  DEFAULT_REPO as repo,
  missingPermissionReply,
  primaryRateLimitReply,
  secondaryRateLimitReply,
  serverErrorReply,
  startGitHubServer,
  type GitHubServer,
} from '../../helpers/github-server/index.js';
import { testOctokit } from './test-octokit.js';

const PULLS = '/repos/{owner}/{repo}/pulls';
const SECRET = `ghs_${'S3cr3t'.repeat(6)}`;

describe('createOctokit', () => {
  let server: GitHubServer;
  beforeEach(async () => {
    server = await startGitHubServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  const failure = (promise: Promise<unknown>, doing = 'list pull requests'): Promise<GitHubError> =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => toGitHubError(error, doing),
    );

  it('refuses an empty token with a GitHubError', () => {
    expect(() => createOctokit({ token: '', baseUrl: server.baseUrl, userAgent: 'x', log: { debug: () => undefined, warn: () => undefined } })).toThrow(GitHubError);
  });

  it('retries 5xx answers (retry plugin) and succeeds', async () => {
    const { octokit } = testOctokit(server);
    server.failNext({ method: 'GET', path: PULLS, ...serverErrorReply(502), times: 2 });
    const { data } = await octokit.rest.pulls.list({ owner, repo });
    expect(data).toEqual([]);
    expect(server.requestsTo('GET', PULLS)).toHaveLength(3);
    expect(server.violations).toEqual([]);
  });

  it('gives up after the configured number of 5xx retries, with a one-line error', async () => {
    const { octokit } = testOctokit(server, { policy: { serverErrorRetries: 1 } });
    server.failNext({ method: 'GET', path: PULLS, ...serverErrorReply(503), times: 5 });
    const error = await failure(octokit.rest.pulls.list({ owner, repo }));
    expect(server.requestsTo('GET', PULLS)).toHaveLength(2);
    expect(error.message).toMatch(/^could not list pull requests: GitHub failed with 503 .*try again later/);
    expect(error.message).not.toMatch(/\n/);
  });

  it('waits out a primary rate limit until x-ratelimit-reset', async () => {
    const { octokit, warnings } = testOctokit(server);
    server.failNext({ method: 'GET', path: PULLS, ...primaryRateLimitReply(1) });
    await octokit.rest.pulls.list({ owner, repo });
    expect(server.requestsTo('GET', PULLS)).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/GitHub rate limit on GET \/repos\/\{owner\}\/\{repo\}\/pulls: waiting \d+ s/);
  });

  it('waits out a secondary rate limit on GraphQL too', async () => {
    const { octokit, warnings } = testOctokit(server);
    server.failNext({ path: '/graphql', ...secondaryRateLimitReply(1) });
    const data = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
    expect(data.viewer.login).toBe('github-actions[bot]');
    expect(warnings.join('\n')).toMatch(/secondary rate limit/);
    expect(server.violations).toEqual([]);
  });

  it('does not wait longer than maxRateLimitWaitSeconds', async () => {
    const { octokit, warnings } = testOctokit(server, { policy: { maxRateLimitWaitSeconds: 10 } });
    server.failNext({ method: 'GET', path: PULLS, ...secondaryRateLimitReply(3600) });
    const error = await failure(octokit.rest.pulls.list({ owner, repo }));
    expect(server.requestsTo('GET', PULLS)).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/asks for 3600 s, more than the 10 s/);
    expect(error.message).toMatch(/rate limit is still in effect.*try again later/);
  });

  it('waits out a rate limit at most rateLimitRetries times', async () => {
    const { octokit } = testOctokit(server, { policy: { rateLimitRetries: 2 } });
    server.failNext({ method: 'GET', path: PULLS, ...secondaryRateLimitReply(1), times: 5 });
    await failure(octokit.rest.pulls.list({ owner, repo }));
    expect(server.requestsTo('GET', PULLS)).toHaveLength(3);
  });

  it('does not retry a 403 for a missing permission, and names the permission to add', async () => {
    const { octokit } = testOctokit(server);
    server.failNext({ method: 'POST', path: PULLS, ...missingPermissionReply('pull_requests=write') });
    server.state.seedCommit(owner, repo, { branch: 'main', files: { a: '1' } });
    const error = await failure(octokit.rest.pulls.create({ owner, repo, head: 'x', base: 'main', title: 't' }), 'open the pull request');
    expect(server.requestsTo('POST', PULLS)).toHaveLength(1);
    expect(error.message).toMatch(/^could not open the pull request: the token lacks a permission; add `pull-requests: write` under `permissions:`/);
  });

  it('never puts the token in an error or a log line', async () => {
    const warnings: string[] = [];
    const octokit = createOctokit({ token: SECRET, baseUrl: server.baseUrl, userAgent: 'x', log: { debug: (m) => warnings.push(m), warn: (m) => warnings.push(m) }, policy: { msPerSecond: 1 } });
    const error = await failure(octokit.rest.pulls.list({ owner, repo }));
    expect(server.requestsTo('GET', PULLS)).toHaveLength(1); // 401 is not retried
    expect(server.requests[0]!.headers.authorization).toBe(`token ${SECRET}`);
    expect(error.message).toMatch(/401 Bad credentials.*github-token/);
    expect(`${error.message} ${String(error.stack)} ${warnings.join(' ')}`).not.toContain(SECRET);
  });

  it('says GitHub could not be reached when nothing answers', async () => {
    const { octokit } = testOctokit(server, { policy: { serverErrorRetries: 0 } });
    await server.stop();
    const error = await failure(octokit.rest.pulls.list({ owner, repo }));
    expect(error.message).toMatch(/GitHub could not be reached .*check the network/);
    server = await startGitHubServer(); // for afterEach
  });
});
