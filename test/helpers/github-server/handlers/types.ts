/**
 * What a REST handler of the fake receives and returns, and GitHub's error answers (404, 422
 * "Validation Failed") as throwable values.
 */
import type { OpenApiSpec, SpecOperation } from '../openapi.js';
import type { Representations } from '../representations.js';
import type { GitHubState, Identity, StoredRepo } from '../state.js';

export interface HandlerContext {
  readonly state: GitHubState;
  readonly views: Representations;
  readonly spec: OpenApiSpec;
  readonly identity: Identity;
  readonly operation: SpecOperation;
  /** Path parameters, validated and coerced (integers are numbers). */
  readonly params: Readonly<Record<string, unknown>>;
  /** Query parameters, validated, coerced, documented defaults filled in. */
  readonly query: Readonly<Record<string, unknown>>;
  /** The parsed JSON body (validated against the operation's schema). */
  readonly body: Record<string, unknown>;
  readonly url: URL;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (context: HandlerContext) => Reply;

/** A GitHub error answer, thrown from inside a handler. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body['message'] ?? status));
  }
}

export function notFound(context: HandlerContext): HttpFailure {
  return new HttpFailure(404, { message: 'Not Found', documentation_url: context.operation.documentationUrl, status: '404' });
}

/** 422 with GitHub's `Validation Failed` shape; `errors` entries need at least a `code`. */
export function validationFailed(context: HandlerContext, errors: Array<Record<string, unknown>>): HttpFailure {
  return new HttpFailure(422, { message: 'Validation Failed', errors, documentation_url: context.operation.documentationUrl, status: '422' });
}

/** 422 with a plain message (what the git data endpoints answer). */
export function unprocessable(context: HandlerContext, message: string): HttpFailure {
  return new HttpFailure(422, { message, documentation_url: context.operation.documentationUrl, status: '422' });
}

export function repoOf(context: HandlerContext): StoredRepo {
  const repo = context.state.repo(String(context.params['owner']), String(context.params['repo']));
  if (!repo) throw notFound(context);
  return repo;
}

export function integer(value: unknown): number {
  return typeof value === 'number' ? value : Number.parseInt(String(value), 10);
}
