/**
 * The `ledger_snapshots` table: the latest budget ledger state of each run (one row per run,
 * replaced on every save), validated with ledgerStateSchema when saved and when loaded.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { decodeJson, encodeJson } from './json-column.js';
import { type LedgerState, ledgerStateSchema } from '../budget/ledger-state.js';

export class LedgerTable {
  readonly #save: StatementSync;
  readonly #load: StatementSync;
  readonly #all: StatementSync;

  constructor(db: DatabaseSync) {
    this.#save = db.prepare(
      'INSERT INTO ledger_snapshots (run_id, saved_at, state) VALUES (?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET saved_at = excluded.saved_at, state = excluded.state',
    );
    this.#load = db.prepare('SELECT state FROM ledger_snapshots WHERE run_id = ?');
    this.#all = db.prepare('SELECT run_id, state FROM ledger_snapshots');
  }

  save(runId: string, state: LedgerState, nowMs: number): void {
    this.#save.run(runId, nowMs, encodeJson(ledgerStateSchema, state, `budget ledger of run ${runId}`));
  }

  load(runId: string): LedgerState | null {
    const row = this.#load.get(runId);
    return row === undefined ? null : decodeJson(ledgerStateSchema, row.state, `budget ledger of run ${runId}`);
  }

  validateAll(): number {
    let rows = 0;
    for (const row of this.#all.iterate()) {
      decodeJson(ledgerStateSchema, row.state, `budget ledger of run ${String(row.run_id)}`);
      rows += 1;
    }
    return rows;
  }
}
