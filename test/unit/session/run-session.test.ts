/**
 * RunSession over a real run store (node:sqlite in a temp dir) and a real EventBus: phase checkpoints
 * and their skipping on a resume, the generation steps taken from the event stream, the end states a
 * resumed session sees, the saved budget ledger, paid answers, store failure as one warning, and the
 * end of a run with its pending events.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BudgetLedger } from '../../../src/budget/ledger.js';
import { isRefusal } from '../../../src/budget/ledger-types.js';
import { EventBus } from '../../../src/events/bus.js';
import type { PipelineEvent, TimelineEvent } from '../../../src/events/types.js';
import { RunSession } from '../../../src/session/run-session.js';
import { openRunStore } from '../../../src/store/open-run-store.js';
import type { RunStore } from '../../../src/store/run-store.js';
import { answerKeyOf, keptOutcome, LIMITS, MARGIN, PRICE, REPLY, RUN, states, tempStorePath } from '../store/store-fixtures.js';

const MODULE = 'src/a.ts';

const opened: RunStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

function open(path: string): RunStore {
  const store = openRunStore(path, { onCorrupt: 'throw' });
  opened.push(store);
  return store;
}

/** A store with one run, a bus and a new session on it; `warnings` collects the bus's warning events. */
function fresh(path = tempStorePath()) {
  const store = open(path);
  const run = store.createRun(RUN);
  const bus = new EventBus();
  const session = new RunSession(store, run.id, false, bus);
  return { path, store, runId: run.id, bus, session, warnings: warningsOf(bus) };
}

/** A resumed session of the same run, over the store file reopened. */
function reopen(path: string, runId: string) {
  const store = open(path);
  const bus = new EventBus();
  const session = new RunSession(store, runId, true, bus);
  return { store, bus, session, warnings: warningsOf(bus) };
}

function warningsOf(bus: EventBus): string[] {
  const warnings: string[] = [];
  bus.subscribe((event) => {
    if (event.type === 'warning') warnings.push(event.message);
  });
  return warnings;
}

const positions = (store: RunStore, runId: string, module = MODULE): string[] =>
  store.moduleState(runId, module)?.history.map((state) => `${state.phase}:${String(state.attempt)}`) ?? [];

function measured(session: RunSession, module = MODULE): void {
  const s = states(module);
  session.advance(module, s.analysed);
  session.advance(module, s.head);
  session.advance(module, s.base);
}

const validated = (kept: number, dropped: number, verdict = 'kept'): Extract<PipelineEvent, { type: 'candidate-validated' }> => ({ type: 'candidate-validated', path: MODULE, turn: 1, kept, dropped, verdict });
const healTurn: PipelineEvent = { type: 'heal-turn', path: MODULE, turn: 1, failingCases: 1, fileError: false };

describe('RunSession.advance', () => {
  it('checkpoints analysed, head-measured and base-measured in order', () => {
    const { store, runId, session, warnings } = fresh();
    measured(session);
    expect(positions(store, runId)).toEqual(['analysed:null', 'head-measured:null', 'base-measured:null']);
    expect(store.moduleState(runId, MODULE)?.current).toEqual(states(MODULE).base);
    expect(warnings).toEqual([]);
  });

  it('skips a phase the module is already at or past, on a session resumed from the same run', () => {
    const first = fresh();
    measured(first.session);
    first.session.advance('src/b.ts', states('src/b.ts').analysed);
    first.session.close();

    const resumed = reopen(first.path, first.runId);
    measured(resumed.session); // all three already there: nothing written, no transition error
    resumed.session.advance('src/b.ts', states('src/b.ts').analysed);
    resumed.session.advance('src/b.ts', states('src/b.ts').head); // b was only analysed: this one goes through
    expect(resumed.warnings).toEqual([]);
    expect(positions(resumed.store, first.runId)).toEqual(['analysed:null', 'head-measured:null', 'base-measured:null']);
    expect(positions(resumed.store, first.runId, 'src/b.ts')).toEqual(['analysed:null', 'head-measured:null']);
  });

  it('does not step a generating module back to a measurement phase', () => {
    const { store, runId, session, warnings } = fresh();
    measured(session);
    session.startGenerating(MODULE, 'model');
    session.advance(MODULE, states(MODULE).base);
    session.advance(MODULE, states(MODULE).analysed);
    expect(positions(store, runId)).toEqual(['analysed:null', 'head-measured:null', 'base-measured:null', 'generating:1']);
    expect(warnings).toEqual([]);
  });
});

