/**
 * A real, local Actions cache service for tests: HTTP on 127.0.0.1 (random port) speaking the legacy
 * v1 REST protocol that @actions/cache 6.3 uses when ACTIONS_CACHE_URL is set without
 * ACTIONS_CACHE_SERVICE_V2 (routes in protocol.ts). Entries live in memory (cache-entries.ts): key +
 * prefix lookup, newest first, same version only. Every request is recorded; one that does not fit
 * the protocol (wrong token, no api-version, a malformed query, body or Content-Range) is answered
 * 4xx and listed in `violations`. A fault makes it fail on purpose: a status on every (or some)
 * route(s), hanging without an answer, or a download cut short or replaced.
 *
 * Bounded: stop() destroys every open socket, hung ones included.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CacheEntries, type Answer, type CacheEntry } from './cache-entries.js';
import { DOWNLOAD_PATH, headerProblems, matchRoute, parseCommit, parseContentRange, parseLookup, parseReserve, type CacheRoute, type RouteMatch } from './protocol.js';

export { actionsCacheEnv, noActionsCacheEnv, ACTIONS_CACHE_ENV_NAMES, type ActionsCacheDirs, type ActionsCacheEnvOptions } from './env.js';
export { CacheEntries, type CacheEntry } from './cache-entries.js';
export type { CacheRoute } from './protocol.js';

export type CacheFault =
  /** Answer this status (JSON `{message}`) on the given routes (all when left out). */
  | { readonly kind: 'status'; readonly status: number; readonly routes?: readonly CacheRoute[] }
  /** Read the request, then never answer (until releaseHung() or stop()). */
  | { readonly kind: 'hang'; readonly routes?: readonly CacheRoute[] }
  /** Download: announce the full length, send half, cut the connection. */
  | { readonly kind: 'truncate-download' }
  /** Download: send these bytes instead of the stored archive. */
  | { readonly kind: 'replace-download'; readonly body: Buffer };

export interface RecordedCacheRequest {
  readonly method: string;
  /** Path and query as sent. */
  readonly url: string;
  /** null when the request matched no route. */
  readonly route: CacheRoute | null;
  readonly headers: IncomingHttpHeaders;
  readonly bodyBytes: number;
  /** Parsed JSON body, undefined when empty or not JSON. */
  readonly json: unknown;
  /** Status answered; 0 while unanswered (hung). */
  status: number;
  faulted: boolean;
}

export interface ActionsCacheServerOptions {
  /** Scope reported on entries (the real service scopes caches to a ref). Default refs/pull/1/merge. */
  readonly scope?: string;
  /** Reservations larger than this are refused with 400. Default 10 GiB. */
  readonly maxSizeBytes?: number;
}

export interface ActionsCacheServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** ACTIONS_CACHE_URL: the service base, ending in `/` (the library appends `_apis/...` to it as is). */
  readonly cacheUrl: string;
  /** ACTIONS_RUNTIME_TOKEN the server accepts. */
  readonly token: string;
  readonly entries: CacheEntries;
  readonly requests: readonly RecordedCacheRequest[];
  readonly violations: readonly string[];
  /** Replaces the active fault (null: none). */
  setFault(fault: CacheFault | null): void;
  /** Requests held by a 'hang' fault and not yet answered. */
  hungCount(): number;
  /** Answers every held request with this status (default 204, an empty answer) and clears the fault. */
  releaseHung(status?: number): void;
  stop(): Promise<void>;
}

const BASE_PATH = '/runner-cache/';
const TOKEN = 'fake-actions-runtime-token';

