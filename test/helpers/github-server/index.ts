/**
 * A real, local GitHub API for tests: HTTP on 127.0.0.1 (random port), REST at the origin (as
 * api.github.com) and GraphQL at /graphql. Every REST request is checked against GitHub's published
 * OpenAPI description (@octokit/openapi): the method and path must be a documented operation, path
 * and query parameters must fit their schemas (no undocumented query parameters), and a JSON body
 * must fit the operation's request body schema (and name no property the schema does not have). A
 * request that does not is answered 4xx and recorded in `violations`; so is a GraphQL query the
 * fake cannot answer (see graphql.ts), an operation it does not implement, and any answer of its own
 * that does not fit the documented response schema (which keeps the fake honest).
 *
 * State (state.ts): identities by token, repositories with issues, pull requests, comments,
 * reactions, collaborator roles, workflows (and the workflow_dispatch runs asked for) and git data.
 * Faults (faults.ts) replace the next matching answers. stop() destroys every open socket.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultQueue, type FaultRule } from './faults.js';
import { answerGraphql } from './graphql.js';
import { ACTIONS_HANDLERS } from './handlers/actions.js';
import { COMMENT_HANDLERS } from './handlers/comments.js';
import { GIT_HANDLERS } from './handlers/git.js';
import { PULL_HANDLERS } from './handlers/pulls.js';
import { HttpFailure, type Handler, type Reply } from './handlers/types.js';
import { loadOpenApiSpec, type OpenApiSpec } from './openapi.js';
import { Representations } from './representations.js';
import { GitHubState, type Identity, type IdentityInput } from './state.js';
import { missingPermissions } from './token-permissions.js';

export { bodyTooLongReply, missingPermissionReply, primaryRateLimitReply, secondaryRateLimitReply, serverErrorReply, type FaultReply, type FaultRule } from './faults.js';
export { GitHubState, type Identity, type IdentityInput, type Role, type StoredComment, type StoredDispatch, type StoredWorkflow } from './state.js';
export { MAX_COMMENT_CHARS } from './handlers/comments.js';

/** The Actions-like default: this token acts as `github-actions[bot]`. */
export const ACTIONS_TOKEN = 'fake-actions-token';
export const ACTIONS_LOGIN = 'github-actions[bot]';
export const DEFAULT_OWNER = 'acme';
export const DEFAULT_REPO = 'widgets';

export type ViolationKind = 'unknown-operation' | 'invalid-request' | 'graphql' | 'unimplemented' | 'invalid-response';

export interface Violation {
  readonly kind: ViolationKind;
  readonly method: string;
  /** Path and query as sent. */
  readonly url: string;
  /** `issues/create-comment`, or null when no documented operation matched. */
  readonly operationId: string | null;
  readonly problems: readonly string[];
}

export interface RecordedRequest {
  readonly method: string;
  /** Path and query as sent. */
  readonly url: string;
  readonly pathname: string;
  /** Documented template, e.g. `/repos/{owner}/{repo}/issues/comments/{comment_id}`; `/graphql` for GraphQL. */
  readonly template: string | null;
  readonly operationId: string | null;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON body, the raw text if not JSON, undefined when empty. */
  readonly body: unknown;
  /** Status answered (0 until answered). */
  status: number;
  /** True when a fault rule answered. */
  faulted: boolean;
}

export interface GitHubServerOptions {
  /** Token -> identity. Default: ACTIONS_TOKEN -> github-actions[bot]. */
  readonly identities?: Readonly<Record<string, IdentityInput>>;
  /** Repositories to create. Default: acme/widgets with default branch main. */
  readonly repos?: ReadonlyArray<{ readonly owner: string; readonly name: string; readonly defaultBranch?: string }>;
}

