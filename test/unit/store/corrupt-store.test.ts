import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { moveAside } from '../../../src/store/move-aside.js';
import { startsWithSqliteHeader } from '../../../src/store/store-file-check.js';
import { openRunStore, type OpenRunStoreOptions } from '../../../src/store/open-run-store.js';
import type { RunStore } from '../../../src/store/run-store.js';
import { StoreError } from '../../../src/store/store-error.js';
import { busyLedger, fullPath, ledgerStateOf, RUN, tempStorePath } from './store-fixtures.js';

const opened: RunStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

function open(path: string, options: OpenRunStoreOptions): RunStore {
  const store = openRunStore(path, options);
  opened.push(store);
  return store;
}

function openError(path: string): StoreError {
  try {
    open(path, { onCorrupt: 'throw' });
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected the store to be refused');
}

/** A store with one run, a module at kept, a ledger and events, closed. */
function filledStore(): { path: string; runId: string } {
  const path = tempStorePath();
  const store = openRunStore(path, { onCorrupt: 'throw' });
  const run = store.createRun(RUN);
  for (const state of fullPath('src/a.ts')) store.checkpoint(run.id, 'src/a.ts', state);
  store.saveLedger(run.id, ledgerStateOf(busyLedger()));
  store.appendEvents(run.id, [{ type: 'warning', message: 'w', atMs: 1 }]);
  store.close();
  return { path, runId: run.id };
}

/** The 16-byte SQLite header, then `rest`: a file that claims to be SQLite. */
function sqliteHeaderThen(rest: Buffer): Buffer {
  return Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), rest]);
}

function sql(path: string, statements: string): void {
  const db = new DatabaseSync(path);
  db.exec(statements);
  db.close();
}

