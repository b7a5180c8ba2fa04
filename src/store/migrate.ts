/**
 * Brings a store's schema to STORE_SCHEMA_VERSION, one migration per transaction (DDL and the new
 * user_version commit together), and checks the schema objects are exactly the ones the migrations
 * make: a store with an extra trigger or view (which SQLite would run) or a changed table is refused.
 *
 * Versions (the SQL is in store-schema.ts):
 * - 1: runs, module_progress, ledger_snapshots, events, cache_entries.
 * - 2: model_answers and measurements added. The end phases' state changed shape (`{ outcome }`), so
 *   a version-1 file loses its module_progress rows and its running/interrupted runs are marked
 *   failed (never resumed without their progress); its runs, ledgers, events and cache stay. This is
 *   the simplest safe step: an old run is not resumed, a new run starts from scratch, and no row that
 *   the new schemas would refuse is left (such a row would get the whole file moved aside on open).
 * A file of an unknown (newer) version, a foreign or corrupt file are refused before this runs
 * (open-database.ts), as before.
 */
import { DatabaseSync } from 'node:sqlite';
import { STORE_APPLICATION_ID, STORE_MIGRATIONS } from './store-schema.js';
import { inTransaction } from './transaction.js';

export function migrate(db: DatabaseSync, fromVersion: number): void {
  for (let version = fromVersion; version < STORE_MIGRATIONS.length; version += 1) {
    inTransaction(db, () => {
      db.exec(STORE_MIGRATIONS[version]!);
      db.exec(`PRAGMA user_version = ${String(version + 1)}`);
      if (version === 0) db.exec(`PRAGMA application_id = ${String(STORE_APPLICATION_ID)}`);
    });
  }
}

/** The schema objects (type, name, table, SQL) as sorted lines, leaving out SQLite's own. */
export function schemaObjects(db: DatabaseSync): readonly string[] {
  const rows = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all();
  return rows.map((row) => JSON.stringify([row.type, row.name, row.tbl_name, row.sql])).sort();
}

let expected: readonly string[] | undefined;

/** What the migrations make, read off a fresh in-memory database (computed once). */
export function expectedSchemaObjects(): readonly string[] {
  if (expected === undefined) {
    const memory = new DatabaseSync(':memory:');
    try {
      migrate(memory, 0);
      expected = schemaObjects(memory);
    } finally {
      memory.close();
    }
  }
  return expected;
}

/** Null when the store has exactly the expected objects; else a short phrase naming the first difference. */
export function schemaDifference(db: DatabaseSync): string | null {
  const actual = schemaObjects(db);
  const wanted = new Set(expectedSchemaObjects());
  const have = new Set(actual);
  const wantedNames = new Set([...wanted].map(describeObject));
  const extra = actual.find((line) => !wanted.has(line));
  if (extra) return `${wantedNames.has(describeObject(extra)) ? 'changed' : 'unexpected'} ${describeObject(extra)}`;
  const missing = [...wanted].find((line) => !have.has(line));
  return missing ? `missing ${describeObject(missing)}` : null;
}

function describeObject(line: string): string {
  const [type, name] = JSON.parse(line) as [string, string];
  return `${type} ${name}`;
}
