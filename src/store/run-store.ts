/**
 * The run store's API over one open, checked database (openRunStore makes one): runs, each module's
 * checkpoints along the phase machine, the budget ledger's state, the events, the model answers
 * and the coverage measurements a resumed run reuses, and the cross-run cache. Everything is
 * synchronous (node:sqlite's DatabaseSync); every write that must land with another goes in one
 * transaction. Every value is validated when written and when read; nothing read
 * is ever executed.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { TimelineEvent } from '../events/types.js';
import { CACHE_ENTRY_VERSION, type CachedGeneration, type CacheKeyInput, cacheKeyOf, cacheKeyParts } from './cache-entry.js';
import type { LedgerState } from '../budget/ledger-state.js';
import type { ModelReply } from '../model/model-client.js';
import { describePosition, transitionProblem } from './module-phases.js';
import { groupProgress, type ModuleProgress, progressOf } from './module-progress.js';
import type { ModuleState } from './module-state.js';
import type { NewRun, RunRecord, RunStatus } from './run-record.js';
import { StoreError } from './store-error.js';
import type { StoreTables } from './store-tables.js';
import { MEASUREMENT_SIDES, type MeasurementSide, type StoredMeasurement } from './stored-measurement.js';
import { digestSchema, repoPathSchema } from './stored-values.js';
import { inTransaction } from './transaction.js';

/** Set when the file given to openRunStore was unusable and a fresh store was made in its place. */
export interface StoreRecovery {
  /** The one-line StoreError message saying what was wrong. */
  readonly reason: string;
  /** Where the unusable file was moved. */
  readonly movedTo: string;
}

export interface RunStoreHooks {
  /** Milliseconds since the epoch; Date.now by default. */
  readonly now?: () => number;
  /** One-line warnings: a fresh start, a cache row, model answer or measurement that failed validation. */
  readonly onWarning?: (message: string) => void;
}

/** What else lands in the same transaction as a recorded answer. */
export interface AnswerExtras {
  readonly ledger?: LedgerState;
}

/** What else lands in the same transaction as a checkpoint. */
export interface CheckpointExtras {
  readonly ledger?: LedgerState;
  readonly events?: readonly TimelineEvent[];
}

export class RunStore {
  readonly path: string;
  readonly recovery: StoreRecovery | null;
  readonly #db: DatabaseSync;
  readonly #tables: StoreTables;
  readonly #now: () => number;
  readonly #warn: (message: string) => void;

  constructor(db: DatabaseSync, tables: StoreTables, path: string, recovery: StoreRecovery | null, hooks: RunStoreHooks = {}) {
    this.#db = db;
    this.#tables = tables;
    this.path = path;
    this.recovery = recovery;
    this.#now = hooks.now ?? Date.now;
    this.#warn = hooks.onWarning ?? (() => undefined);
  }

  /** Starts a run (status running) and returns it with its new id. */
  createRun(run: NewRun): RunRecord {
    return this.#tables.runs.insert(run, this.#now());
  }

  getRun(id: string): RunRecord | null {
    return this.#tables.runs.get(id);
  }

  /** The latest run of this repository and commit pair that is running (crashed) or interrupted, else null. */
  findResumableRun(repoDir: string, base: string, head: string): RunRecord | null {
    return this.#tables.runs.latestResumable(repoDir, base, head);
  }

  /** Changes a run's status (running -> interrupted | completed | failed; interrupted -> running to resume). */
  markRun(id: string, status: RunStatus): RunRecord {
    return inTransaction(this.#db, () => this.#tables.runs.setStatus(id, status, this.#now()));
  }

  /**
   * Records that `module` reached `next`, with the ledger state and events given, in one
   * transaction. Throws StoreError ('transition') when `next` does not follow the stored state.
   */
  checkpoint(runId: string, module: string, next: ModuleState, extras: CheckpointExtras = {}): void {
    const path = repoPathSchema.safeParse(module);
    if (!path.success) throw new StoreError('invalid-input', `refused to checkpoint module ${JSON.stringify(module)}: it is not a repository-relative path; pass the module's path`);
    const tables = this.#tables;
    inTransaction(this.#db, () => {
      const run = tables.runs.require(runId, `checkpoint ${module}`);
      if (run.status !== 'running') {
        throw new StoreError('transition', `cannot checkpoint ${module} in run ${runId}: the run is ${run.status}; mark it running to resume it, or start a new run`);
      }
      const json = tables.progress.encode(module, next);
      const latest = tables.progress.latest(runId, module);
      const current = latest?.state ?? null;
      const problem = transitionProblem(current, next);
      if (problem) {
        throw new StoreError(
          'transition',
          `module ${module} cannot go from ${describePosition(current)} to ${describePosition(next)} in run ${runId} (${problem}); the caller's step does not fit the stored progress: resume from moduleStates() or start a new run`,
        );
      }
      const nowMs = this.#now();
      tables.progress.insert(runId, module, (latest?.step ?? 0) + 1, next, json, nowMs);
      if (extras.ledger !== undefined) tables.ledger.save(runId, extras.ledger, nowMs);
      if (extras.events !== undefined && extras.events.length > 0) tables.events.append(runId, extras.events);
      tables.runs.touch(runId, nowMs);
    });
  }

  /** One module's progress in a run, or null before its first checkpoint. */
  moduleState(runId: string, module: string): ModuleProgress | null {
    const rows = this.#tables.progress.forModule(runId, module);
    return rows.length === 0 ? null : progressOf(module, rows);
  }

