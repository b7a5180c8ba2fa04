/**
 * The run store through the Actions cache: the real @actions/cache (tar, zstd or gzip, HTTP) against
 * the local v1 cache server, real run store files in temporary runner directories. The library reads
 * process.env at call time, so each test sets its variables with vi.stubEnv and they are undone after
 * it. The library prints its own lines (`::warning::...`) on stdout; they are captured so a test can
 * count every warning a job log would show, ours and the library's.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as cache from '@actions/cache';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  restoreRunStore,
  saveRunStore,
  settleAbandonedCacheWork,
  storeCacheKeys,
  transferPathFor,
  type StoreCacheDeps,
} from '../../../src/action/store-cache.js';
import { ConfigurationError } from '../../../src/errors/errors.js';
import { openRunStore } from '../../../src/store/open-run-store.js';
import type { NewRun } from '../../../src/store/run-record.js';
import {
  actionsCacheEnv,
  noActionsCacheEnv,
  startActionsCacheServer,
  type ActionsCacheDirs,
  type ActionsCacheEnvOptions,
  type ActionsCacheServer,
} from '../../helpers/actions-cache-server/index.js';

const PR = 7;
const keysFor = (runId: number, prNumber = PR) => storeCacheKeys({ prNumber, runId: String(runId), runAttempt: '1' });

describe('storeCacheKeys', () => {
  it('names each run attempt and restores by the pull request prefix', () => {
    expect(storeCacheKeys({ prNumber: 42, runId: '9876543210', runAttempt: '2' })).toEqual({
      key: 'testmaster-store-v1-pr42-9876543210-2',
      restoreKeys: ['testmaster-store-v1-pr42-'],
    });
  });

  it('keeps the key shape whatever the run facts hold', () => {
    const { key, restoreKeys } = storeCacheKeys({ prNumber: 3, runId: 'a,b-c d', runAttempt: '' });
    expect(key).toBe('testmaster-store-v1-pr3-a_b_c_d-unknown');
    expect(key.startsWith(restoreKeys[0]!)).toBe(true);
  });

  it('refuses a pull request number that is not a positive whole number', () => {
    expect(() => storeCacheKeys({ prNumber: 0, runId: '1', runAttempt: '1' })).toThrow(ConfigurationError);
    expect(() => storeCacheKeys({ prNumber: 1.5, runId: '1', runAttempt: '1' })).toThrow(/positive whole number/);
  });
});

describe('restoreRunStore and saveRunStore with the Actions cache', () => {
  let root: string;
  let dirs: ActionsCacheDirs;
  let storePath: string;
  let server: ActionsCacheServer;
  let stdout: string[];
  let warnings: string[];
  let infos: string[];

  const deps: StoreCacheDeps = {
    cache,
    warn: (line) => warnings.push(line),
    info: (line) => infos.push(line),
  };

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'testmaster-store-cache-'));
    dirs = { workspace: join(root, 'work', 'repo', 'repo'), runnerTemp: join(root, 'work', '_temp') };
    mkdirSync(dirs.workspace, { recursive: true });
    mkdirSync(dirs.runnerTemp, { recursive: true });
    storePath = join(dirs.runnerTemp, 'testmaster', 'store.sqlite');
    server = await startActionsCacheServer();
    stdout = [];
    warnings = [];
    infos = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    }) as typeof process.stdout.write);
    useEnv(actionsCacheEnv(server, dirs));
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    await server.stop();
    await settleAbandonedCacheWork();
    rmSync(root, { recursive: true, force: true });
  });

  function useEnv(vars: Record<string, string | undefined>): void {
    for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  }

  function useServerEnv(options: ActionsCacheEnvOptions): void {
    useEnv(actionsCacheEnv(server, dirs, options));
  }

  /** The cache library's own warning and error lines (workflow commands on stdout). */
  function libraryWarnings(): string[] {
    return stdout.flatMap((chunk) => chunk.split('\n')).filter((line) => line.startsWith('::warning::') || line.startsWith('::error::'));
  }

  /** Every warning a job log would show for the call: ours and the library's. */
  function allWarnings(): string[] {
    return [...warnings, ...libraryWarnings()];
  }

  function resetLog(): void {
    stdout.length = 0;
    warnings.length = 0;
    infos.length = 0;
  }

  /** A real, closed run store at `path` with one run labelled `label`; returns the run id. */
  function writeStore(path: string, label: string): string {
    const store = openRunStore(path, { onCorrupt: 'throw' });
    const run: NewRun = { repoDir: '/repo', base: 'a'.repeat(40), head: 'b'.repeat(40), configFingerprint: label, provider: 'offline', model: null };
    const id = store.createRun(run).id;
    store.close();
    return id;
  }

  /** A fresh runner: nothing of the store's directory left. */
  function freshStoreDirectory(): void {
    rmSync(dirname(storePath), { recursive: true, force: true });
  }

  function expectNothingLeft(): void {
    expect(existsSync(storePath)).toBe(false);
    expect(existsSync(dirname(transferPathFor(storePath)))).toBe(false);
  }

  it('saves the closed store and restores the same bytes on a fresh runner, which the store opens', async () => {
    const runId = writeStore(storePath, 'first');
    const bytes = readFileSync(storePath);
    const saveKeys = keysFor(100);

    expect(await saveRunStore({ storePath, key: saveKeys.key }, deps)).toEqual({ saved: true });
    expect(server.entries.committed().map((entry) => entry.key)).toEqual([saveKeys.key]);
    expect(server.requests.map((request) => request.route)).toEqual(['reserve', 'upload', 'commit']);
    expect(existsSync(dirname(transferPathFor(storePath)))).toBe(false);

    freshStoreDirectory();
    expect(await restoreRunStore({ storePath, keys: keysFor(101) }, deps)).toEqual({ restoredKey: saveKeys.key });
    expect(readFileSync(storePath).equals(bytes)).toBe(true);
    expect(existsSync(dirname(transferPathFor(storePath)))).toBe(false);
    const lookup = server.requests.find((request) => request.route === 'lookup');
    expect(new URL(lookup!.url, server.origin).searchParams.get('keys')).toBe(`${keysFor(101).key},testmaster-store-v1-pr7-`);

    const reopened = openRunStore(storePath, { onCorrupt: 'throw' });
    expect(reopened.getRun(runId)?.configFingerprint).toBe('first');
    reopened.close();
    expect(allWarnings()).toEqual([]);
    expect(server.violations).toEqual([]);
    expect(infos.at(-1)).toMatch(/^Run store cache: restored the run store from testmaster-store-v1-pr7-100-1 \(\d+ bytes\)$/);
  });

  it('uploads a large store in chunks and gets every byte back', async () => {
    useServerEnv({ uploadChunkMiB: 1 });
    mkdirSync(dirname(storePath), { recursive: true });
    const bytes = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), randomBytes(3 * 1024 * 1024)]);
    writeFileSync(storePath, bytes);

    expect(await saveRunStore({ storePath, key: keysFor(100).key }, deps)).toEqual({ saved: true });
    const uploads = server.requests.filter((request) => request.route === 'upload');
    expect(uploads.length).toBeGreaterThanOrEqual(4);
    expect(new Set(uploads.map((request) => request.headers['content-range'])).size).toBe(uploads.length);

    freshStoreDirectory();
    expect((await restoreRunStore({ storePath, keys: keysFor(101) }, deps)).restoredKey).toBe(keysFor(100).key);
    expect(readFileSync(storePath).equals(bytes)).toBe(true);
    expect(server.violations).toEqual([]);
  });

  it('restores the newest save of the same pull request by prefix, never another pull request', async () => {
    writeStore(storePath, 'older');
    expect((await saveRunStore({ storePath, key: keysFor(100).key }, deps)).saved).toBe(true);
    freshStoreDirectory();
    writeStore(storePath, 'newer');
    const newer = readFileSync(storePath);
    expect((await saveRunStore({ storePath, key: keysFor(101).key }, deps)).saved).toBe(true);
    freshStoreDirectory();
    writeStore(storePath, 'pull request 70');
    expect((await saveRunStore({ storePath, key: keysFor(102, 70).key }, deps)).saved).toBe(true);

    freshStoreDirectory();
    expect(await restoreRunStore({ storePath, keys: keysFor(103) }, deps)).toEqual({ restoredKey: keysFor(101).key });
    expect(readFileSync(storePath).equals(newer)).toBe(true);
    expect(allWarnings()).toEqual([]);
  });

  it('finds nothing saved from another store path (the version differs), and lists the key when debugging', async () => {
    writeStore(storePath, 'here');
    expect((await saveRunStore({ storePath, key: keysFor(100).key }, deps)).saved).toBe(true);
    useServerEnv({ debug: true });
    const elsewhere = join(dirs.runnerTemp, 'elsewhere', 'store.sqlite');

    expect(await restoreRunStore({ storePath: elsewhere, keys: keysFor(100) }, deps)).toEqual({ restoredKey: null });
    const lookup = server.requests.find((request) => request.route === 'lookup');
    const reserve = server.requests.find((request) => request.route === 'reserve');
    expect(new URL(lookup!.url, server.origin).searchParams.get('version')).not.toBe((reserve!.json as { version: string }).version);
    expect(server.requests.at(-1)?.route).toBe('list');
    expect(existsSync(elsewhere)).toBe(false);
    expect(infos.at(-1)).toMatch(/no run store restored for testmaster-store-v1-pr7-/);
    expect(allWarnings()).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it('without a cache service says so in one info line and does nothing else', async () => {
    useEnv(noActionsCacheEnv(dirs));
    expect(await restoreRunStore({ storePath, keys: keysFor(100) }, deps)).toEqual({ restoredKey: null });
    writeStore(storePath, 'local');
    expect(await saveRunStore({ storePath, key: keysFor(100).key }, deps)).toEqual({ saved: false });

    expect(infos).toHaveLength(2);
    expect(infos.every((line) => line.includes('no Actions cache service here'))).toBe(true);
    expect(allWarnings()).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it('a failing service (500 on every request): the restore warns once and leaves nothing', async () => {
    server.setFault({ kind: 'status', status: 500 });
    expect(await restoreRunStore({ storePath, keys: keysFor(100) }, deps)).toEqual({ restoredKey: null });
    expect(allWarnings()).toHaveLength(1);
    expect(allWarnings()[0]).toMatch(/Failed to restore: .*500/);
    expect(server.requests.length).toBeGreaterThan(0);
    expectNothingLeft();
  });

  it('a failing service (500 on every request): the save warns once and reports not saved', async () => {
    server.setFault({ kind: 'status', status: 500 });
    writeStore(storePath, 'kept locally');
    expect(await saveRunStore({ storePath, key: keysFor(100).key }, deps)).toEqual({ saved: false });
    expect(allWarnings()).toHaveLength(1);
    expect(allWarnings()[0]).toMatch(/Failed to save: .*500/);
    expect(server.entries.committed()).toEqual([]);
    expect(existsSync(storePath)).toBe(true);
    expect(existsSync(dirname(transferPathFor(storePath)))).toBe(false);
  });

  it('a hanging service: the restore gives up at its deadline with one warning, and its late end leaves nothing', async () => {
    server.setFault({ kind: 'hang' });
    expect(await restoreRunStore({ storePath, keys: keysFor(100), deadlineMs: 1_000 }, deps)).toEqual({ restoredKey: null });
    expect(server.hungCount()).toBe(1);
    expect(allWarnings()).toEqual(['Run store cache: the Actions cache did not finish restoring within 1 s; going on without the saved run store']);
    expectNothingLeft();

    resetLog();
    expect(await restoreRunStore({ storePath, keys: keysFor(100), deadlineMs: 1_000 }, deps)).toEqual({ restoredKey: null });
    expect(warnings).toEqual([expect.stringContaining('is still running')]);
    expect(server.hungCount()).toBe(1);

    server.releaseHung();
    await settleAbandonedCacheWork();
    expectNothingLeft();
    resetLog();
    expect(await restoreRunStore({ storePath, keys: keysFor(100), deadlineMs: 1_000 }, deps)).toEqual({ restoredKey: null });
    expect(allWarnings()).toEqual([]);
  });

  it('a hanging service: the save gives up at its deadline with one warning and keeps the store', async () => {
    server.setFault({ kind: 'hang', routes: ['reserve'] });
    writeStore(storePath, 'kept locally');
    const bytes = readFileSync(storePath);
    expect(await saveRunStore({ storePath, key: keysFor(100).key, deadlineMs: 1_000 }, deps)).toEqual({ saved: false });
    expect(allWarnings()).toEqual(['Run store cache: the Actions cache did not finish saving within 1 s; the run store is not saved']);
    expect(readFileSync(storePath).equals(bytes)).toBe(true);

    server.releaseHung();
    await settleAbandonedCacheWork();
    expect(existsSync(dirname(transferPathFor(storePath)))).toBe(false);
    expect(server.entries.committed()).toEqual([]);
  });

  it('a download cut short: one warning, nothing half-written', async () => {
    writeStore(storePath, 'whole');
    expect((await saveRunStore({ storePath, key: keysFor(100).key }, deps)).saved).toBe(true);
    freshStoreDirectory();
    server.setFault({ kind: 'truncate-download' });

    expect(await restoreRunStore({ storePath, keys: keysFor(101) }, deps)).toEqual({ restoredKey: null });
    expect(allWarnings()).toHaveLength(1);
    expectNothingLeft();
  });

  it('an archive that does not unpack: one warning, nothing half-written', async () => {
    writeStore(storePath, 'whole');
    expect((await saveRunStore({ storePath, key: keysFor(100).key }, deps)).saved).toBe(true);
    freshStoreDirectory();
    server.setFault({ kind: 'replace-download', body: randomBytes(4096) });

    expect(await restoreRunStore({ storePath, keys: keysFor(101) }, deps)).toEqual({ restoredKey: null });
    expect(allWarnings()).toHaveLength(1);
    expect(allWarnings()[0]).toMatch(/Failed to restore/);
    expectNothingLeft();
  });

  it('an archive that ends part way through the file: what tar wrote is removed, nothing reaches the store path', async () => {
    mkdirSync(dirname(storePath), { recursive: true });
    writeFileSync(storePath, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), randomBytes(1024 * 1024)]));
    expect((await saveRunStore({ storePath, key: keysFor(100).key }, deps)).saved).toBe(true);
    const archive = server.entries.committed()[0]!.archive!;
    freshStoreDirectory();
    server.setFault({ kind: 'replace-download', body: archive.subarray(0, Math.floor(archive.length / 2)) });

    expect(await restoreRunStore({ storePath, keys: keysFor(101) }, deps)).toEqual({ restoredKey: null });
    expect(allWarnings()).toHaveLength(1);
    expectNothingLeft();
  });

  it('a cache entry whose file is not SQLite is ignored with one warning and never reaches the store path', async () => {
    const transfer = transferPathFor(storePath);
    mkdirSync(dirname(transfer), { recursive: true });
    writeFileSync(transfer, 'not a database, whatever it claims');
    expect(await cache.saveCache([transfer], keysFor(100).key)).toBeGreaterThan(0);
    freshStoreDirectory();
    resetLog();

    expect(await restoreRunStore({ storePath, keys: keysFor(101) }, deps)).toEqual({ restoredKey: null });
    expect(allWarnings()).toEqual([
      'Run store cache: ignored the cache entry testmaster-store-v1-pr7-100-1: its file is not a SQLite database (it does not start with the SQLite header); starting a fresh run store',
    ]);
    expectNothingLeft();
  });

  it('keeps a store already at the path and does not ask the cache', async () => {
    writeStore(storePath, 'local');
    const bytes = readFileSync(storePath);
    expect(await restoreRunStore({ storePath, keys: keysFor(100) }, deps)).toEqual({ restoredKey: null });
    expect(infos).toEqual([expect.stringContaining('a run store is already at')]);
    expect(readFileSync(storePath).equals(bytes)).toBe(true);
    expect(server.requests).toEqual([]);
  });

  it('skips the save when there is no store file', async () => {
    expect(await saveRunStore({ storePath, key: keysFor(100).key }, deps)).toEqual({ saved: false });
    expect(infos).toEqual([`Run store cache: no run store at ${storePath}; nothing to save`]);
    expect(allWarnings()).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it('refuses to save a store that is still open, then saves it once closed', async () => {
    const store = openRunStore(storePath, { onCorrupt: 'throw' });
    store.createRun({ repoDir: '/repo', base: 'a'.repeat(40), head: 'b'.repeat(40), configFingerprint: 'open', provider: 'offline', model: null });
    expect(await saveRunStore({ storePath, key: keysFor(100).key }, deps)).toEqual({ saved: false });
    expect(warnings).toEqual([expect.stringContaining('is still open')]);
    expect(server.requests).toEqual([]);

    store.close();
    expect(await saveRunStore({ storePath, key: keysFor(100).key }, deps)).toEqual({ saved: true });
  });

  it('a second save under the same key is refused by the service and reported, not thrown', async () => {
    writeStore(storePath, 'once');
    expect((await saveRunStore({ storePath, key: keysFor(100).key }, deps)).saved).toBe(true);
    resetLog();

    expect(await saveRunStore({ storePath, key: keysFor(100).key }, deps)).toEqual({ saved: false });
    const reserve = server.requests.filter((request) => request.route === 'reserve').at(-1);
    expect(reserve?.status).toBe(409);
    expect(stdout.join('')).toContain('another job may be creating this cache');
    expect(infos).toEqual(['Run store cache: the run store was not saved under testmaster-store-v1-pr7-100-1 (the cache said why above)']);
    expect(server.entries.committed()).toHaveLength(1);
  });
});
