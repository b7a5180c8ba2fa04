/**
 * Opens a run store's SQLite file and makes sure it is one: readable as SQLite, our application id,
 * a schema version we know (older ones are migrated), a passing integrity check, and exactly our
 * schema objects. Anything else is a StoreError naming the file and the problem. Sets WAL mode
 * (synchronous NORMAL: a commit survives a crash of the process; the file stays consistent on power
 * loss), foreign keys on, and trusted_schema off. Extensions are never loaded.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate, schemaDifference } from './migrate.js';
import { StoreError } from './store-error.js';
import { STORE_APPLICATION_ID, STORE_SCHEMA_VERSION } from './store-schema.js';

const FIX = 'delete or move the file to start a fresh store';

export function openStoreDatabase(path: string): DatabaseSync {
  let db: DatabaseSync;
  try {
    mkdirSync(dirname(path), { recursive: true });
    db = new DatabaseSync(path, { enableForeignKeyConstraints: true, allowExtension: false, timeout: 5_000 });
  } catch (error) {
    throw new StoreError('io', `cannot open the run store ${path}: ${sqliteMessage(error)}; check the path and its permissions`, { cause: error });
  }
  try {
    prepare(db, path);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    if (!isDamage(error)) throw new StoreError('io', `cannot use the run store ${path}: ${sqliteMessage(error)}; check the file is not in use by another run and is writable`, { cause: error });
    throw new StoreError('corrupt', `the run store ${path} is not a readable SQLite database (${sqliteMessage(error)}); ${FIX}`, { cause: error });
  }
}

function prepare(db: DatabaseSync, path: string): void {
  db.exec('PRAGMA trusted_schema = OFF');
  const applicationId = pragmaNumber(db, 'application_id');
  const version = pragmaNumber(db, 'user_version');
  const objects = Number(db.prepare('SELECT count(*) AS n FROM sqlite_master').get()?.n ?? 0);
  const isNew = applicationId === 0 && version === 0 && objects === 0;
  if (!isNew) checkIdentity(path, applicationId, version);
  if (!isNew) checkIntegrity(db, path);
  const mode = String(db.prepare('PRAGMA journal_mode = WAL').get()?.journal_mode ?? '');
  if (mode !== 'wal') throw new StoreError('io', `the run store ${path} cannot use WAL mode (got ${mode}); put the store on a local file system`);
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  migrate(db, version);
  const difference = schemaDifference(db);
  if (difference) throw new StoreError('foreign', `the run store ${path} does not have TestMaster's schema (${difference}); ${FIX}`);
}

function checkIdentity(path: string, applicationId: number, version: number): void {
  if (applicationId !== STORE_APPLICATION_ID || version === 0) {
    throw new StoreError('foreign', `${path} is a SQLite database but not a TestMaster run store (application id ${String(applicationId)}, schema version ${String(version)}); ${FIX}`);
  }
  if (version > STORE_SCHEMA_VERSION) {
    throw new StoreError('newer-schema', `the run store ${path} has schema version ${String(version)}, newer than this TestMaster's ${String(STORE_SCHEMA_VERSION)}; upgrade TestMaster or ${FIX}`);
  }
}

function checkIntegrity(db: DatabaseSync, path: string): void {
  const rows = db.prepare('PRAGMA integrity_check').all();
  const first = String(rows[0]?.integrity_check ?? 'no answer');
  if (rows.length !== 1 || first !== 'ok') {
    throw new StoreError('corrupt', `the run store ${path} failed SQLite's integrity check (${first}${rows.length > 1 ? `, and ${String(rows.length - 1)} more` : ''}); ${FIX}`);
  }
}

function pragmaNumber(db: DatabaseSync, name: string): number {
  const row = db.prepare(`PRAGMA ${name}`).get();
  return Number(row?.[name] ?? 0);
}

/** SQLite result codes that mean the file's content is bad (not busy, locked, read-only or an I/O failure). */
const DAMAGE_CODES = new Set([1 /* ERROR: e.g. malformed schema */, 11 /* CORRUPT */, 24 /* FORMAT */, 26 /* NOTADB */]);

function isDamage(error: unknown): boolean {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' && DAMAGE_CODES.has(code & 0xff);
}

function sqliteMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\r?\n\s*/g, ' ');
}
