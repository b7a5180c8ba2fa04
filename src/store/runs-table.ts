/**
 * The `runs` table: create a run, read one, find the latest resumable run of a repo+base+head
 * (index runs_resumable), change a run's status along RUN_STATUS_TRANSITIONS. Rows are validated
 * when read.
 */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { checkRow } from './json-column.js';
import { describeIssues } from './describe-issues.js';
import { newRunSchema, type NewRun, RESUMABLE_STATUSES, type RunRecord, runRowSchema, type RunStatus, runStatusProblem } from './run-record.js';
import { StoreError } from './store-error.js';

const RESUMABLE = RESUMABLE_STATUSES.map((status) => `'${status}'`).join(', ');

/** The latest resumable run of a repo+base+head (index runs_resumable; its rowid breaks ties of created_at). */
export const RESUMABLE_RUN_SQL = `SELECT * FROM runs WHERE repo_dir = ? AND base = ? AND head = ? AND status IN (${RESUMABLE}) ORDER BY created_at DESC, rowid DESC LIMIT 1`;

export class RunsTable {
  readonly #insert: StatementSync;
  readonly #get: StatementSync;
  readonly #resumable: StatementSync;
  readonly #setStatus: StatementSync;
  readonly #touch: StatementSync;
  readonly #all: StatementSync;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare(
      'INSERT INTO runs (id, repo_dir, base, head, config_fingerprint, provider, model, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#get = db.prepare('SELECT * FROM runs WHERE id = ?');
    this.#resumable = db.prepare(RESUMABLE_RUN_SQL);
    this.#setStatus = db.prepare('UPDATE runs SET status = ?, updated_at = ? WHERE id = ?');
    this.#touch = db.prepare('UPDATE runs SET updated_at = ? WHERE id = ?');
    this.#all = db.prepare('SELECT * FROM runs');
  }

  insert(input: NewRun, nowMs: number): RunRecord {
    const parsed = newRunSchema.safeParse(input);
    if (!parsed.success) throw new StoreError('invalid-input', `refused to create a run: ${describeIssues(parsed.error)}; fix the run's details`);
    const run: RunRecord = { ...parsed.data, id: randomUUID(), status: 'running', createdAtMs: nowMs, updatedAtMs: nowMs };
    this.#insert.run(run.id, run.repoDir, run.base, run.head, run.configFingerprint, run.provider, run.model, run.status, nowMs, nowMs);
    return run;
  }

  get(id: string): RunRecord | null {
    const row = this.#get.get(id);
    return row === undefined ? null : checkRow(runRowSchema, row, `run ${id}`);
  }

  /** The run that must exist (and, with `status`, have it) for a write to go ahead. */
  require(id: string, action: string): RunRecord {
    const run = this.get(id);
    if (!run) throw new StoreError('not-found', `cannot ${action}: no run ${id} in the run store; create the run first or pass an id from createRun/findResumableRun`);
    return run;
  }

  latestResumable(repoDir: string, base: string, head: string): RunRecord | null {
    const row = this.#resumable.get(repoDir, base, head);
    return row === undefined ? null : checkRow(runRowSchema, row, `run ${String(row.id)}`);
  }

  setStatus(id: string, status: RunStatus, nowMs: number): RunRecord {
    const run = this.require(id, `mark a run ${status}`);
    const problem = runStatusProblem(run.status, status);
    if (problem) throw new StoreError('transition', `run ${id} cannot go from ${run.status} to ${status}: ${problem}; start a new run instead`);
    this.#setStatus.run(status, nowMs, id);
    return { ...run, status, updatedAtMs: nowMs };
  }

  touch(id: string, nowMs: number): void {
    this.#touch.run(nowMs, id);
  }

  /** Every run, validated (used when the store is opened). */
  validateAll(): number {
    let rows = 0;
    for (const row of this.#all.iterate()) {
      checkRow(runRowSchema, row, `run ${String(row.id)}`);
      rows += 1;
    }
    return rows;
  }
}
