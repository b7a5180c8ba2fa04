/**
 * The environment @actions/cache 6.3 reads (all from process.env, at call time), as a map for a
 * test to apply (e.g. with vi.stubEnv) and undo; `undefined` means "unset". What each one does:
 *
 * - ACTIONS_CACHE_URL: the v1 service base (must end in `/`); its presence is isFeatureAvailable().
 * - ACTIONS_RUNTIME_TOKEN: the bearer token on every service call.
 * - ACTIONS_CACHE_SERVICE_V2, ACTIONS_RESULTS_URL: set on github.com runners, they switch the library to
 *   the v2 (Twirp + Azure Blob) protocol, which this server does not speak: unset here.
 * - GITHUB_SERVER_URL: a non-github.com host means GHES, which forces v1 (unset: github.com).
 * - ACTIONS_CACHE_MODE: 'read' / 'write-only' / 'none' make the library skip restores or saves.
 * - GITHUB_WORKSPACE: tar entries are stored relative to it and extracted under it (default cwd).
 * - RUNNER_TEMP: where the library puts its archive during a save or restore.
 * - RUNNER_DEBUG: '1' adds a `tar -t` listing and, after a miss, a listing request.
 * - CACHE_UPLOAD_CHUNK_SIZE (MiB), CACHE_UPLOAD_CONCURRENCY, SEGMENT_DOWNLOAD_TIMEOUT_MINS: overrides.
 */

export const ACTIONS_CACHE_ENV_NAMES = [
  'ACTIONS_CACHE_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_MODE',
  'GITHUB_SERVER_URL',
  'GITHUB_WORKSPACE',
  'RUNNER_TEMP',
  'RUNNER_DEBUG',
  'CACHE_UPLOAD_CHUNK_SIZE',
  'CACHE_UPLOAD_CONCURRENCY',
  'SEGMENT_DOWNLOAD_TIMEOUT_MINS',
] as const;

export type ActionsCacheEnvName = (typeof ACTIONS_CACHE_ENV_NAMES)[number];

export interface ActionsCacheDirs {
  /** GITHUB_WORKSPACE */
  readonly workspace: string;
  /** RUNNER_TEMP */
  readonly runnerTemp: string;
}

export interface ActionsCacheEnvOptions {
  /** CACHE_UPLOAD_CHUNK_SIZE in MiB (whole; default: the library's 32), to make a save upload several chunks. */
  readonly uploadChunkMiB?: number;
  /** RUNNER_DEBUG=1 */
  readonly debug?: boolean;
  /** ACTIONS_CACHE_MODE */
  readonly cacheMode?: 'read' | 'write' | 'write-only' | 'none';
}

/** Everything the library needs to use the local server at `service` (its cacheUrl and token). */
export function actionsCacheEnv(
  service: { readonly cacheUrl: string; readonly token: string },
  dirs: ActionsCacheDirs,
  options: ActionsCacheEnvOptions = {},
): Record<ActionsCacheEnvName, string | undefined> {
  return {
    ...noActionsCacheEnv(dirs),
    ACTIONS_CACHE_URL: service.cacheUrl,
    ACTIONS_RUNTIME_TOKEN: service.token,
    ACTIONS_CACHE_MODE: options.cacheMode,
    RUNNER_DEBUG: options.debug ? '1' : undefined,
    CACHE_UPLOAD_CHUNK_SIZE: options.uploadChunkMiB === undefined ? undefined : String(options.uploadChunkMiB),
  };
}

/** A runner without a cache service: every cache variable unset, the directories set. */
export function noActionsCacheEnv(dirs: ActionsCacheDirs): Record<ActionsCacheEnvName, string | undefined> {
  return {
    ACTIONS_CACHE_URL: undefined,
    ACTIONS_RUNTIME_TOKEN: undefined,
    ACTIONS_CACHE_SERVICE_V2: undefined,
    ACTIONS_RESULTS_URL: undefined,
    ACTIONS_CACHE_MODE: undefined,
    GITHUB_SERVER_URL: undefined,
    GITHUB_WORKSPACE: dirs.workspace,
    RUNNER_TEMP: dirs.runnerTemp,
    RUNNER_DEBUG: undefined,
    CACHE_UPLOAD_CHUNK_SIZE: undefined,
    CACHE_UPLOAD_CONCURRENCY: undefined,
    SEGMENT_DOWNLOAD_TIMEOUT_MINS: undefined,
  };
}
