/**
 * The `cache_entries` table: a module's validated generation by cache key (see cache-entry.ts),
 * re-validated on every read. A row that fails (not JSON, fails its schema, a file whose content no
 * longer matches its sha256, a value whose key inputs give another key) is deleted and reported as
 * the reason of a miss; it never reaches the caller.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { cacheEntrySchema, cacheKeyOf, type CacheEntry } from './cache-entry.js';
import { decodeJson, encodeJson } from './json-column.js';
import { isStoreError } from './store-error.js';

export type CacheRead = { readonly kind: 'hit'; readonly entry: CacheEntry } | { readonly kind: 'miss' } | { readonly kind: 'invalid'; readonly reason: string };

/** A cache row by key (primary key). */
export const CACHE_GET_SQL = 'SELECT module, value FROM cache_entries WHERE key = ?';

export class CacheTable {
  readonly #get: StatementSync;
  readonly #put: StatementSync;
  readonly #touch: StatementSync;
  readonly #delete: StatementSync;
  readonly #prune: StatementSync;

  constructor(db: DatabaseSync) {
    this.#get = db.prepare(CACHE_GET_SQL);
    this.#put = db.prepare(
      'INSERT INTO cache_entries (key, module, value, created_at, used_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET module = excluded.module, value = excluded.value, created_at = excluded.created_at, used_at = excluded.used_at',
    );
    this.#touch = db.prepare('UPDATE cache_entries SET used_at = ? WHERE key = ?');
    this.#delete = db.prepare('DELETE FROM cache_entries WHERE key = ?');
    this.#prune = db.prepare('DELETE FROM cache_entries WHERE used_at < ?');
  }

  /** Reads and re-validates; an invalid row is deleted. */
  read(key: string, nowMs: number): CacheRead {
    const row = this.#get.get(key);
    if (row === undefined) return { kind: 'miss' };
    try {
      const entry = decodeJson(cacheEntrySchema, row.value, `cache entry ${key.slice(0, 12)}`);
      if (cacheKeyOf(entry.keyParts) !== key) return this.#drop(key, `cache entry ${key.slice(0, 12)} was stored under another key than its inputs give`);
      if (entry.value.module !== row.module) return this.#drop(key, `cache entry ${key.slice(0, 12)} names module ${entry.value.module} but its row says ${String(row.module)}`);
      this.#touch.run(nowMs, key);
      return { kind: 'hit', entry };
    } catch (error) {
      if (!isStoreError(error)) throw error;
      return this.#drop(key, error.message);
    }
  }

  write(entry: CacheEntry, nowMs: number): string {
    const json = encodeJson(cacheEntrySchema, entry, 'cache entry');
    const key = cacheKeyOf(entry.keyParts);
    this.#put.run(key, entry.value.module, json, nowMs, nowMs);
    return key;
  }

  /** Deletes entries not used since `usedBeforeMs`; returns how many. */
  prune(usedBeforeMs: number): number {
    return Number(this.#prune.run(usedBeforeMs).changes);
  }

  #drop(key: string, reason: string): CacheRead {
    this.#delete.run(key);
    return { kind: 'invalid', reason };
  }
}
