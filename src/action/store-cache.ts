/**
 * Keeps the run store file between runs of one pull request with the Actions cache
 * (@actions/cache, passed in as `deps.cache`). Neither call ever fails the run: no cache service is
 * an info line; a failure is one warning line (either the cache library's own `Failed to restore:` /
 * `Failed to save:` line, which it prints for every failure it catches, or ours for what it lets
 * through: thrown errors and a call that outlives its deadline) and the run goes on without the
 * cache. Each call is bounded in time: after `deadlineMs` it is abandoned (the library has no way to
 * cancel) and its late work is confined to the transfer directory (store-cache-files.ts), which is
 * removed when that work ends; until then the same store is neither restored nor saved again.
 *
 * The restored file is data: the caller opens it with openRunStore, which checks the file and every
 * row. Here it is only checked to be a plain file with the SQLite header before it is renamed into
 * place, so a failed or partial restore never leaves anything at the store path.
 */
import { resolve } from 'node:path';
import type { DownloadOptions, UploadOptions } from '@actions/cache';
import {
  installRestored,
  notSqliteReason,
  pendingWalBytes,
  removeTransfer,
  somethingAt,
  stageForSave,
  transferPathFor,
  unusablePathReason,
} from './store-cache-files.js';
import type { StoreCacheKeys } from './store-cache-key.js';

export { storeCacheKeys, STORE_CACHE_KEY_BASE, type StoreCacheKeyFacts, type StoreCacheKeys } from './store-cache-key.js';
export { transferPathFor } from './store-cache-files.js';

/** The part of @actions/cache used here; pass the module itself (`import * as cache from '@actions/cache'`). */
export interface StoreCacheApi {
  isFeatureAvailable(): boolean;
  restoreCache(paths: string[], primaryKey: string, restoreKeys?: string[], options?: DownloadOptions, enableCrossOsArchive?: boolean): Promise<string | undefined>;
  saveCache(paths: string[], key: string, options?: UploadOptions, enableCrossOsArchive?: boolean): Promise<number>;
}

export interface StoreCacheDeps {
  readonly cache: StoreCacheApi;
  readonly warn: (line: string) => void;
  readonly info: (line: string) => void;
}

export interface RestoreRunStoreRequest {
  /** Where the store lives (e.g. `${RUNNER_TEMP}/testmaster/store.sqlite`); the same path on every run. */
  readonly storePath: string;
  readonly keys: StoreCacheKeys;
  /** Give up after this long (default 60 s). */
  readonly deadlineMs?: number;
}

export interface SaveRunStoreRequest {
  /** The closed store (RunStore.close() folds its write-ahead log into the file). */
  readonly storePath: string;
  readonly key: string;
  /** Give up after this long (default 120 s). */
  readonly deadlineMs?: number;
}

export const DEFAULT_RESTORE_DEADLINE_MS = 60_000;
export const DEFAULT_SAVE_DEADLINE_MS = 120_000;

const PREFIX = 'Run store cache:';

/** Abandoned calls still running in the background, by transfer path; removed when they end. */
const abandoned = new Map<string, Promise<void>>();

export async function restoreRunStore(request: RestoreRunStoreRequest, deps: StoreCacheDeps): Promise<{ restoredKey: string | null }> {
  const none = { restoredKey: null };
  const storePath = resolve(request.storePath);
  const deadlineMs = request.deadlineMs ?? DEFAULT_RESTORE_DEADLINE_MS;
  let ownsTransfer = false;
  try {
    const unusable = unusablePathReason(storePath);
    if (unusable) {
      deps.warn(`${PREFIX} not restored: ${unusable}; keep the store under a plain path`);
      return none;
    }
    if (!deps.cache.isFeatureAvailable()) {
      deps.info(`${PREFIX} no Actions cache service here (ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL is not set); starting without a saved run store`);
      return none;
    }
    if (somethingAt(storePath)) {
      deps.info(`${PREFIX} a run store is already at ${storePath}; keeping it and not restoring from the cache`);
      return none;
    }
    if (isBusy(storePath, deps, 'restored')) return none;
    ownsTransfer = true;
    removeTransfer(storePath);
    const options: DownloadOptions = { timeoutInMs: Math.min(30_000, deadlineMs), segmentTimeoutInMs: deadlineMs, lookupOnly: false };
    const work = Promise.resolve().then(() => deps.cache.restoreCache([transferPathFor(storePath)], request.keys.key, request.keys.restoreKeys, options));
    const outcome = await settleWithin(work, deadlineMs);
    if (outcome.kind === 'late') {
      ownsTransfer = false;
      abandon(storePath, work);
      deps.warn(`${PREFIX} the Actions cache did not finish restoring within ${seconds(deadlineMs)}; going on without the saved run store`);
      return none;
    }
    if (outcome.kind === 'failed') throw outcome.error;
    const restoredKey = outcome.value;
    if (restoredKey === undefined) {
      removeTransfer(storePath);
      const prefixes = request.keys.restoreKeys.join(', ') || request.keys.key;
      deps.info(`${PREFIX} no run store restored for ${prefixes} (none saved yet, or the cache said why above); starting a fresh one`);
      return none;
    }
    const problem = notSqliteReason(transferPathFor(storePath));
    if (problem) {
      removeTransfer(storePath);
      deps.warn(`${PREFIX} ignored the cache entry ${restoredKey}: its file is not a SQLite database (${problem}); starting a fresh run store`);
      return none;
    }
    const bytes = installRestored(storePath);
    deps.info(`${PREFIX} restored the run store from ${restoredKey} (${String(bytes)} bytes)`);
    return { restoredKey };
  } catch (error) {
    if (ownsTransfer) tidy(storePath);
    deps.warn(`${PREFIX} could not restore the run store (${oneLine(error)}); going on without it`);
    return none;
  }
}

