/**
 * Turns what Octokit throws (a RequestError with status and response, a GraphqlResponseError, or a
 * network failure) into a GitHubRequestError: one line saying what failed and what to do, with the
 * server's own words shortened and secrets redacted (Octokit never puts the token in its errors;
 * the redaction is a second line of defence). The status and the `x-accepted-github-permissions`
 * header travel with it, so callers can tell a missing permission from other failures.
 */
import { GitHubError } from '../errors/errors.js';
import { redactSecrets } from '../report/redact.js';
import { missingPermissionAdvice } from './permissions.js';

export class GitHubRequestError extends GitHubError {
  constructor(
    message: string,
    /** HTTP status, or null when no answer came (network failure). */
    readonly status: number | null,
    /** `x-accepted-github-permissions` of a 403, when GitHub sent it. */
    readonly acceptedPermissions: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The parts of an Octokit failure we read, whatever class it is. */
export interface RequestFailure {
  readonly status: number | null;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** GitHub's `message` and error details, or the exception's message. */
  readonly detail: string;
  readonly graphqlErrors: ReadonlyArray<{ readonly type?: string; readonly message?: string }> | null;
}

const MAX_QUOTED_CHARS = 200;

export function describeFailure(error: unknown): RequestFailure {
  const value = (error ?? {}) as {
    status?: unknown;
    message?: unknown;
    name?: unknown;
    errors?: unknown;
    response?: { headers?: Record<string, string | undefined>; data?: unknown };
    headers?: Record<string, string | undefined>;
  };
  // A request that got no answer (connection refused, reset, DNS) is a RequestError 500 without a response.
  const status = value.response && typeof value.status === 'number' && value.status > 0 ? value.status : null;
  const headers = value.response?.headers ?? value.headers ?? {};
  const graphqlErrors = value.name === 'GraphqlResponseError' && Array.isArray(value.errors) ? (value.errors as RequestFailure['graphqlErrors']) : null;
  return { status, headers, detail: detailOf(value.response?.data, value.message), graphqlErrors };
}

/** Whether a failure is a rate limit the throttling plugin already waited on (and gave up). */
export function isRateLimit(failure: RequestFailure): boolean {
  if (failure.status !== 403 && failure.status !== 429) return false;
  return /rate limit/i.test(failure.detail) || failure.headers['x-ratelimit-remaining'] === '0';
}

/** One actionable line for a failed GitHub call; `doing` says what we tried ("update comment 12 on o/r#3"). */
export function toGitHubError(error: unknown, doing: string): GitHubRequestError {
  if (error instanceof GitHubRequestError) return error;
  const failure = describeFailure(error);
  const accepted = failure.status === 403 ? (failure.headers['x-accepted-github-permissions'] ?? null) : null;
  const quoted = quote(failure.detail);
  let message: string;
  if (failure.graphqlErrors) {
    message = `could not ${doing}: GitHub's GraphQL API answered with errors (${quote(failure.graphqlErrors.map((e) => e.message ?? e.type ?? '').join('; '))}); this is likely a TestMaster bug, please report it`;
  } else if (failure.status === null) {
    message = `could not ${doing}: GitHub could not be reached (${quoted}); check the network and the GitHub API URL`;
  } else if (failure.status === 401) {
    message = `could not ${doing}: GitHub rejected the token (401 ${quoted}); check that the github-token input (or GITHUB_TOKEN) is set and has not expired`;
  } else if (accepted) {
    message = `could not ${doing}: the token lacks a permission; ${missingPermissionAdvice(accepted)}`;
  } else if (isRateLimit(failure)) {
    message = `could not ${doing}: GitHub's rate limit is still in effect after waiting (${failure.status} ${quoted}); try again later`;
  } else if (failure.status === 403) {
    message = `could not ${doing}: GitHub refused (403 ${quoted}); check the token's permissions on the repository (pull requests from forks get a read-only token)`;
  } else if (failure.status === 404) {
    message = `could not ${doing}: GitHub answered 404 Not Found; check the repository and number, and that the token can read the repository`;
  } else if (failure.status >= 500) {
    message = `could not ${doing}: GitHub failed with ${failure.status} (${quoted}) even after retrying; try again later (https://www.githubstatus.com)`;
  } else {
    message = `could not ${doing}: GitHub answered ${failure.status} (${quoted}); this is likely a TestMaster bug, please report it`;
  }
  return new GitHubRequestError(oneLine(message), failure.status, accepted, { cause: error });
}

function detailOf(data: unknown, fallback: unknown): string {
  if (typeof data === 'object' && data !== null) {
    const body = data as { message?: unknown; errors?: unknown };
    const details = Array.isArray(body.errors)
      ? body.errors.map((e) => (typeof e === 'string' ? e : ((e as { message?: unknown; code?: unknown }).message ?? (e as { code?: unknown }).code ?? ''))).filter(Boolean)
      : [];
    if (typeof body.message === 'string') return details.length > 0 ? `${body.message}: ${details.join('; ')}` : body.message;
  }
  if (typeof data === 'string' && data.trim()) return data;
  return typeof fallback === 'string' && fallback ? fallback : 'no details';
}

function quote(text: string): string {
  const flat = oneLine(redactSecrets(text));
  return flat.length > MAX_QUOTED_CHARS ? `${flat.slice(0, MAX_QUOTED_CHARS - 3)}...` : flat;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
