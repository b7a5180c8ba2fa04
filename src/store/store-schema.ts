/**
 * The store's SQL schema as numbered migrations (data). Migration N brings a store from
 * user_version N-1 to N; STORE_SCHEMA_VERSION is the last. A store is recognised by its
 * application_id ('TMRS'); a file with another id, or objects but no version, is not ours.
 *
 * Lookups and their indices:
 * - the latest resumable run of a repo+base+head: runs_resumable (partial: running/interrupted only);
 * - a module's progress in a run: module_progress's primary key (run_id, module, step);
 * - a run's events in order: events' primary key (run_id, seq);
 * - the cache by key: cache_entries' primary key; cache_used for pruning by last use;
 * - a model answer of a run by key: model_answers' primary key (run_id, key);
 * - a run's measurement of one side: measurements' primary key (run_id, side).
 *
 * Migration 2 (schema version 2) adds model_answers and measurements (rowid tables: their rows are
 * large, a reply or a whole side's coverage, which WITHOUT ROWID tables store badly), and, because
 * the state of the end phases kept/dropped/failed changed shape (module-state.ts: `{ outcome }`),
 * deletes every module_progress row and marks the runs that were still resumable (running,
 * interrupted) failed: a version-1 checkpoint chain cannot be read with the new schemas, and a run
 * without its progress must not be resumed as if nothing had been done. Runs, ledgers, events and
 * cache entries stay.
 */

/** 'TMRS' as a 32-bit integer: PRAGMA application_id of every run store. */
export const STORE_APPLICATION_ID = 0x544d5253;

export const STORE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY NOT NULL,
    repo_dir TEXT NOT NULL,
    base TEXT NOT NULL,
    head TEXT NOT NULL,
    config_fingerprint TEXT NOT NULL,
    provider TEXT NOT NULL,
    model TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'interrupted', 'completed', 'failed')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX runs_resumable ON runs (repo_dir, base, head, created_at) WHERE status IN ('running', 'interrupted');

  CREATE TABLE module_progress (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    module TEXT NOT NULL,
    step INTEGER NOT NULL CHECK (step >= 1),
    phase TEXT NOT NULL CHECK (phase IN ('analysed', 'head-measured', 'base-measured', 'generating', 'validated', 'kept', 'dropped', 'failed')),
    attempt INTEGER CHECK (attempt IS NULL OR attempt >= 1),
    state TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, module, step)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE ledger_snapshots (
    run_id TEXT PRIMARY KEY NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    saved_at INTEGER NOT NULL,
    state TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE events (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL CHECK (seq >= 1),
    event TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE cache_entries (
    key TEXT PRIMARY KEY NOT NULL CHECK (length(key) = 64),
    module TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    used_at INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX cache_used ON cache_entries (used_at);
  `,
  `
  CREATE TABLE model_answers (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key TEXT NOT NULL CHECK (length(key) = 64),
    reply TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, key)
  ) STRICT;

  CREATE TABLE measurements (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('head', 'base')),
    value TEXT NOT NULL,
    saved_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, side)
  ) STRICT;

  DELETE FROM module_progress;
  UPDATE runs SET status = 'failed' WHERE status IN ('running', 'interrupted');
  `,
];

export const STORE_SCHEMA_VERSION = STORE_MIGRATIONS.length;