describe('RunSession generation steps from the event stream', () => {
  it('checkpoints validated(1), then generating(2) and validated(2) when the heal turn candidate is validated, then kept', () => {
    const { store, runId, bus, session, warnings } = fresh();
    measured(session);
    session.startGenerating(MODULE, 'model');
    bus.emit(validated(1, 2));
    expect(store.moduleState(runId, MODULE)?.current).toEqual({ phase: 'validated', attempt: 1, data: { verdict: 'kept', kept: 1, dropped: 2 } });
    bus.emit(healTurn);
    // The turn's attempt is not recorded until it has a candidate (a turn may produce none).
    expect(store.moduleState(runId, MODULE)?.current).toMatchObject({ phase: 'validated', attempt: 1 });
    bus.emit(validated(3, 0));
    expect(store.moduleState(runId, MODULE)?.current).toEqual({ phase: 'validated', attempt: 2, data: { verdict: 'kept', kept: 3, dropped: 0 } });
    session.finish(MODULE, keptOutcome(MODULE));

    const progress = store.moduleState(runId, MODULE);
    expect(positions(store, runId)).toEqual(['analysed:null', 'head-measured:null', 'base-measured:null', 'generating:1', 'validated:1', 'generating:2', 'validated:2', 'kept:null']);
    expect(progress?.finished).toBe(true);
    expect(progress?.current).toEqual({ phase: 'kept', attempt: null, data: { outcome: keptOutcome(MODULE) } });
    expect(warnings).toEqual([]);
  });

  it('stores the step events with the checkpoint they caused', () => {
    const { store, runId, bus, session } = fresh();
    measured(session);
    session.startGenerating(MODULE, 'model');
    bus.emit(validated(1, 0));
    expect(store.loadEvents(runId).map((event) => event.type)).toEqual(['candidate-validated']);
  });

  it('maps a verdict other than kept or file-failed to nothing-kept', () => {
    const { store, runId, bus, session } = fresh();
    measured(session);
    session.startGenerating(MODULE, 'model');
    bus.emit(validated(0, 4, 'nothing-kept'));
    expect(store.moduleState(runId, MODULE)?.current.data).toEqual({ verdict: 'nothing-kept', kept: 0, dropped: 4 });
  });

  it('starts an attempt itself when a validation comes without startGenerating (the generators only emit events)', () => {
    const { store, runId, bus, session } = fresh();
    measured(session);
    bus.emit(validated(1, 0, 'file-failed'));
    expect(positions(store, runId).slice(3)).toEqual(['generating:1', 'validated:1']);
    expect(store.moduleState(runId, MODULE)?.current.data).toEqual({ verdict: 'file-failed', kept: 1, dropped: 0 });
  });

  it('ignores steps of a module it never checkpointed', () => {
    const { store, runId, bus, session, warnings } = fresh();
    measured(session);
    bus.emit({ ...validated(1, 0), path: 'src/unknown.ts' });
    expect(store.moduleState(runId, 'src/unknown.ts')).toBeNull();
    expect(warnings).toEqual([]);
  });

  it('ends a module with nothing kept as dropped, and a failed one as failed', () => {
    const { store, runId, session } = fresh();
    measured(session, 'src/x.ts');
    measured(session, 'src/y.ts');
    const dropped = states().dropped;
    const failed = states().failed;
    if (dropped.phase !== 'dropped' || failed.phase !== 'failed') throw new Error('fixture phases changed');
    session.finish('src/x.ts', dropped.data.outcome);
    session.finish('src/y.ts', failed.data.outcome);
    expect(store.moduleState(runId, 'src/x.ts')?.current.phase).toBe('dropped');
    expect(store.moduleState(runId, 'src/y.ts')?.current.phase).toBe('failed');
  });

  // Fails on the current src: a module whose best file came from an earlier turn ends 'kept' even when
  // the healing turn after it produced nothing to validate (its call refused by the budget, a failed
  // call, an unusable answer, a healing prompt over max-prompt-tokens). The heal-turn event already
  // checkpointed generating(k+1), and finish() returns silently for kept unless the module is at
  // validated, so the module is never recorded as finished (a resume redoes it).
  it('records kept when the heal turn after a kept validation produced nothing to validate', () => {
    const { store, runId, bus, session } = fresh();
    measured(session);
    session.startGenerating(MODULE, 'model');
    bus.emit(validated(1, 1));
    bus.emit(healTurn); // generate-for-module emits this, then the healing call is refused by the budget
    session.finish(MODULE, keptOutcome(MODULE));
    expect(store.moduleState(runId, MODULE)?.current.phase).toBe('kept');
  });
});

