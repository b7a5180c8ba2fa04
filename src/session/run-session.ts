/**
 * One run's link to the run store (src/store/): it checkpoints each module's phases as the pipeline
 * passes them (called by the stages; each validated candidate taken from the event stream), saves
 * the budget ledger whenever it changes and every model answer once it is paid for, and gives a
 * resumed run what the interrupted one finished. Store trouble never fails the run: the first error
 * becomes one warning, and the run goes on without the store (it just cannot be resumed).
 */
import type { BudgetLedger } from '../budget/ledger.js';
import type { LedgerState } from '../budget/ledger-state.js';
import type { EventBus } from '../events/bus.js';
import type { PipelineEvent, TimelineEvent } from '../events/types.js';
import type { AnswerReplay } from '../generation/call/answer-replay.js';
import type { GeneratorKind } from '../report/types.js';
import type { CachedGeneration, CacheKeyInput } from '../store/cache-entry.js';
import type { ModuleOutcome, ModuleState } from '../store/module-state.js';
import type { RunStatus } from '../store/run-record.js';
import type { RunStore } from '../store/run-store.js';
import type { StoredMeasurement } from '../store/stored-measurement.js';
import { oneLineMessage } from '../errors/errors.js';

type Side = 'head' | 'base';

/** Order of the phases before generation: a resumed run does not step back. */
const RANK: Readonly<Record<ModuleState['phase'], number>> = {
  analysed: 0,
  'head-measured': 1,
  'base-measured': 2,
  generating: 3,
  validated: 3,
  kept: 4,
  dropped: 4,
  failed: 4,
};

export class RunSession {
  readonly runId: string;
  /** True when this run continues an interrupted one. */
  readonly resumed: boolean;
  readonly #store: RunStore;
  readonly #events: EventBus;
  readonly #positions = new Map<string, ModuleState>();
  readonly #finished = new Map<string, ModuleOutcome>();
  #pending: TimelineEvent[] = [];
  #broken = false;
  #unsubscribe: () => void;

  constructor(store: RunStore, runId: string, resumed: boolean, events: EventBus) {
    this.#store = store;
    this.runId = runId;
    this.resumed = resumed;
    this.#events = events;
    for (const progress of store.moduleStates(runId)) {
      this.#positions.set(progress.module, progress.current);
      const current = progress.current;
      if (current.phase === 'kept' || current.phase === 'dropped' || current.phase === 'failed') this.#finished.set(progress.module, current.data.outcome);
    }
    this.#unsubscribe = events.subscribe((event) => this.#onEvent(event));
  }

  /** Modules the interrupted run finished (kept, dropped or failed), with what they left. */
  get finished(): ReadonlyMap<string, ModuleOutcome> {
    return this.#finished;
  }

  /** The ledger state the interrupted run saved last, or null. */
  savedLedger(): LedgerState | null {
    return this.#guard(() => this.#store.loadLedger(this.runId), null);
  }

  measurement(side: Side): StoredMeasurement | null {
    return this.#guard(() => this.#store.loadMeasurement(this.runId, side), null);
  }

  saveMeasurement(side: Side, value: StoredMeasurement): void {
    this.#guard(() => this.#store.saveMeasurement(this.runId, side, value), undefined);
  }

  /** Checkpoints a phase before generation, unless the module is already there or past it (a resumed run). */
  advance(module: string, state: ModuleState): void {
    const current = this.#positions.get(module);
    if (current !== undefined && RANK[current.phase] >= RANK[state.phase]) return;
    this.#checkpoint(module, state);
  }

  /** A generator starts on the module: generating(k), k one past the last attempt. */
  startGenerating(module: string, generator: GeneratorKind): void {
    const current = this.#positions.get(module);
    if (current === undefined || RANK[current.phase] === 4) return;
    const attempt = current.phase === 'generating' || current.phase === 'validated' ? current.attempt + 1 : 1;
    this.#checkpoint(module, { phase: 'generating', attempt, data: { generator } });
  }

