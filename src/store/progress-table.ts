/**
 * The `module_progress` table: one row per checkpoint of a module in a run (step 1, 2, ...), so the
 * latest row is where the module stands and the earlier ones keep what each finished phase found.
 * States are validated with moduleStateSchema when written and when read.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { z } from 'zod';
import { checkRow, decodeJson, encodeJson, ROW_FIX } from './json-column.js';
import { type ModuleState, moduleStateSchema } from './module-state.js';
import { describePosition, MODULE_PHASES } from './module-phases.js';
import { StoreError } from './store-error.js';

export interface ProgressRow {
  readonly module: string;
  readonly step: number;
  readonly state: ModuleState;
  readonly updatedAtMs: number;
}

const rowSchema = z.object({
  module: z.string().min(1),
  step: z.number().int().positive(),
  phase: z.enum(MODULE_PHASES),
  attempt: z.number().int().positive().nullable(),
  state: z.string(),
  updated_at: z.number().int().nonnegative(),
});

const COLUMNS = 'module, step, phase, attempt, state, updated_at';
/** A module's latest checkpoint in a run (primary key). */
export const LATEST_PROGRESS_SQL = `SELECT ${COLUMNS} FROM module_progress WHERE run_id = ? AND module = ? ORDER BY step DESC LIMIT 1`;
/** A module's checkpoints in a run, in order (primary key). */
export const MODULE_PROGRESS_SQL = `SELECT ${COLUMNS} FROM module_progress WHERE run_id = ? AND module = ? ORDER BY step`;
/** A run's checkpoints, by module then step (primary key). */
export const RUN_PROGRESS_SQL = `SELECT ${COLUMNS} FROM module_progress WHERE run_id = ? ORDER BY module, step`;

export class ProgressTable {
  readonly #latest: StatementSync;
  readonly #forModule: StatementSync;
  readonly #insert: StatementSync;
  readonly #forRun: StatementSync;
  readonly #all: StatementSync;

  constructor(db: DatabaseSync) {
    this.#latest = db.prepare(LATEST_PROGRESS_SQL);
    this.#forModule = db.prepare(MODULE_PROGRESS_SQL);
    this.#insert = db.prepare('INSERT INTO module_progress (run_id, module, step, phase, attempt, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.#forRun = db.prepare(RUN_PROGRESS_SQL);
    this.#all = db.prepare('SELECT run_id, module, step, phase, attempt, state, updated_at FROM module_progress ORDER BY run_id, module, step');
  }

  latest(runId: string, module: string): ProgressRow | null {
    const row = this.#latest.get(runId, module);
    return row === undefined ? null : toProgressRow(row, runId);
  }

  /** Validates `state` and returns it as JSON text for insert(). */
  encode(module: string, state: ModuleState): string {
    return encodeJson(moduleStateSchema, state, `state of ${module} at ${String((state as { phase?: unknown } | null)?.phase)}`);
  }

  /** Stores an encoded state as the module's step `step`. */
  insert(runId: string, module: string, step: number, state: ModuleState, json: string, nowMs: number): void {
    this.#insert.run(runId, module, step, state.phase, state.attempt, json, nowMs);
  }

  /** Every row of one module in a run, by step. */
  forModule(runId: string, module: string): ProgressRow[] {
    return this.#forModule.all(runId, module).map((row) => toProgressRow(row, runId));
  }

  /** Every row of a run, by module then step. */
  forRun(runId: string): ProgressRow[] {
    return this.#forRun.all(runId).map((row) => toProgressRow(row, runId));
  }

  /** Every row of every run, grouped by run (used when the store is opened). */
  *allRows(): Generator<{ readonly runId: string; readonly row: ProgressRow }> {
    for (const row of this.#all.iterate()) {
      const runId = String(row.run_id);
      yield { runId, row: toProgressRow(row, runId) };
    }
  }
}

function toProgressRow(raw: Record<string, unknown>, runId: string): ProgressRow {
  const where = `module_progress row ${String(raw.module)} #${String(raw.step)} of run ${runId}`;
  const row = checkRow(rowSchema, raw, where);
  const state = decodeJson(moduleStateSchema, row.state, where);
  if (state.phase !== row.phase || state.attempt !== row.attempt) {
    const columns = describePosition({ phase: row.phase, attempt: row.attempt });
    throw new StoreError('invalid-row', `the run store's ${where} says ${columns} in its columns but ${describePosition(state)} in its state; ${ROW_FIX}`);
  }
  return { module: row.module, step: row.step, state, updatedAtMs: row.updated_at };
}
