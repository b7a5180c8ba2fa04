/**
 * The Actions cache keys of a pull request's run store (pure). Cache entries are immutable, so each
 * run attempt saves under its own key, `testmaster-store-v1-pr<N>-<runId>-<attempt>`, and a run
 * restores the newest entry of its pull request by the prefix `testmaster-store-v1-pr<N>-` (the cache
 * service answers a prefix with its most recent match). No branch name goes into a key: branch names
 * may hold anything, and the cache service already scopes entries to the branch.
 */
import { ConfigurationError } from '../errors/errors.js';

/** Bumped when the cached file's meaning changes, so old entries stop matching. */
export const STORE_CACHE_KEY_BASE = 'testmaster-store-v1';

export interface StoreCacheKeyFacts {
  readonly prNumber: number;
  /** GITHUB_RUN_ID */
  readonly runId: string;
  /** GITHUB_RUN_ATTEMPT */
  readonly runAttempt: string;
}

export interface StoreCacheKeys {
  /** This run attempt's key: what a save writes (and an exact restore would hit). */
  readonly key: string;
  /** Prefixes tried in order after `key`; the newest entry matching one wins. */
  readonly restoreKeys: string[];
}

export function storeCacheKeys(facts: StoreCacheKeyFacts): StoreCacheKeys {
  if (!Number.isSafeInteger(facts.prNumber) || facts.prNumber <= 0) {
    throw new ConfigurationError(`cannot name the run store's cache entry: pull request number ${String(facts.prNumber)} is not a positive whole number; pass the pull request's number`);
  }
  const prefix = `${STORE_CACHE_KEY_BASE}-pr${String(facts.prNumber)}-`;
  return { key: `${prefix}${keyPart(facts.runId)}-${keyPart(facts.runAttempt)}`, restoreKeys: [prefix] };
}

/**
 * Run ids and attempts are digits on a runner; anything else (or nothing) is made safe so the key
 * keeps its shape: no `-` (the separator), no `,` (the cache's key list separator), bounded length.
 */
function keyPart(value: string): string {
  const safe = value.trim().replace(/[^A-Za-z0-9_.]/g, '_').slice(0, 64);
  return safe === '' ? 'unknown' : safe;
}