export interface GitHubServer {
  /** REST base URL, e.g. `http://127.0.0.1:1234` (pass as Octokit's baseUrl). */
  readonly baseUrl: string;
  /** `http://127.0.0.1:1234/graphql` */
  readonly graphqlUrl: string;
  readonly state: GitHubState;
  readonly requests: readonly RecordedRequest[];
  readonly violations: readonly Violation[];
  /** Answers the next matching request(s) with this reply instead of the normal handler. */
  failNext(rule: FaultRule): void;
  /** Fault uses not yet consumed. */
  pendingFaults(): number;
  /** Requests that matched a documented template (and method), e.g. `('PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}')`. */
  requestsTo(method: string, template: string): RecordedRequest[];
  stop(): Promise<void>;
}

const HANDLERS: Readonly<Record<string, Handler>> = { ...COMMENT_HANDLERS, ...PULL_HANDLERS, ...GIT_HANDLERS, ...ACTIONS_HANDLERS };

export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  const spec = loadOpenApiSpec();
  const sockets = new Set<Socket>();
  const requests: RecordedRequest[] = [];
  const violations: Violation[] = [];
  const faults = new FaultQueue();
  let origin = '';

  const server = createServer((req, res) => {
    readBody(req).then(
      (text) => {
        try {
          handle(req, res, text);
        } catch (error) {
          violations.push({ kind: 'unimplemented', method: req.method ?? '', url: req.url ?? '', operationId: null, problems: [`the fake failed: ${(error as Error).stack ?? String(error)}`] });
          send(res, { status: 500, body: { message: 'fake GitHub internal error', documentation_url: 'https://docs.github.com/rest' } });
        }
      },
      () => undefined,
    );
  });

  const handle = (req: IncomingMessage, res: ServerResponse, text: string): void => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', origin);
    const parsed = parseBody(text);
    const match = url.pathname === '/graphql' ? null : spec.match(method, url.pathname);
    const recorded: RecordedRequest = {
      method,
      url: req.url ?? '/',
      pathname: url.pathname,
      template: url.pathname === '/graphql' ? '/graphql' : (match?.operation.template ?? null),
      operationId: match?.operation.operationId ?? null,
      headers: req.headers,
      body: parsed.value,
      status: 0,
      faulted: false,
    };
    requests.push(recorded);
    const reply = (answer: Reply): void => {
      recorded.status = answer.status;
      send(res, answer);
    };
    const violate = (kind: ViolationKind, problems: string[]): void => {
      violations.push({ kind, method, url: recorded.url, operationId: recorded.operationId, problems });
    };

    if (url.pathname === '/graphql') {
      if (method !== 'POST') {
        violate('unknown-operation', [`GraphQL takes POST, not ${method}`]);
        return reply({ status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/graphql' } });
      }
      const identity = authenticate(req.headers);
      if (!identity) return reply(badCredentials());
      const fault = faults.take(method, url.pathname, '/graphql');
      if (fault) {
        recorded.faulted = true;
        return reply(fault);
      }
      if (parsed.error) {
        violate('graphql', [parsed.error]);
        return reply({ status: 400, body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/graphql' } });
      }
      const answer = answerGraphql(state, identity, parsed.value);
      if (answer.invalid.length > 0) violate('graphql', answer.invalid);
      return reply({ status: 200, body: answer.body });
    }

    if (!match) {
      const others = spec.methodsFor(url.pathname);
      violate('unknown-operation', [
        others.length > 0 ? `${method} is not documented for this path (documented: ${others.join(', ')})` : `no documented operation has the path ${url.pathname}`,
      ]);
      return reply({ status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } });
    }
    const { operation } = match;
    const params: Record<string, unknown> = { ...match.pathParams };
    const query = queryObject(url.searchParams);
    const problems = [
      ...spec.validateParameters(operation, 'path', params),
      ...spec.validateParameters(operation, 'query', query),
      ...bodyProblems(spec, operation, parsed, text),
    ];
    if (problems.length > 0) {
      violate('invalid-request', problems);
      const status = parsed.error ? 400 : 422;
      return reply({
        status,
        body: {
          message: status === 400 ? 'Problems parsing JSON' : 'Invalid request.',
          errors: problems,
          documentation_url: operation.documentationUrl,
          status: String(status),
        },
      });
    }

    const identity = authenticate(req.headers);
    if (!identity) return reply(badCredentials());
    const fault = faults.take(method, url.pathname, operation.template);
    if (fault && !fault.landed) {
      recorded.faulted = true;
      return reply(fault);
    }
    if (identity.permissions) {
      const accepted = missingPermissions(operation.operationId, identity.permissions);
      if (accepted) {
        return reply({
          status: 403,
          headers: { 'x-accepted-github-permissions': accepted },
          body: { message: 'Resource not accessible by integration', documentation_url: operation.documentationUrl, status: '403' },
        });
      }
    }
    const handler = HANDLERS[operation.operationId];
    if (!handler) {
      violate('unimplemented', [`the fake GitHub does not implement ${operation.operationId} (${method} ${operation.template})`]);
      return reply({ status: 404, body: { message: `Not Found (the fake GitHub does not implement ${operation.operationId})`, documentation_url: operation.documentationUrl } });
    }
    let answer: Reply;
    try {
      answer = handler({ state, views, spec, identity, operation, params, query, body: (parsed.value ?? {}) as Record<string, unknown>, url });
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      answer = { status: error.status, body: error.body };
    }
    if (answer.body !== undefined) {
      const mismatch = spec.validateResponse(operation, answer.status, answer.body);
      if (mismatch && mismatch.length > 0) violate('invalid-response', mismatch);
    }
    if (fault) {
      recorded.faulted = true;
      return reply(fault);
    }
    return reply(answer);
  };

  const authenticate = (headers: IncomingHttpHeaders): Identity | null => {
    const header = headers.authorization ?? '';
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(header)?.[1];
    return token ? (state.identityFor(token) ?? null) : null;
  };

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  // Used by the request handler above, which runs only once the server is listening.
  const state = new GitHubState(origin);
  const views = new Representations(spec, state, { api: origin, web: origin });
  for (const [token, identity] of Object.entries(options.identities ?? { [ACTIONS_TOKEN]: { login: ACTIONS_LOGIN, type: 'Bot' } })) {
    state.addIdentity(token, identity);
  }
  for (const repo of options.repos ?? [{ owner: DEFAULT_OWNER, name: DEFAULT_REPO }]) {
    state.addRepo(repo.owner, repo.name, repo.defaultBranch ? { defaultBranch: repo.defaultBranch } : {});
  }

  return {
    baseUrl: origin,
    graphqlUrl: `${origin}/graphql`,
    state,
    requests,
    violations,
    failNext: (rule) => faults.add(rule),
    pendingFaults: () => faults.pending(),
    requestsTo: (method, template) => requests.filter((r) => r.method === method.toUpperCase() && r.template === template),
    stop: async () => {
      faults.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
}

function bodyProblems(spec: OpenApiSpec, operation: Parameters<OpenApiSpec['validateBody']>[0], parsed: ParsedBody, text: string): string[] {
  if (parsed.error) return [parsed.error];
  const hasBody = text.trim().length > 0;
  if (!operation.requestBody) return hasBody && parsed.value !== undefined && !isEmptyObject(parsed.value) ? ['this operation takes no request body'] : [];
  if (!hasBody) return operation.requestBody.required ? ['the request body is required'] : [];
  const unknown = spec.unknownBodyProperties(operation, parsed.value).map((key) => `body.${key} is not a documented property`);
  return [...spec.validateBody(operation, parsed.value), ...unknown];
}

interface ParsedBody {
  readonly value: unknown;
  readonly error: string | null;
}

function parseBody(text: string): ParsedBody {
  if (text.trim() === '') return { value: undefined, error: null };
  try {
    return { value: JSON.parse(text), error: null };
  } catch (error) {
    return { value: text, error: `the body is not JSON: ${(error as Error).message}` };
  }
}

function queryObject(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

function badCredentials(): Reply {
  return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' } };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = {
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': `FAKE:${Math.random().toString(16).slice(2, 10)}`,
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600),
    'x-ratelimit-used': '1',
    'x-ratelimit-resource': 'core',
    ...(reply.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    ...reply.headers,
  };
  res.writeHead(reply.status, headers);
  res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