export async function startActionsCacheServer(options: ActionsCacheServerOptions = {}): Promise<ActionsCacheServer> {
  const entries = new CacheEntries(options.scope ?? 'refs/pull/1/merge', options.maxSizeBytes ?? 10 * 1024 ** 3);
  const requests: RecordedCacheRequest[] = [];
  const violations: string[] = [];
  const sockets = new Set<Socket>();
  const hung = new Map<ServerResponse, RecordedCacheRequest>();
  let fault: CacheFault | null = null;
  let origin = '';

  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const method = req.method ?? '';
        const match = matchRoute(method, url.pathname, BASE_PATH);
        const recorded: RecordedCacheRequest = {
          method,
          url: req.url ?? '',
          route: match?.route ?? null,
          headers: req.headers,
          bodyBytes: body.length,
          json: parseJson(body, req.headers),
          status: 0,
          faulted: false,
        };
        requests.push(recorded);
        const answer = (status: number, json?: unknown): void => {
          recorded.status = status;
          sendJson(res, status, json);
        };
        if (!match) {
          violations.push(`${method} ${recorded.url}: no such route`);
          answer(404, { message: `No route ${method} ${url.pathname}` });
          return;
        }
        const headerCheck = headerProblems(match.route, req.headers, TOKEN);
        if (headerCheck.problems.length > 0) {
          violations.push(...headerCheck.problems.map((problem) => `${method} ${recorded.url}: ${problem}`));
          answer(headerCheck.status, { message: headerCheck.problems.join('; ') });
          return;
        }
        if (fault && faultApplies(fault, match.route)) {
          recorded.faulted = true;
          if (fault.kind === 'hang') {
            hung.set(res, recorded);
            return;
          }
          if (fault.kind === 'status') {
            answer(fault.status, { message: `Injected failure ${String(fault.status)}` });
            return;
          }
        }
        const reply = handle(match, url, req.headers, body, recorded);
        if (reply.download) {
          recorded.status = reply.status;
          sendDownload(res, reply.download, method === 'HEAD', fault);
          return;
        }
        if (reply.status >= 400) violations.push(...(reply.violation ? [`${method} ${recorded.url}: ${reply.violation}`] : []));
        answer(reply.status, reply.json);
      })
      .catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { message: `cache server error: ${error instanceof Error ? error.message : String(error)}` });
      });
  });

  function handle(match: RouteMatch, url: URL, headers: IncomingHttpHeaders, body: Buffer, recorded: RecordedCacheRequest): Reply {
    switch (match.route) {
      case 'lookup': {
        const query = parseLookup(url.searchParams);
        if (typeof query === 'string') return invalid(query);
        const entry = entries.lookup(query.keys, query.version);
        return entry ? { status: 200, json: describeEntry(entry, true) } : { status: 204 };
      }
      case 'list': {
        const key = url.searchParams.get('key');
        if (!key) return invalid('listing without a key');
        const found = entries.listByKey(key);
        return { status: 200, json: { totalCount: found.length, artifactCaches: found.map((entry) => describeEntry(entry, false)) } };
      }
      case 'reserve': {
        const reserve = parseReserve(recorded.json);
        if (typeof reserve === 'string') return invalid(reserve);
        return fromAnswer(entries.reserve(reserve.key, reserve.version, reserve.cacheSize), (cacheId) => ({ status: 201, json: { cacheId } }));
      }
      case 'upload': {
        const range = parseContentRange(headers);
        if (typeof range === 'string') return invalid(range);
        return fromAnswer(entries.upload(match.id ?? 0, range.start, range.end, body), () => ({ status: 204 }));
      }
      case 'commit': {
        const size = parseCommit(recorded.json);
        if (typeof size === 'string') return invalid(size);
        return fromAnswer(entries.commit(match.id ?? 0, size), () => ({ status: 204 }));
      }
      case 'download': {
        const entry = entries.byId(match.id ?? 0);
        if (!entry?.archive) return { status: 404, json: { message: 'No such archive.' } };
        if (url.searchParams.get('sig') !== entry.downloadToken) return invalid('download URL without the entry\'s signature', 403);
        return { status: 200, download: entry.archive };
      }
    }
  }

  function describeEntry(entry: CacheEntry, withLocation: boolean): Record<string, unknown> {
    return {
      cacheKey: entry.key,
      cacheVersion: entry.version,
      scope: entry.scope,
      creationTime: entry.committedAt?.toISOString(),
      ...(withLocation ? { archiveLocation: `${origin}${DOWNLOAD_PATH}${String(entry.id)}?sig=${entry.downloadToken}` } : {}),
    };
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;

  return {
    origin,
    cacheUrl: `${origin}${BASE_PATH}`,
    token: TOKEN,
    entries,
    requests,
    violations,
    setFault(next) {
      fault = next;
    },
    hungCount() {
      return hung.size;
    },
    releaseHung(status = 204) {
      fault = null;
      for (const [res, recorded] of hung) {
        recorded.status = status;
        sendJson(res, status, status === 204 ? undefined : { message: `Released with ${String(status)}` });
      }
      hung.clear();
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      hung.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Reply {
  readonly status: number;
  readonly json?: unknown;
  readonly download?: Buffer;
  /** Set when the request broke the protocol (recorded as a violation). */
  readonly violation?: string;
}

function invalid(problem: string, status = 400): Reply {
  return { status, json: { message: problem }, violation: problem };
}

function fromAnswer<T>(answer: Answer<T>, ok: (value: T) => Reply): Reply {
  return answer.ok ? ok(answer.value) : { status: answer.status, json: { message: answer.message, typeName: 'ArtifactCacheException' } };
}

function faultApplies(fault: CacheFault, route: CacheRoute): boolean {
  if (fault.kind === 'truncate-download' || fault.kind === 'replace-download') return false;
  return !fault.routes || fault.routes.includes(route);
}

function sendDownload(res: ServerResponse, archive: Buffer, headOnly: boolean, fault: CacheFault | null): void {
  const body = fault?.kind === 'replace-download' ? fault.body : archive;
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
  if (headOnly) {
    res.end();
    return;
  }
  if (fault?.kind === 'truncate-download') {
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
    return;
  }
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, json?: unknown): void {
  if (json === undefined) {
    res.writeHead(status, { 'content-length': '0' });
    res.end();
    return;
  }
  const text = JSON.stringify(json);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(body: Buffer, headers: IncomingHttpHeaders): unknown {
  if (body.length === 0 || (headers['content-type'] ?? '').startsWith('application/octet-stream')) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
