import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheKeyOf, cacheKeyParts } from '../../../src/store/cache-entry.js';
import { expectedSchemaObjects, schemaObjects } from '../../../src/store/migrate.js';
import { openRunStore } from '../../../src/store/open-run-store.js';
import type { RunStore } from '../../../src/store/run-store.js';
import { moduleStateSchema } from '../../../src/store/module-state.js';
import { STORE_MIGRATIONS, STORE_SCHEMA_VERSION } from '../../../src/store/store-schema.js';
import { answerKeyOf, busyLedger, CACHED, GENERATION, HEAD, KEY_INPUT, ledgerStateOf, proposedFile, REPLY, RUN, sideCoverage, states, tempStorePath } from './store-fixtures.js';

let store: RunStore | undefined;
afterEach(() => store?.close());

/** The run store's schema as version 1 shipped it, written out here so a change to it is noticed. */
const V1_DDL = `
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
`;

const RUNS = { crashed: 'run-crashed', interrupted: 'run-interrupted', completed: 'run-completed' } as const;
const EVENT = { type: 'warning', message: 'from version 1', atMs: 3 };

/** A version-1 store as version 1 wrote it: three runs, old-shape checkpoints up to kept and dropped, a ledger, an event, a cache entry. */
function versionOneStore(): string {
  const path = tempStorePath();
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(V1_DDL);
  db.exec('PRAGMA user_version = 1');
  db.exec(`PRAGMA application_id = ${String(0x544d5253)}`);
  const insertRun = db.prepare('INSERT INTO runs (id, repo_dir, base, head, config_fingerprint, provider, model, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const times = { crashed: 1_000, interrupted: 2_000, completed: 3_000 };
  for (const [status, id] of Object.entries(RUNS)) {
    insertRun.run(id, RUN.repoDir, RUN.base, RUN.head, RUN.configFingerprint, RUN.provider, RUN.model, status === 'crashed' ? 'running' : status, times[status as keyof typeof times], 5_000);
  }
  const st = states();
  const oldKept = { phase: 'kept', attempt: null, data: { generation: GENERATION, files: [proposedFile()], proposed: HEAD } };
  const oldDropped = { phase: 'dropped', attempt: null, data: { reason: 'skipped-budget: max-cost-usd', generation: null } };
  const insertStep = db.prepare('INSERT INTO module_progress (run_id, module, step, phase, attempt, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, 5000)');
  const chains: readonly [string, string, readonly { phase: string; attempt: number | null }[]][] = [
    [RUNS.completed, 'src/a.ts', [st.analysed, st.head, st.base, st.generating(1), st.validated(1), oldKept]],
    [RUNS.crashed, 'src/a.ts', [st.analysed, oldDropped]],
    [RUNS.crashed, 'src/b.ts', [st.analysed, st.head]],
  ];
  for (const [runId, module, chain] of chains) chain.forEach((state, index) => insertStep.run(runId, module, index + 1, state.phase, state.attempt, JSON.stringify(state)));
  db.prepare('INSERT INTO ledger_snapshots (run_id, saved_at, state) VALUES (?, 5000, ?)').run(RUNS.crashed, JSON.stringify(ledgerStateOf(busyLedger())));
  db.prepare('INSERT INTO events (run_id, seq, event) VALUES (?, 1, ?)').run(RUNS.crashed, JSON.stringify(EVENT));
  const keyParts = cacheKeyParts(KEY_INPUT);
  db.prepare('INSERT INTO cache_entries (key, module, value, created_at, used_at) VALUES (?, ?, ?, 5000, 5000)').run(cacheKeyOf(keyParts), CACHED.module, JSON.stringify({ version: 1, keyParts, value: CACHED }));
  db.close();
  return path;
}

function pragma(path: string, name: string): number {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return Number(db.prepare(`PRAGMA ${name}`).get()?.[name]);
  } finally {
    db.close();
  }
}

