/**
 * The store's tables over one open database, with their statements prepared once, and the check
 * every row passes when the store is opened (so a damaged or edited store is found up front, where
 * it can still be moved aside, not half-way through a run). Cache rows, model answers and
 * measurements are checked on read instead: one that fails is treated as missing (with a warning),
 * since the run can do that work again.
 */
import type { DatabaseSync } from 'node:sqlite';
import { AnswersTable } from './answers-table.js';
import { CacheTable } from './cache-table.js';
import { EventsTable } from './events-table.js';
import { ROW_FIX } from './json-column.js';
import { LedgerTable } from './ledger-table.js';
import { chainProblem } from './module-progress.js';
import { MeasurementsTable } from './measurements-table.js';
import { type ProgressRow, ProgressTable } from './progress-table.js';
import { RunsTable } from './runs-table.js';
import { StoreError } from './store-error.js';

export interface StoreTables {
  readonly runs: RunsTable;
  readonly progress: ProgressTable;
  readonly ledger: LedgerTable;
  readonly events: EventsTable;
  readonly cache: CacheTable;
  readonly answers: AnswersTable;
  readonly measurements: MeasurementsTable;
}

export function createStoreTables(db: DatabaseSync): StoreTables {
  return {
    runs: new RunsTable(db),
    progress: new ProgressTable(db),
    ledger: new LedgerTable(db),
    events: new EventsTable(db),
    cache: new CacheTable(db),
    answers: new AnswersTable(db),
    measurements: new MeasurementsTable(db),
  };
}

export interface StoreRowCounts {
  readonly runs: number;
  readonly progress: number;
  readonly ledgers: number;
  readonly events: number;
}

/** Validates every run, checkpoint chain, ledger and event; throws StoreError 'invalid-row' at the first bad one. */
export function validateStoreRows(db: DatabaseSync, tables: StoreTables): StoreRowCounts {
  const orphan = db.prepare('PRAGMA foreign_key_check').get();
  if (orphan !== undefined) throw new StoreError('invalid-row', `the run store has a ${String(orphan.table)} row whose run does not exist; ${ROW_FIX}`);
  const runs = tables.runs.validateAll();
  let progress = 0;
  let chain: ProgressRow[] = [];
  let chainKey = '';
  const checkChain = (): void => {
    const problem = chainProblem(chain);
    if (problem) throw new StoreError('invalid-row', `the run store's progress of ${chainKey} is not a valid sequence of phases: ${problem}; ${ROW_FIX}`);
  };
  for (const { runId, row } of tables.progress.allRows()) {
    const key = `${row.module} in run ${runId}`;
    if (key !== chainKey) {
      checkChain();
      chain = [];
      chainKey = key;
    }
    chain.push(row);
    progress += 1;
  }
  checkChain();
  return { runs, progress, ledgers: tables.ledger.validateAll(), events: tables.events.validateAll() };
}
