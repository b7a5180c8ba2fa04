/**
 * Runs a function inside one SQLite write transaction: everything it writes is committed together
 * or, when it throws, rolled back together. BEGIN IMMEDIATE takes the write lock up front, so the
 * reads a check makes inside still hold when the write follows. Inside an open transaction it joins it.
 */
import type { DatabaseSync } from 'node:sqlite';

export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  if (db.isTransaction) return work();
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