export async function saveRunStore(request: SaveRunStoreRequest, deps: StoreCacheDeps): Promise<{ saved: boolean }> {
  const notSaved = { saved: false };
  const storePath = resolve(request.storePath);
  const deadlineMs = request.deadlineMs ?? DEFAULT_SAVE_DEADLINE_MS;
  let ownsTransfer = false;
  try {
    const unusable = unusablePathReason(storePath);
    if (unusable) {
      deps.warn(`${PREFIX} not saved: ${unusable}; keep the store under a plain path`);
      return notSaved;
    }
    if (!deps.cache.isFeatureAvailable()) {
      deps.info(`${PREFIX} no Actions cache service here (ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL is not set); the run store is not saved`);
      return notSaved;
    }
    if (!somethingAt(storePath)) {
      deps.info(`${PREFIX} no run store at ${storePath}; nothing to save`);
      return notSaved;
    }
    const problem = notSqliteReason(storePath);
    if (problem) {
      deps.warn(`${PREFIX} not saved: ${storePath} is not a SQLite database (${problem})`);
      return notSaved;
    }
    const walBytes = pendingWalBytes(storePath);
    if (walBytes > 0) {
      deps.warn(`${PREFIX} not saved: the run store ${storePath} is still open (${String(walBytes)} bytes in its -wal file not folded in); close the store before saving it`);
      return notSaved;
    }
    if (isBusy(storePath, deps, 'saved')) return notSaved;
    ownsTransfer = true;
    const transfer = stageForSave(storePath);
    const work = Promise.resolve().then(() => deps.cache.saveCache([transfer], request.key));
    const outcome = await settleWithin(work, deadlineMs);
    if (outcome.kind === 'late') {
      ownsTransfer = false;
      abandon(storePath, work);
      deps.warn(`${PREFIX} the Actions cache did not finish saving within ${seconds(deadlineMs)}; the run store is not saved`);
      return notSaved;
    }
    if (outcome.kind === 'failed') throw outcome.error;
    removeTransfer(storePath);
    if (outcome.value === -1) {
      deps.info(`${PREFIX} the run store was not saved under ${request.key} (the cache said why above)`);
      return notSaved;
    }
    deps.info(`${PREFIX} saved the run store under ${request.key}`);
    return { saved: true };
  } catch (error) {
    if (ownsTransfer) tidy(storePath);
    deps.warn(`${PREFIX} could not save the run store (${oneLine(error)})`);
    return notSaved;
  }
}

/**
 * Resolves when every call abandoned at its deadline has ended in the background (at once when there
 * is none). Such a call holds a socket, which keeps Node's event loop alive until the library's own
 * timeouts give up on it (minutes); an entry point that must not wait for that exits explicitly.
 */
export async function settleAbandonedCacheWork(): Promise<void> {
  await Promise.all([...abandoned.values()]);
}

type Outcome<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'failed'; readonly error: unknown } | { readonly kind: 'late' };

async function settleWithin<T>(work: Promise<T>, deadlineMs: number): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Outcome<T>>((done) => {
    timer = setTimeout(() => done({ kind: 'late' }), Math.max(0, deadlineMs));
  });
  const settled = work.then(
    (value): Outcome<T> => ({ kind: 'done', value }),
    (error: unknown): Outcome<T> => ({ kind: 'failed', error }),
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Lets the abandoned call run on; its leftovers go when it ends, and the store is left alone until then. */
function abandon(storePath: string, work: Promise<unknown>): void {
  const transfer = transferPathFor(storePath);
  const ended = work
    .then(
      () => undefined,
      () => undefined,
    )
    .then(() => tidy(storePath))
    .finally(() => abandoned.delete(transfer));
  abandoned.set(transfer, ended);
}

function isBusy(storePath: string, deps: StoreCacheDeps, what: 'restored' | 'saved'): boolean {
  if (!abandoned.has(transferPathFor(storePath))) return false;
  deps.warn(`${PREFIX} not ${what}: an earlier cache call for ${storePath} outlived its deadline and is still running`);
  return true;
}

/** Removes the transfer directory, never throwing (a cleanup failure must not hide the first problem). */
function tidy(storePath: string): void {
  try {
    removeTransfer(storePath);
  } catch {
    // Nothing more to do: the directory is TestMaster's own scratch space.
  }
}

function seconds(ms: number): string {
  return `${String(Math.round(ms / 100) / 10)} s`;
}

/** One line, URL query strings (signed archive URLs) left out. */
function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .replace(/\?\S*/g, '?…')
    .replace(/\s*\r?\n\s*/g, ' ')
    .trim()
    .slice(0, 300);
}