describe('RunSession on a resumed run', () => {
  it('sees the modules the interrupted run finished, with their stored outcome', () => {
    const first = fresh();
    measured(first.session);
    first.session.startGenerating(MODULE, 'model');
    first.bus.emit(validated(1, 1));
    first.session.finish(MODULE, keptOutcome(MODULE));
    measured(first.session, 'src/b.ts'); // not finished
    first.session.end('interrupted');

    const resumed = reopen(first.path, first.runId);
    expect([...resumed.session.finished.keys()]).toEqual([MODULE]);
    expect(resumed.session.finished.get(MODULE)).toEqual(keptOutcome(MODULE));
    expect(first.session.finished.size).toBe(0); // the first session started with nothing finished
  });

  it('does not checkpoint a finished module again', () => {
    const first = fresh();
    measured(first.session);
    first.session.startGenerating(MODULE, 'model');
    first.bus.emit(validated(1, 1));
    first.session.finish(MODULE, keptOutcome(MODULE));
    first.session.close();

    const resumed = reopen(first.path, first.runId);
    resumed.session.startGenerating(MODULE, 'model');
    resumed.bus.emit(validated(1, 0));
    resumed.session.finish(MODULE, { ...keptOutcome(MODULE), files: [], generation: { ...keptOutcome(MODULE).generation, outcome: 'failed' } });
    expect(positions(resumed.store, first.runId).at(-1)).toBe('kept:null');
    expect(positions(resumed.store, first.runId)).toHaveLength(6);
    expect(resumed.warnings).toEqual([]);
  });

  it('gives the ledger state the bound ledger saved last', () => {
    const first = fresh();
    expect(first.session.savedLedger()).toBeNull();
    const ledger = new BudgetLedger({ limits: LIMITS, price: PRICE, promptMargin: MARGIN });
    first.session.bindLedger(ledger);
    const granted = ledger.reserve({ module: MODULE, promptTokens: 1000, maxCompletionTokens: 500, label: 'generate' });
    if (isRefusal(granted)) throw new Error(granted.refused);
    expect(first.session.savedLedger()?.calls.map((call) => call.state)).toEqual(['outstanding']);
    ledger.settle(granted, { inputTokens: 900, outputTokens: 200 });
    first.session.end('interrupted');

    const resumed = reopen(first.path, first.runId);
    const saved = resumed.session.savedLedger();
    expect(saved).toEqual(ledger.exportState());
    expect(saved?.calls).toHaveLength(1);
    expect(saved?.calls[0]).toMatchObject({ module: MODULE, label: 'generate', state: 'settled', charged: 'usage', inputTokens: 900, outputTokens: 200 });
    expect(BudgetLedger.fromState(saved!).totals()).toEqual(ledger.totals());
  });
});

describe('RunSession.replay', () => {
  it('finds an answer recorded in the same run, and none in another run', () => {
    const first = fresh();
    const key = answerKeyOf('generate src/a.ts');
    expect(first.session.replay.find(key)).toBeNull();
    first.session.replay.record(key, REPLY);
    const other = first.store.createRun({ ...RUN, head: 'c'.repeat(40) });
    first.session.close();

    const resumed = reopen(first.path, first.runId);
    expect(resumed.session.replay.find(key)).toEqual(REPLY);
    expect(resumed.session.replay.find(answerKeyOf('another call'))).toBeNull();
    const otherSession = new RunSession(resumed.store, other.id, true, new EventBus());
    expect(otherSession.replay.find(key)).toBeNull();
  });

  it('saves the bound ledger with the answer it paid for', () => {
    const { store, runId, session } = fresh();
    const ledger = new BudgetLedger({ limits: LIMITS, price: PRICE, promptMargin: MARGIN });
    session.bindLedger(ledger);
    const granted = ledger.reserve({ module: MODULE, promptTokens: 100, maxCompletionTokens: 300 });
    if (isRefusal(granted)) throw new Error(granted.refused);
    ledger.settle(granted, { inputTokens: 90, outputTokens: 40 });
    session.replay.record(answerKeyOf('x'), REPLY);
    expect(store.loadLedger(runId)).toEqual(ledger.exportState());
  });
});