describe('migration from schema version 1', () => {
  it('starts from what version 1 wrote, whose end states the new schema refuses', () => {
    const path = versionOneStore();
    expect(pragma(path, 'user_version')).toBe(1);
    const memory = new DatabaseSync(':memory:');
    const file = new DatabaseSync(path, { readOnly: true });
    try {
      memory.exec(STORE_MIGRATIONS[0]!);
      expect(schemaObjects(file)).toEqual(schemaObjects(memory));
      const ends = file.prepare("SELECT state FROM module_progress WHERE phase IN ('kept', 'dropped')").all();
      expect(ends).toHaveLength(2);
      for (const row of ends) expect(moduleStateSchema.safeParse(JSON.parse(String(row.state))).success).toBe(false);
    } finally {
      memory.close();
      file.close();
    }
  });

  it('adds the new tables, drops the old checkpoints, ends the resumable runs, and keeps runs, ledgers, events and the cache', () => {
    const path = versionOneStore();
    const warnings: string[] = [];
    store = openRunStore(path, { onCorrupt: 'throw', onWarning: (message) => warnings.push(message) });
    expect(store.recovery).toBeNull();
    expect(warnings).toEqual([]);

    expect(store.getRun(RUNS.crashed)?.status).toBe('failed');
    expect(store.getRun(RUNS.interrupted)?.status).toBe('failed');
    expect(store.getRun(RUNS.completed)?.status).toBe('completed');
    expect(store.getRun(RUNS.completed)?.updatedAtMs).toBe(5_000);
    expect(store.findResumableRun(RUN.repoDir, RUN.base, RUN.head)).toBeNull();
    for (const id of Object.values(RUNS)) expect(store.moduleStates(id)).toEqual([]);
    expect(store.loadLedger(RUNS.crashed)).toEqual(ledgerStateOf(busyLedger()));
    expect(store.loadEvents(RUNS.crashed)).toEqual([EVENT]);
    expect(store.cacheGet(KEY_INPUT)).toEqual(CACHED);

    const key = answerKeyOf('generate src/a.ts');
    store.recordAnswer(RUNS.completed, key, REPLY);
    expect(store.findAnswer(RUNS.completed, key)).toEqual(REPLY);
    store.saveMeasurement(RUNS.completed, 'head', { source: null, coverage: sideCoverage() });
    expect(store.loadMeasurement(RUNS.completed, 'head')).toEqual({ source: null, coverage: sideCoverage() });
    const fresh = store.createRun(RUN);
    store.checkpoint(fresh.id, 'src/a.ts', states().analysed);
    expect(store.findResumableRun(RUN.repoDir, RUN.base, RUN.head)?.id).toBe(fresh.id);
    store.close();

    expect(STORE_SCHEMA_VERSION).toBe(2);
    expect(pragma(path, 'user_version')).toBe(2);
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      expect(schemaObjects(db)).toEqual(expectedSchemaObjects());
    } finally {
      db.close();
    }
    store = openRunStore(path, { onCorrupt: 'throw' });
    expect(store.findAnswer(RUNS.completed, key)).toEqual(REPLY);
    expect(store.moduleState(fresh.id, 'src/a.ts')?.current.phase).toBe('analysed');
  });

  it('still moves a damaged version-1 file aside with fresh-start', () => {
    const path = versionOneStore();
    const db = new DatabaseSync(path);
    db.exec("UPDATE events SET event = '{\"type\":'");
    db.close();
    const warnings: string[] = [];
    store = openRunStore(path, { onCorrupt: 'fresh-start', onWarning: (message) => warnings.push(message), now: () => 0 });
    expect(store.recovery?.reason).toMatch(/event #1 of run run-crashed is not valid JSON/);
    expect(warnings).toHaveLength(1);
    expect(store.getRun(RUNS.completed)).toBeNull();
    expect(pragma(store.recovery!.movedTo, 'application_id')).toBe(0x544d5253);
  });
});