  /** The module's end: kept, dropped or failed, with everything the report needs. */
  finish(module: string, outcome: ModuleOutcome): void {
    const current = this.#positions.get(module);
    if (current === undefined || RANK[current.phase] === 4) return;
    const kind = outcome.generation.outcome;
    if (kind === 'kept' && outcome.files.length > 0) {
      if (current.phase !== 'validated') return; // cannot happen: kept files went through the gate
      this.#checkpoint(module, { phase: 'kept', attempt: null, data: { outcome } });
    } else {
      this.#checkpoint(module, { phase: kind === 'failed' ? 'failed' : 'dropped', attempt: null, data: { outcome } });
    }
  }

  /** Saves the ledger's state after every change from now on. */
  bindLedger(ledger: BudgetLedger): void {
    ledger.onChange(() => this.#guard(() => this.#store.saveLedger(this.runId, ledger.exportState()), undefined));
  }

  /**
   * Paid answers of this run. budgetedCall records an answer only after its charge, which the bound
   * ledger has already saved (bindLedger), so the answer row needs no second copy of the ledger.
   */
  get replay(): AnswerReplay {
    return {
      find: (key) => this.#guard(() => this.#store.findAnswer(this.runId, key), null),
      record: (key, reply) => this.#guard(() => this.#store.recordAnswer(this.runId, key, reply), undefined),
    };
  }

  cacheGet(input: CacheKeyInput): CachedGeneration | null {
    return this.#guard(() => this.#store.cacheGet(input), null);
  }

  cachePut(input: CacheKeyInput, value: CachedGeneration): void {
    this.#guard(() => this.#store.cachePut(input, value), undefined);
  }

  /** Ends the run in the store (its remaining events with it) and closes the store. */
  end(status: Exclude<RunStatus, 'running'>): void {
    this.#unsubscribe();
    this.#guard(() => {
      if (this.#pending.length > 0) this.#store.appendEvents(this.runId, this.#pending);
      this.#pending = [];
      this.#store.markRun(this.runId, status);
    }, undefined);
    this.close();
  }

  close(): void {
    this.#unsubscribe();
    try {
      this.#store.close();
    } catch {
      // closing is best effort: the data is committed already
    }
  }

  #onEvent(event: TimelineEvent): void {
    this.#pending.push(event);
    if (this.#broken) return;
    const step = validationStep(event);
    if (step === null) return;
    const current = this.#positions.get(step.module);
    if (current === undefined) return;
    // A healing turn's attempt is recorded when its candidate is validated: a turn that produced nothing
    // to validate leaves the module at its last validated attempt, from which it can still end kept.
    if (current.phase !== 'generating') this.startGenerating(step.module, lastGenerator(current));
    const now = this.#positions.get(step.module);
    if (now?.phase !== 'generating') return;
    this.#checkpoint(step.module, { phase: 'validated', attempt: now.attempt, data: step.data });
  }

  #checkpoint(module: string, state: ModuleState): void {
    this.#guard(() => {
      const events = this.#pending;
      this.#pending = [];
      this.#store.checkpoint(this.runId, module, state, { events });
      this.#positions.set(module, state);
    }, undefined);
  }

  #guard<T>(work: () => T, fallback: T): T {
    if (this.#broken) return fallback;
    try {
      return work();
    } catch (error) {
      this.#broken = true;
      this.#events.emit({ type: 'warning', message: `the run store failed (${oneLineMessage(error)}); the run goes on without it and cannot be resumed` });
      return fallback;
    }
  }
}

interface ValidationStep {
  readonly module: string;
  readonly data: { readonly verdict: 'kept' | 'nothing-kept' | 'file-failed'; readonly kept: number; readonly dropped: number };
}

/** A candidate validated, as the event stream reports it (pure). */
function validationStep(event: PipelineEvent): ValidationStep | null {
  if (event.type !== 'candidate-validated') return null;
  const verdict = event.verdict === 'kept' || event.verdict === 'file-failed' ? event.verdict : 'nothing-kept';
  return { module: event.path, data: { verdict, kept: event.kept, dropped: event.dropped } };
}

function lastGenerator(state: ModuleState): GeneratorKind {
  return state.phase === 'generating' ? state.data.generator : 'model';
}
