/**
 * Fault injection: rules that answer the next matching request(s) with a given status, headers and
 * body instead of the normal handler, checked after the request has been validated. A rule matches
 * by method (optional) and path: a documented template (`/repos/{owner}/{repo}/issues/comments/{comment_id}`),
 * a literal path, or a RegExp tested against the path. Ready-made replies mirror what GitHub sends.
 */
export interface FaultReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
}

export interface FaultRule extends FaultReply {
  /** `GET`, `POST`, ...; any method when left out. */
  readonly method?: string;
  /** A documented path template, a literal path, or a RegExp tested against the path. */
  readonly path: string | RegExp;
  /** How many matching requests get this reply (default 1). */
  readonly times?: number;
  /**
   * The request is carried out as usual (state changes) and only the answer is replaced: a write
   * that landed although the client saw a failure (e.g. a 502 from a proxy after the write).
   */
  readonly landed?: boolean;
}

interface ActiveRule {
  readonly rule: FaultRule;
  remaining: number;
}

export class FaultQueue {
  private readonly rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule, remaining: Math.max(1, rule.times ?? 1) });
  }

  /** The reply for this request, consuming one use of the first matching rule; null when none matches. */
  take(method: string, pathname: string, template: string | null): FaultRule | null {
    const index = this.rules.findIndex(({ rule }) => matches(rule, method, pathname, template));
    if (index < 0) return null;
    const active = this.rules[index]!;
    active.remaining -= 1;
    if (active.remaining <= 0) this.rules.splice(index, 1);
    return active.rule;
  }

  /** Uses left across all rules (a test can assert they were all consumed). */
  pending(): number {
    return this.rules.reduce((sum, { remaining }) => sum + remaining, 0);
  }

  clear(): void {
    this.rules.length = 0;
  }
}

function matches(rule: FaultRule, method: string, pathname: string, template: string | null): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.path instanceof RegExp) return rule.path.test(pathname);
  return rule.path === pathname || (template !== null && rule.path === template);
}

const DOCS = 'https://docs.github.com/rest';

/** GitHub's 403 for a fine-grained token without the permission; `accepted` is the header value. */
export function missingPermissionReply(accepted: string): FaultReply {
  return {
    status: 403,
    headers: { 'x-accepted-github-permissions': accepted },
    body: { message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403' },
  };
}

/** GitHub's secondary rate limit answer (403 with retry-after and the documented message). */
export function secondaryRateLimitReply(retryAfterSeconds = 1): FaultReply {
  return {
    status: 403,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
      documentation_url: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: '403',
    },
  };
}

/** GitHub's primary rate limit answer: remaining 0, reset `resetInSeconds` from now. */
export function primaryRateLimitReply(resetInSeconds = 1): FaultReply {
  const reset = Math.ceil(Date.now() / 1000) + resetInSeconds;
  return {
    status: 403,
    headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': 'core' },
    body: { message: 'API rate limit exceeded for installation ID 1.', documentation_url: DOCS, status: '403' },
  };
}

/** GitHub's 422 for a comment body over 65,536 characters. */
export function bodyTooLongReply(): FaultReply {
  return { status: 422, body: bodyTooLongError() };
}

export function bodyTooLongError(): Record<string, unknown> {
  return {
    message: 'Validation Failed',
    errors: [{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: 'Body is too long (maximum is 65536 characters)' }],
    documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
    status: '422',
  };
}

/** A 5xx as GitHub's front end sends it. */
export function serverErrorReply(status = 502): FaultReply {
  return { status, body: { message: status === 502 ? 'Server Error' : 'Internal Server Error', documentation_url: DOCS, status: String(status) } };
}