/** Every way a file can be unusable, and what the error must say. */
const damaged: readonly [string, () => string, StoreError['problem'], RegExp][] = [
  [
    'the SQLite header followed by garbage',
    () => {
      const path = tempStorePath();
      writeFileSync(path, sqliteHeaderThen(Buffer.alloc(16_368, 0xa5)));
      return path;
    },
    'corrupt',
    /^the run store .*runs\.sqlite is not a readable SQLite database \(file is not a database\); delete or move the file to start a fresh store$/,
  ],
  [
    'a valid SQLite file with a foreign schema',
    () => {
      const path = tempStorePath();
      sql(path, 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (1);');
      return path;
    },
    'foreign',
    /is a SQLite database but not a TestMaster run store \(application id 0, schema version 0\)/,
  ],
  [
    'a newer schema version',
    () => {
      const { path } = filledStore();
      sql(path, 'PRAGMA user_version = 99');
      return path;
    },
    'newer-schema',
    /has schema version 99, newer than this TestMaster's 2; upgrade TestMaster or delete or move the file/,
  ],
  [
    'an added trigger',
    () => {
      const { path } = filledStore();
      sql(path, "CREATE TRIGGER sneaky AFTER INSERT ON events BEGIN DELETE FROM runs; END;");
      return path;
    },
    'foreign',
    /does not have TestMaster's schema \(unexpected trigger sneaky\)/,
  ],
  [
    'a dropped index',
    () => {
      const { path } = filledStore();
      sql(path, 'DROP INDEX runs_resumable');
      return path;
    },
    'foreign',
    /\(missing index runs_resumable\)/,
  ],
  [
    'a progress row edited to break its JSON',
    () => {
      const { path } = filledStore();
      sql(path, "UPDATE module_progress SET state = '{\"phase\": \"analysed\",' WHERE step = 1");
      return path;
    },
    'invalid-row',
    /^the run store's module_progress row src\/a\.ts #1 of run [0-9a-f-]+ is not valid JSON \(.*\); the store was damaged or edited: delete or move it to start fresh$/,
  ],
  [
    'a progress row whose state fails its schema',
    () => {
      const { path } = filledStore();
      sql(path, "UPDATE module_progress SET state = json_set(state, '$.data.head.lines.covered', -3) WHERE phase = 'head-measured'");
      return path;
    },
    'invalid-row',
    /module_progress row src\/a\.ts #2 of run .* fails validation \(at data\.head\.lines\.covered: /,
  ],
  [
    'a phase row taken out of the chain',
    () => {
      const { path } = filledStore();
      sql(path, 'DELETE FROM module_progress WHERE step = 3');
      return path;
    },
    'invalid-row',
    /progress of src\/a\.ts in run .* is not a valid sequence of phases: step 4 follows step 2/,
  ],
  [
    'a ledger edited to lower its spend',
    () => {
      const { path } = filledStore();
      sql(path, "UPDATE ledger_snapshots SET state = json_set(state, '$.run.costMicros', 0)");
      return path;
    },
    'invalid-row',
    /budget ledger of run .* fails validation \(inconsistent budget ledger: run\.costMicros is 0 but its modules add up to/,
  ],
  [
    'an event without a time',
    () => {
      const { path } = filledStore();
      sql(path, "UPDATE events SET event = json_remove(event, '$.atMs')");
      return path;
    },
    'invalid-row',
    /event #1 of run .* fails validation \(at atMs: /,
  ],
  [
    'a run row with an unknown status (CHECK constraint bypassed)',
    () => {
      const { path } = filledStore();
      sql(path, "PRAGMA ignore_check_constraints = ON; UPDATE runs SET status = 'paused'");
      return path;
    },
    'corrupt',
    /failed SQLite's integrity check \(CHECK constraint failed in runs\)/,
  ],
  [
    'a run row with a negative time',
    () => {
      const { path } = filledStore();
      sql(path, 'UPDATE runs SET created_at = -5');
      return path;
    },
    'invalid-row',
    /the run store's run .* fails validation \(at created_at: /,
  ],
  [
    'a progress row whose phase columns disagree with its state',
    () => {
      const { path } = filledStore();
      sql(path, "UPDATE module_progress SET phase = 'dropped' WHERE step = 8");
      return path;
    },
    'invalid-row',
    /module_progress row src\/a\.ts #8 of run .* says dropped in its columns but kept in its state/,
  ],
];

describe('openRunStore on an unusable file', () => {
  it.each(damaged)('refuses %s with a clear one-line StoreError', (_what, make, problem, message) => {
    const error = openError(make());
    expect(error.problem).toBe(problem);
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/\n/);
  });

  it.each(damaged)('with fresh-start, moves %s aside and starts an empty store', (_what, make, _problem, message) => {
    const path = make();
    const before = readFileSync(path);
    const warnings: string[] = [];
    const store = open(path, { onCorrupt: 'fresh-start', onWarning: (text) => warnings.push(text), now: () => Date.UTC(2025, 0, 2, 3, 4, 5, 6) });
    expect(store.recovery?.reason).toMatch(message);
    expect(store.recovery?.movedTo).toBe(`${path}.corrupt-2025-01-02T03-04-05-006Z`);
    expect(readFileSync(store.recovery!.movedTo)).toEqual(before);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`moved it to ${path}.corrupt-2025-01-02T03-04-05-006Z and started a fresh run store`);
    expect(store.findResumableRun(RUN.repoDir, RUN.base, RUN.head)).toBeNull();
    const run = store.createRun(RUN);
    store.checkpoint(run.id, 'src/a.ts', fullPath()[0]!);
    expect(store.moduleStates(run.id)).toHaveLength(1);
  });

  it('refuses a file whose pages were overwritten (failed integrity check or unreadable pages)', () => {
    const path = tempStorePath();
    const store = openRunStore(path, { onCorrupt: 'throw' });
    const run = store.createRun(RUN);
    store.appendEvents(run.id, Array.from({ length: 2000 }, (_, n) => ({ type: 'warning' as const, message: `event ${String(n)} ${'x'.repeat(50)}`, atMs: n })));
    store.close();
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    expect(bytes.length).toBeGreaterThan(pageSize * 10);
    for (let page = 2; page * pageSize < bytes.length; page += 3) bytes.fill(0xa5, page * pageSize + 8, page * pageSize + 64);
    writeFileSync(path, bytes);
    const error = openError(path);
    expect(error.problem).toBe('corrupt');
    expect(error.message).toMatch(/^the run store .* (failed SQLite's integrity check|is not a readable SQLite database) \(.+\); delete or move the file to start a fresh store$/);
  });

  it('leaves no stale WAL or shared-memory file of the bad store next to the fresh one', () => {
    const path = tempStorePath();
    writeFileSync(path, sqliteHeaderThen(Buffer.alloc(4080, 0xa5)));
    writeFileSync(`${path}-wal`, 'stale wal');
    writeFileSync(`${path}-shm`, 'stale shm');
    const store = open(path, { onCorrupt: 'fresh-start', now: () => 0 });
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(path + suffix)) expect(readFileSync(path + suffix, 'utf8')).not.toContain('stale');
    }
    const run = store.createRun(RUN);
    store.close();
    expect(open(path, { onCorrupt: 'throw' }).getRun(run.id)?.status).toBe('running');
  });

  it('moveAside moves the store with its WAL and shared-memory files, and deletes nothing', () => {
    const path = tempStorePath();
    const db = sqliteHeaderThen(Buffer.from('db'));
    writeFileSync(path, db);
    writeFileSync(`${path}-wal`, 'wal');
    writeFileSync(`${path}-shm`, 'shm');
    const target = moveAside(path, 0);
    expect(target).toBe(`${path}.corrupt-1970-01-01T00-00-00-000Z`);
    expect([readFileSync(target), readFileSync(`${target}-wal`, 'utf8'), readFileSync(`${target}-shm`, 'utf8')]).toEqual([db, 'wal', 'shm']);
    expect([existsSync(path), existsSync(`${path}-wal`), existsSync(`${path}-shm`)]).toEqual([false, false, false]);
  });

  it('does not overwrite an earlier moved-aside file with the same timestamp', () => {
    const path = tempStorePath();
    const first = (): RunStore => {
      writeFileSync(path, sqliteHeaderThen(randomBytes(4080)));
      const store = openRunStore(path, { onCorrupt: 'fresh-start', now: () => 0 });
      store.close();
      return store;
    };
    const a = first().recovery!.movedTo;
    const b = first().recovery!.movedTo;
    expect(b).toBe(`${a}-2`);
    expect(readdirSync(dirname(path)).filter((name) => name.includes('.corrupt-'))).toHaveLength(2);
  });

  it('throws, not moves, when the path cannot be used at all', () => {
    const parent = tempStorePath();
    writeFileSync(parent, 'a file where a directory should be');
    const path = join(parent, 'runs.sqlite');
    let error: unknown;
    try {
      open(path, { onCorrupt: 'fresh-start' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).problem).toBe('io');
    expect(readFileSync(parent, 'utf8')).toBe('a file where a directory should be');
  });

  it('creates a missing file, and opens a good store with its data', () => {
    const path = tempStorePath();
    expect(open(path, { onCorrupt: 'throw' }).recovery).toBeNull();
    expect(startsWithSqliteHeader(readFileSync(path))).toBe(true);
    const { path: filled, runId } = filledStore();
    const store = open(filled, { onCorrupt: 'throw' });
    expect(store.recovery).toBeNull();
    expect(store.moduleState(runId, 'src/a.ts')?.current.phase).toBe('kept');
    expect(store.loadEvents(runId)).toHaveLength(1);
  });
});