  /** Every module's progress in a run, by module path. */
  moduleStates(runId: string): ModuleProgress[] {
    return groupProgress(this.#tables.progress.forRun(runId));
  }

  saveLedger(runId: string, state: LedgerState): void {
    inTransaction(this.#db, () => {
      this.#tables.runs.require(runId, 'save the budget ledger');
      this.#tables.ledger.save(runId, state, this.#now());
    });
  }

  /** The run's last saved ledger state, or null when none was saved. */
  loadLedger(runId: string): LedgerState | null {
    return this.#tables.ledger.load(runId);
  }

  /**
   * Records the answer the model gave to the call keyed `key` (a SHA-256 as 64 lowercase hex digits,
   * computed by the caller), replacing an earlier one under that key, and, when given, the ledger
   * state, in one transaction: both land or neither. The run must exist.
   */
  recordAnswer(runId: string, key: string, reply: ModelReply, extras: AnswerExtras = {}): void {
    checkAnswerKey(key);
    inTransaction(this.#db, () => {
      this.#tables.runs.require(runId, 'record a model answer');
      const nowMs = this.#now();
      this.#tables.answers.write(runId, key, reply, nowMs);
      if (extras.ledger !== undefined) this.#tables.ledger.save(runId, extras.ledger, nowMs);
    });
  }

  /** The answer recorded under `key` in the run, or null. One that fails validation is reported through onWarning and treated as missing. */
  findAnswer(runId: string, key: string): ModelReply | null {
    checkAnswerKey(key);
    const read = this.#tables.answers.read(runId, key);
    if (read.kind === 'invalid') this.#warn(`ignored an invalid model answer and treated it as missing: ${read.reason}`);
    return read.kind === 'hit' ? read.reply : null;
  }

  /** Stores the run's measurement of one side, replacing an earlier one. The run must exist. */
  saveMeasurement(runId: string, side: MeasurementSide, value: StoredMeasurement): void {
    checkSide(side);
    inTransaction(this.#db, () => {
      this.#tables.runs.require(runId, `save the ${side} measurement`);
      this.#tables.measurements.write(runId, side, value, this.#now());
    });
  }

  /** The run's measurement of one side (Maps rebuilt), or null. One that fails validation is reported through onWarning and treated as missing. */
  loadMeasurement(runId: string, side: MeasurementSide): StoredMeasurement | null {
    checkSide(side);
    const read = this.#tables.measurements.read(runId, side);
    if (read.kind === 'invalid') this.#warn(`ignored an invalid ${side} measurement and treated it as missing: ${read.reason}`);
    return read.kind === 'hit' ? read.value : null;
  }

  /** Appends a batch of events after the run's last one, all or none; returns the last seq. */
  appendEvents(runId: string, events: readonly TimelineEvent[]): number {
    return inTransaction(this.#db, () => {
      this.#tables.runs.require(runId, 'append events');
      return this.#tables.events.append(runId, events);
    });
  }

  /** The run's events in the order they were appended. */
  loadEvents(runId: string): TimelineEvent[] {
    return this.#tables.events.load(runId);
  }

  /**
   * The cached generation for these inputs, re-validated, or null. A row that fails validation is
   * deleted, reported through onWarning, and treated as a miss.
   */
  cacheGet(input: CacheKeyInput): CachedGeneration | null {
    const key = cacheKeyOf(cacheKeyParts(input));
    const read = inTransaction(this.#db, () => this.#tables.cache.read(key, this.#now()));
    if (read.kind === 'invalid') this.#warn(`dropped an invalid cache entry and treated it as a miss: ${read.reason}`);
    return read.kind === 'hit' ? read.entry.value : null;
  }

  /** Stores a module's validated generation under the key of these inputs; returns the key. */
  cachePut(input: CacheKeyInput, value: CachedGeneration): string {
    const entry = { version: CACHE_ENTRY_VERSION, keyParts: cacheKeyParts(input), value };
    return inTransaction(this.#db, () => this.#tables.cache.write(entry, this.#now()));
  }

  /** Deletes cache entries not used since `usedBeforeMs`; returns how many. */
  pruneCache(usedBeforeMs: number): number {
    return inTransaction(this.#db, () => this.#tables.cache.prune(usedBeforeMs));
  }

  /** Deletes all but the `keep` most recent runs (with their progress, ledger, events, answers and measurements); returns how many went. */
  pruneRuns(keep: number): number {
    if (!Number.isSafeInteger(keep) || keep < 0) throw new StoreError('invalid-input', `pruneRuns needs a whole number of runs to keep, got ${String(keep)}`);
    return inTransaction(this.#db, () => {
      const statement = this.#db.prepare('DELETE FROM runs WHERE id NOT IN (SELECT id FROM runs ORDER BY created_at DESC, rowid DESC LIMIT ?)');
      return Number(statement.run(keep).changes);
    });
  }

  /** Folds the write-ahead log into the file (so the file alone is the whole store, e.g. for @actions/cache) and closes. */
  close(): void {
    if (!this.#db.isOpen) return;
    this.#db.exec('PRAGMA optimize');
    this.#db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    this.#db.close();
  }
}

function checkAnswerKey(key: string): void {
  if (!digestSchema.safeParse(key).success) {
    throw new StoreError('invalid-input', `a model answer's key must be a SHA-256 as 64 lowercase hex digits, got ${JSON.stringify(String(key).slice(0, 80))}; pass the key the caller computed`);
  }
}

function checkSide(side: string): void {
  if (!MEASUREMENT_SIDES.includes(side as MeasurementSide)) {
    throw new StoreError('invalid-input', `a measurement's side must be 'head' or 'base', got ${JSON.stringify(String(side).slice(0, 80))}; pass one of them`);
  }
}
