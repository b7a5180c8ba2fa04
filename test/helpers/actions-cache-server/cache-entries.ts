/**
 * The cache service's state for the local Actions cache server, in memory: entries reserved by key
 * and version, their uploaded chunks (byte ranges, in any order), the commit that checks the chunks
 * cover exactly the committed size and makes the entry visible, and the lookup the restore uses: for
 * each key in order, an exact key match, else the newest entry whose key starts with it, always of
 * the same version (the hash of the cached paths and the compression). Newest is by commit order.
 */
import { randomBytes } from 'node:crypto';

export interface CacheEntry {
  readonly id: number;
  readonly key: string;
  readonly version: string;
  readonly scope: string;
  /** The size announced at reservation, if any. */
  readonly reservedSize: number | null;
  readonly chunks: Array<{ readonly start: number; readonly data: Buffer }>;
  /** Set by the commit; only committed entries are found. */
  archive: Buffer | null;
  /** Commit order (higher is newer) and time. */
  committedSeq: number;
  committedAt: Date | null;
  /** The secret in the entry's download URL. */
  readonly downloadToken: string;
}

export type Answer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: number; readonly message: string };

export class CacheEntries {
  readonly #entries: CacheEntry[] = [];
  readonly #scope: string;
  readonly #maxSizeBytes: number;
  #nextId = 1;
  #commits = 0;

  constructor(scope: string, maxSizeBytes: number) {
    this.#scope = scope;
    this.#maxSizeBytes = maxSizeBytes;
  }

  all(): readonly CacheEntry[] {
    return this.#entries;
  }

  committed(): CacheEntry[] {
    return this.#entries.filter((entry) => entry.archive !== null);
  }

  byId(id: number): CacheEntry | undefined {
    return this.#entries.find((entry) => entry.id === id);
  }

  reserve(key: string, version: string, cacheSize: number | null): Answer<number> {
    if (cacheSize !== null && cacheSize > this.#maxSizeBytes) {
      return { ok: false, status: 400, message: `Cache size of ${String(cacheSize)} bytes is over the limit of ${String(this.#maxSizeBytes)} bytes.` };
    }
    if (this.#entries.some((entry) => entry.key === key && entry.version === version)) {
      return { ok: false, status: 409, message: `Cache already exists. Scope: ${this.#scope}, Key: ${key}, Version: ${version}` };
    }
    const entry: CacheEntry = {
      id: this.#nextId++,
      key,
      version,
      scope: this.#scope,
      reservedSize: cacheSize,
      chunks: [],
      archive: null,
      committedSeq: 0,
      committedAt: null,
      downloadToken: randomBytes(12).toString('hex'),
    };
    this.#entries.push(entry);
    return { ok: true, value: entry.id };
  }

  upload(id: number, start: number, end: number, data: Buffer): Answer<null> {
    const entry = this.byId(id);
    if (!entry) return { ok: false, status: 404, message: `No reserved cache with id ${String(id)}.` };
    if (entry.archive !== null) return { ok: false, status: 400, message: `Cache ${String(id)} is already committed.` };
    if (end < start || data.length !== end - start + 1) {
      return { ok: false, status: 400, message: `Content-Range bytes ${String(start)}-${String(end)} does not match the ${String(data.length)} bytes sent.` };
    }
    entry.chunks.push({ start, data });
    return { ok: true, value: null };
  }

  commit(id: number, size: number): Answer<null> {
    const entry = this.byId(id);
    if (!entry) return { ok: false, status: 404, message: `No reserved cache with id ${String(id)}.` };
    if (entry.archive !== null) return { ok: false, status: 400, message: `Cache ${String(id)} is already committed.` };
    const sorted = [...entry.chunks].sort((a, b) => a.start - b.start);
    let covered = 0;
    for (const chunk of sorted) {
      if (chunk.start !== covered) return { ok: false, status: 400, message: `Uploaded chunks leave a gap or overlap at byte ${String(covered)}.` };
      covered += chunk.data.length;
    }
    if (covered !== size) return { ok: false, status: 400, message: `Committed size ${String(size)} does not match the ${String(covered)} bytes uploaded.` };
    entry.archive = Buffer.concat(sorted.map((chunk) => chunk.data));
    entry.committedSeq = ++this.#commits;
    entry.committedAt = new Date();
    return { ok: true, value: null };
  }

  /** The restore's lookup: per key in order, exact match first, then the newest prefix match; same version only. */
  lookup(keys: readonly string[], version: string): CacheEntry | null {
    const candidates = this.committed()
      .filter((entry) => entry.version === version)
      .sort((a, b) => b.committedSeq - a.committedSeq);
    for (const key of keys) {
      const exact = candidates.find((entry) => entry.key === key);
      if (exact) return exact;
      const prefixed = candidates.find((entry) => entry.key.startsWith(key));
      if (prefixed) return prefixed;
    }
    return null;
  }

  /** Committed entries with exactly this key, any version (the library's debug listing after a miss). */
  listByKey(key: string): CacheEntry[] {
    return this.committed().filter((entry) => entry.key === key);
  }
}
