/**
 * Builds the one Octokit the GitHub side uses: `@actions/github`'s getOctokit (REST methods and
 * pagination) with the retry and throttling plugins, everything passed in (token, URLs, user agent,
 * log, waits), nothing read from the environment here.
 *
 * Who retries what (no retry loop of ours on top):
 * - 5xx and other transient answers: the retry plugin (`serverErrorRetries`, waits 1, 4, 9 s).
 * - Rate limits (primary: x-ratelimit-remaining 0 until x-ratelimit-reset; secondary: retry-after or
 *   60 s): the throttling plugin waits them out at most `rateLimitRetries` times per request, and
 *   never for longer than `maxRateLimitWaitSeconds`; then the request fails.
 * - 400, 401, 403, 404, 410, 422, 429 and 451 are not retried by the retry plugin (429 and 403 rate
 *   limits are the throttling plugin's).
 * Writes are paced as GitHub recommends (one write per second, content that notifies one per 3 s)
 * unless the spacing is given (tests pass 0).
 */
import { getOctokit } from '@actions/github';
import type { GitHub } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import { GitHubError } from '../errors/errors.js';
import { redactSecrets } from '../report/redact.js';

export type Octokit = InstanceType<typeof GitHub>;

export interface GitHubLog {
  debug(message: string): void;
  warn(message: string): void;
}

export interface GitHubRetryPolicy {
  /** Retries of a request answered 5xx (retry plugin). */
  readonly serverErrorRetries: number;
  /** Rate-limit waits per request before it fails. */
  readonly rateLimitRetries: number;
  /** A rate limit asking for a longer wait than this is not waited out: the request fails at once. */
  readonly maxRateLimitWaitSeconds: number;
  /** Milliseconds waited per second asked for (1000; tests pass 1 so waits stay tiny). */
  readonly msPerSecond: number;
  /** Minimum spacing of writes in ms (default: the throttling plugin's 1000). */
  readonly writeSpacingMs?: number;
  /** Minimum spacing of writes that notify people, e.g. new comments, in ms (default: 3000). */
  readonly notificationSpacingMs?: number;
}

export const DEFAULT_RETRY_POLICY: GitHubRetryPolicy = {
  serverErrorRetries: 3,
  rateLimitRetries: 2,
  maxRateLimitWaitSeconds: 120,
  msPerSecond: 1000,
};

export interface CreateOctokitOptions {
  readonly token: string;
  /** REST base, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`. */
  readonly baseUrl: string;
  /** GraphQL endpoint when it is not derived from baseUrl (`/graphql` on the same origin, or GHES's `/api/graphql`). */
  readonly graphqlUrl?: string;
  readonly userAgent: string;
  readonly log: GitHubLog;
  readonly policy?: Partial<GitHubRetryPolicy>;
}

/** Status codes the retry plugin leaves alone (rate limits are waited out by the throttling plugin). */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

export function createOctokit(options: CreateOctokitOptions): Octokit {
  if (!options.token) {
    throw new GitHubError('no GitHub token was given; pass the github-token input (or set GITHUB_TOKEN) so TestMaster can call the GitHub API');
  }
  const policy: GitHubRetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const clean = (message: unknown): string => redactSecrets(String(message), [options.token]);
  const log = {
    debug: (message: string) => options.log.debug(clean(message)),
    info: (message: string) => options.log.debug(clean(message)),
    warn: (message: string) => options.log.warn(clean(message)),
    error: (message: string) => options.log.warn(clean(message)),
  };

  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method?: string; url?: string }, _octokit: unknown, retryCount: number): boolean => {
      const what = `${request.method ?? ''} ${request.url ?? ''}`.trim();
      if (retryCount >= policy.rateLimitRetries) {
        log.warn(`GitHub ${kind} on ${what}: waited ${retryCount} time(s) already; giving up on this request`);
        return false;
      }
      if (retryAfter > policy.maxRateLimitWaitSeconds) {
        log.warn(`GitHub ${kind} on ${what}: it asks for ${retryAfter} s, more than the ${policy.maxRateLimitWaitSeconds} s TestMaster waits; giving up on this request`);
        return false;
      }
      log.warn(`GitHub ${kind} on ${what}: waiting ${retryAfter} s, then retrying (${retryCount + 1} of ${policy.rateLimitRetries})`);
      return true;
    };

  const octokit = getOctokit(
    options.token,
    {
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      userAgent: options.userAgent,
      log,
      retry: { retries: policy.serverErrorRetries, retryAfterBaseValue: policy.msPerSecond, doNotRetry: DO_NOT_RETRY },
      throttle: {
        retryAfterBaseValue: policy.msPerSecond,
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit'),
        ...(policy.writeSpacingMs === undefined ? {} : { write: new Bottleneck.Group({ maxConcurrent: 1, minTime: policy.writeSpacingMs }) }),
        ...(policy.notificationSpacingMs === undefined
          ? {}
          : { notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: policy.notificationSpacingMs }) }),
      },
    },
    retry,
    throttling,
  );
  if (options.graphqlUrl) octokit.graphql = octokit.graphql.defaults({ url: options.graphqlUrl });
  return octokit;
}