describe('RunSession when the store fails', () => {
  it('turns the first failure into exactly one warning, then does nothing and never throws', () => {
    const { store, runId, bus, session, warnings } = fresh();
    measured(session, 'src/b.ts');
    store.close(); // every later store call throws
    expect(() => session.advance(MODULE, states().analysed)).not.toThrow();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^the run store failed \(.+\); the run goes on without it and cannot be resumed$/);
    expect(warnings[0]).not.toContain('\n');

    expect(() => {
      session.advance('src/c.ts', states('src/c.ts').analysed);
      session.startGenerating('src/b.ts', 'model');
      bus.emit({ ...validated(1, 0), path: 'src/b.ts' });
      session.finish('src/b.ts', keptOutcome('src/b.ts'));
      session.saveMeasurement('head', { source: null, coverage: { files: new Map(), failures: new Map(), testsByPackage: new Map(), failedCasesByPackage: new Map() } });
      session.replay.record(answerKeyOf('x'), REPLY);
      session.cachePut({ moduleContent: 'x', framework: 'vitest', frameworkVersion: '3', model: 'm', promptVersion: 'v', testPath: 'src/a.test.ts' }, { module: MODULE, files: [], coverage: null, generation: keptOutcome().generation, sourceRunId: runId });
      session.end('completed');
    }).not.toThrow();
    expect(session.replay.find(answerKeyOf('x'))).toBeNull();
    expect(session.savedLedger()).toBeNull();
    expect(session.measurement('head')).toBeNull();
    expect(warnings).toHaveLength(1);
  });

  it('treats a checkpoint the store refuses as the one failure (a module path that is not repository-relative)', () => {
    const { store, runId, session, warnings } = fresh();
    session.advance('/abs/outside.ts', states().analysed);
    expect(warnings).toHaveLength(1);
    measured(session); // the session is off the store now
    expect(store.moduleStates(runId)).toEqual([]);
    expect(warnings).toHaveLength(1);
  });

  it('keeps a failing ledger save from reaching the ledger\'s caller', () => {
    const { store, session, warnings } = fresh();
    const ledger = new BudgetLedger({ limits: LIMITS, price: PRICE, promptMargin: MARGIN });
    session.bindLedger(ledger);
    store.close();
    const granted = ledger.reserve({ module: MODULE, promptTokens: 100, maxCompletionTokens: 300 }); // saving fails: no throw
    if (isRefusal(granted)) throw new Error(granted.refused);
    expect(ledger.settle(granted, { inputTokens: 90, outputTokens: 40 }).state).toBe('settled');
    expect(warnings).toHaveLength(1);
  });
});

describe('RunSession.end', () => {
  it('marks the run interrupted and appends the events no checkpoint took', () => {
    const { path, runId, bus, session } = fresh();
    bus.emit({ type: 'phase-started', phase: 'generation' }); // goes with the next checkpoint
    measured(session);
    bus.emit({ type: 'generation-started', path: MODULE, uncoveredLines: 3 });
    bus.emit({ type: 'warning', message: 'something worth keeping' });
    session.end('interrupted');
    bus.emit({ type: 'run-interrupted', runId }); // after the end: not recorded

    const store = open(path);
    expect(store.getRun(runId)?.status).toBe('interrupted');
    const stored: TimelineEvent[] = store.loadEvents(runId);
    expect(stored.map((event) => event.type)).toEqual(['phase-started', 'generation-started', 'warning']);
    expect(stored[2]).toMatchObject({ type: 'warning', message: 'something worth keeping' });
  });

  it('marks a completed run completed', () => {
    const { path, runId, session } = fresh();
    session.end('completed');
    expect(open(path).getRun(runId)?.status).toBe('completed');
  });
});
