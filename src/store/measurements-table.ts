/**
 * The `measurements` table: a run's coverage measurement of each side ('head', 'base'), one row per
 * run and side, replaced on every save, so a resumed run does not measure again. Encoded and checked
 * with stored-measurement.ts when saved and when loaded; a row that fails on load is reported as
 * invalid (the caller treats it as missing and warns), never returned.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { isStoreError } from './store-error.js';
import { decodeMeasurement, encodeMeasurement, type MeasurementSide, type StoredMeasurement } from './stored-measurement.js';

export type MeasurementRead = { readonly kind: 'hit'; readonly value: StoredMeasurement } | { readonly kind: 'miss' } | { readonly kind: 'invalid'; readonly reason: string };

/** A run's measurement of one side (primary key). */
export const MEASUREMENT_GET_SQL = 'SELECT value FROM measurements WHERE run_id = ? AND side = ?';

export class MeasurementsTable {
  readonly #get: StatementSync;
  readonly #put: StatementSync;

  constructor(db: DatabaseSync) {
    this.#get = db.prepare(MEASUREMENT_GET_SQL);
    this.#put = db.prepare(
      'INSERT INTO measurements (run_id, side, value, saved_at) VALUES (?, ?, ?, ?) ON CONFLICT (run_id, side) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at',
    );
  }

  /** Validates and stores (replacing the side's earlier measurement); call inside a transaction with the run checked. */
  write(runId: string, side: MeasurementSide, value: StoredMeasurement, nowMs: number): void {
    this.#put.run(runId, side, encodeMeasurement(value, `${side} measurement of run ${runId}`), nowMs);
  }

  read(runId: string, side: MeasurementSide): MeasurementRead {
    const row = this.#get.get(runId, side);
    if (row === undefined) return { kind: 'miss' };
    try {
      return { kind: 'hit', value: decodeMeasurement(row.value, `${side} measurement of run ${runId}`) };
    } catch (error) {
      if (!isStoreError(error)) throw error;
      return { kind: 'invalid', reason: error.message };
    }
  }
}
