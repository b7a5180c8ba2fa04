/**
 * Where the action talks to GitHub, from the runner's environment: the repository
 * (GITHUB_REPOSITORY), the REST and GraphQL endpoints (GITHUB_API_URL, GITHUB_GRAPHQL_URL: set by
 * every Actions runner, GitHub Enterprise Server included) and the link to this workflow run
 * (GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/GITHUB_RUN_ID). Pure; the Octokit is made here
 * from it, with the run's log as its log.
 *
 * Without GITHUB_API_URL (not on an Actions runner) or GITHUB_REPOSITORY the action makes no GitHub
 * call at all: the report still goes to the job summary and the files.
 */
import * as core from '@actions/core';
import { createOctokit, type Octokit } from '../github/create-octokit.js';
import { VERSION } from '../version.js';

export interface GitHubContext {
  readonly owner: string;
  readonly repo: string;
  /** `owner/repo` */
  readonly repository: string;
  readonly apiUrl: string;
  readonly graphqlUrl: string | null;
  /** e.g. https://github.com/owner/repo, for links in the comment. */
  readonly repoUrl: string | null;
  /** This workflow run's page, or null when the runner did not say. */
  readonly runUrl: string | null;
  /** Who started the run (GITHUB_ACTOR). */
  readonly actor: string | null;
}

export function gitHubContext(env: Readonly<Record<string, string | undefined>>): GitHubContext | null {
  const repository = env['GITHUB_REPOSITORY'] ?? '';
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repository);
  const apiUrl = env['GITHUB_API_URL'];
  if (!match || !apiUrl) return null;
  return {
    owner: match[1]!,
    repo: match[2]!,
    repository,
    apiUrl,
    graphqlUrl: env['GITHUB_GRAPHQL_URL'] || null,
    repoUrl: repositoryUrl(env),
    runUrl: runUrl(env),
    actor: env['GITHUB_ACTOR'] || null,
  };
}

/** `$GITHUB_SERVER_URL/$GITHUB_REPOSITORY`, or null. */
export function repositoryUrl(env: Readonly<Record<string, string | undefined>>): string | null {
  const server = env['GITHUB_SERVER_URL']?.replace(/\/+$/, '');
  const repository = env['GITHUB_REPOSITORY'];
  return server && repository ? `${server}/${repository}` : null;
}

/** `$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID`, or null. */
export function runUrl(env: Readonly<Record<string, string | undefined>>): string | null {
  const repo = repositoryUrl(env);
  const id = env['GITHUB_RUN_ID'];
  return repo && id && /^\d+$/.test(id) ? `${repo}/actions/runs/${id}` : null;
}

export function actionOctokit(context: GitHubContext, token: string): Octokit {
  return createOctokit({
    token,
    baseUrl: context.apiUrl,
    ...(context.graphqlUrl ? { graphqlUrl: context.graphqlUrl } : {}),
    userAgent: `testmaster-action/${VERSION}`,
    log: { debug: (message) => core.debug(message), warn: (message) => core.warning(message) },
  });
}
