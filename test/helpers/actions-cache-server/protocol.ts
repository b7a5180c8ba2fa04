/**
 * The legacy (v1) Actions cache REST protocol as @actions/cache 6.3 speaks it when ACTIONS_CACHE_URL
 * is set and ACTIONS_CACHE_SERVICE_V2 is not (lib/internal/cacheHttpClient.js): which route a request
 * is, and what is wrong with it. Every API call carries `Authorization: Bearer <ACTIONS_RUNTIME_TOKEN>`
 * and `Accept: application/json;api-version=6.0-preview.1`; the archive download goes to the
 * entry's archiveLocation with neither.
 *
 *   GET   <base>_apis/artifactcache/cache?keys=<k1,k2,..>&version=<sha256>  lookup: 200 entry | 204 miss
 *   GET   <base>_apis/artifactcache/caches?key=<k>                         listing (debug runs, after a miss)
 *   POST  <base>_apis/artifactcache/caches      {key, version, cacheSize}    reserve: 201 {cacheId}
 *   PATCH <base>_apis/artifactcache/caches/<id> Content-Range: bytes s-e/*   one chunk (any order, in parallel)
 *   POST  <base>_apis/artifactcache/caches/<id> {size}                       commit
 *   GET   <archiveLocation>                                                  the archive (tar + zstd or gzip)
 */
import type { IncomingHttpHeaders } from 'node:http';

export type CacheRoute = 'lookup' | 'list' | 'reserve' | 'upload' | 'commit' | 'download';

export interface RouteMatch {
  readonly route: CacheRoute;
  /** The cache id in the path (upload, commit, download). */
  readonly id: number | null;
}

export const API_VERSION = '6.0-preview.1';
export const DOWNLOAD_PATH = '/_archives/';

const HEX64 = /^[0-9a-f]{64}$/;
const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/\*$/;

export function matchRoute(method: string, pathname: string, basePath: string): RouteMatch | null {
  if (pathname.startsWith(DOWNLOAD_PATH) && (method === 'GET' || method === 'HEAD')) {
    const id = Number(pathname.slice(DOWNLOAD_PATH.length));
    return Number.isSafeInteger(id) ? { route: 'download', id } : null;
  }
  const api = `${basePath}_apis/artifactcache/`;
  if (!pathname.startsWith(api)) return null;
  const rest = pathname.slice(api.length);
  if (rest === 'cache' && method === 'GET') return { route: 'lookup', id: null };
  if (rest === 'caches' && method === 'GET') return { route: 'list', id: null };
  if (rest === 'caches' && method === 'POST') return { route: 'reserve', id: null };
  const idMatch = /^caches\/(\d+)$/.exec(rest);
  if (idMatch) {
    const id = Number(idMatch[1]);
    if (method === 'PATCH') return { route: 'upload', id };
    if (method === 'POST') return { route: 'commit', id };
  }
  return null;
}

/** What is wrong with an API request's headers (not the download's): missing or wrong token, no api-version. */
export function headerProblems(route: CacheRoute, headers: IncomingHttpHeaders, token: string): { status: number; problems: string[] } {
  if (route === 'download') return { status: 200, problems: [] };
  if (headers.authorization !== `Bearer ${token}`) return { status: 401, problems: ['Authorization is not "Bearer <ACTIONS_RUNTIME_TOKEN>"'] };
  const problems: string[] = [];
  if (!(headers.accept ?? '').includes(`api-version=${API_VERSION}`)) problems.push(`Accept does not ask for api-version=${API_VERSION}`);
  return { status: problems.length > 0 ? 400 : 200, problems };
}

export interface LookupQuery {
  readonly keys: string[];
  readonly version: string;
}

export function parseLookup(query: URLSearchParams): LookupQuery | string {
  const names = [...query.keys()].sort().join(',');
  if (names !== 'keys,version') return `lookup query parameters are ${names || 'none'}, expected keys and version`;
  const keys = (query.get('keys') ?? '').split(',');
  const version = query.get('version') ?? '';
  if (keys.length > 10) return `${String(keys.length)} keys, at most 10`;
  const bad = keys.find((key) => key === '' || key.length > 512);
  if (bad !== undefined) return `key ${JSON.stringify(bad.slice(0, 40))} is empty or longer than 512 characters`;
  if (!HEX64.test(version)) return `version ${JSON.stringify(version)} is not a sha256 hex digest`;
  return { keys, version };
}

export interface ReserveBody {
  readonly key: string;
  readonly version: string;
  readonly cacheSize: number | null;
}

export function parseReserve(body: unknown): ReserveBody | string {
  if (!isObject(body)) return 'reserve body is not a JSON object';
  const extra = Object.keys(body).filter((name) => !['key', 'version', 'cacheSize'].includes(name));
  if (extra.length > 0) return `reserve body has unknown properties ${extra.join(', ')}`;
  const { key, version, cacheSize } = body;
  if (typeof key !== 'string' || key === '' || key.length > 512 || key.includes(',')) return 'reserve key is not a non-empty string of at most 512 characters without commas';
  if (typeof version !== 'string' || !HEX64.test(version)) return 'reserve version is not a sha256 hex digest';
  if (cacheSize !== undefined && (typeof cacheSize !== 'number' || !Number.isSafeInteger(cacheSize) || cacheSize < 0)) return 'reserve cacheSize is not a whole number of bytes';
  return { key, version, cacheSize: typeof cacheSize === 'number' ? cacheSize : null };
}

export function parseContentRange(headers: IncomingHttpHeaders): { start: number; end: number } | string {
  if (headers['content-type'] !== 'application/octet-stream') return `upload Content-Type is ${String(headers['content-type'])}, expected application/octet-stream`;
  const match = CONTENT_RANGE.exec(headers['content-range'] ?? '');
  if (!match) return `upload Content-Range ${JSON.stringify(headers['content-range'] ?? '')} is not "bytes <start>-<end>/*"`;
  return { start: Number(match[1]), end: Number(match[2]) };
}

export function parseCommit(body: unknown): number | string {
  if (!isObject(body)) return 'commit body is not a JSON object';
  const names = Object.keys(body).join(',');
  if (names !== 'size') return `commit body has properties ${names || 'none'}, expected size`;
  const { size } = body;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return 'commit size is not a whole number of bytes';
  return size;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
