/**
 * A real Octokit (createOctokit: getOctokit with the retry and throttling plugins) pointed at the
 * local fake GitHub, with tiny waits (1 ms per second asked for) and no write spacing, collecting
 * its warnings.
 */
import { createOctokit, type GitHubRetryPolicy, type Octokit } from '../../../src/github/create-octokit.js';
import { ACTIONS_TOKEN, type GitHubServer } from '../../helpers/github-server/index.js';

export interface TestOctokit {
  readonly octokit: Octokit;
  readonly warnings: string[];
}

export function testOctokit(server: GitHubServer, options: { token?: string; policy?: Partial<GitHubRetryPolicy> } = {}): TestOctokit {
  const warnings: string[] = [];
  const octokit = createOctokit({
    token: options.token ?? ACTIONS_TOKEN,
    baseUrl: server.baseUrl,
    graphqlUrl: server.graphqlUrl,
    userAgent: 'testmaster-tests',
    log: { debug: () => undefined, warn: (message) => warnings.push(message) },
    policy: { msPerSecond: 1, writeSpacingMs: 0, notificationSpacingMs: 0, ...options.policy },
  });
  return { octokit, warnings };
}
