import { afterEach, describe, expect, it } from 'vitest';
import { type LedgerState, ledgerStateSchema } from '../../../src/budget/ledger-state.js';
import { openRunStore } from '../../../src/store/open-run-store.js';
import type { RunStore } from '../../../src/store/run-store.js';
import { busyLedger, LIMITS, ledgerStateOf, RUN, tempStorePath } from './store-fixtures.js';
import type { TimelineEvent } from '../../../src/events/types.js';

let store: RunStore | undefined;
afterEach(() => store?.close());

function open(path = tempStorePath()): RunStore {
  store = openRunStore(path, { onCorrupt: 'throw' });
  return store;
}

describe('ledger state', () => {
  it("round-trips a real ledger's state through the store, replacing the previous save, across a reopen", () => {
    const path = tempStorePath();
    const s = open(path);
    const run = s.createRun(RUN);
    expect(s.loadLedger(run.id)).toBeNull();
    const ledger = busyLedger();
    s.saveLedger(run.id, ledgerStateOf(ledger));
    ledger.reserve({ module: 'src/c.ts', promptTokens: 100, maxCompletionTokens: 100 });
    const later = ledgerStateOf(ledger);
    s.saveLedger(run.id, later);
    s.close();
    const loaded = open(path).loadLedger(run.id);
    expect(loaded).toEqual(later);
    expect(loaded?.calls.map((call) => call.state)).toEqual(['settled', 'released', 'settled', 'settled', 'outstanding', 'outstanding']);
    expect(loaded?.run.heldCalls).toBe(2);
  });

  it('accepts the states of real ledgers, including one stopped by the budget', () => {
    expect(ledgerStateSchema.safeParse(ledgerStateOf(busyLedger())).success).toBe(true);
    const stopped = busyLedger({ ...LIMITS, maxCostUsd: 0.02 });
    stopped.reserve({ module: 'src/a.ts', promptTokens: 100_000, maxCompletionTokens: 4000 });
    expect(stopped.stoppedByBudget).toBe(true);
    expect(ledgerStateSchema.safeParse(ledgerStateOf(stopped)).success).toBe(true);
  });

  const broken: readonly [string, (state: LedgerState) => LedgerState, string][] = [
    ['lowered run spend', (s) => ({ ...s, run: { ...s.run, costMicros: s.run.costMicros - 1 } }), 'run.costMicros is'],
    ['a module dropped', (s) => ({ ...s, modules: s.modules.slice(1) }), 'its modules add up to'],
    ['a call removed', (s) => ({ ...s, calls: s.calls.slice(1) }), 'the call records add up to'],
    ['a duplicate reservation id', (s) => ({ ...s, calls: [...s.calls, s.calls[0]!] }), 'a reservation id appears twice'],
    ['an id past nextReservationId', (s) => ({ ...s, nextReservationId: 2 }), 'not below nextReservationId'],
    ['over the limit but not stopped', (s) => ({ ...s, limits: { ...s.limits, maxCostUsd: 0.001 } }), 'stoppedByBudget is false'],
    ['a negative figure', (s) => ({ ...s, run: { ...s.run, inputTokens: -1 } }), 'run.inputTokens'],
    ['an unknown key', (s) => ({ ...s, extra: 1 }) as LedgerState, 'Unrecognized key'],
  ];
  it.each(broken)('refuses a state with %s', (_name, edit, message) => {
    const result = ledgerStateSchema.safeParse(edit(ledgerStateOf(busyLedger())));
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(message);
  });

  it('refuses to save an inconsistent state and keeps the last good one', () => {
    const s = open();
    const run = s.createRun(RUN);
    const good = ledgerStateOf(busyLedger());
    s.saveLedger(run.id, good);
    expect(() => s.saveLedger(run.id, { ...good, run: { ...good.run, calls: 0 } })).toThrow(/refused to store the budget ledger of run .*: inconsistent budget ledger: run.calls is 0 but its modules add up to 3/);
    expect(s.loadLedger(run.id)).toEqual(good);
  });
});

describe('events', () => {
  const event = (n: number): TimelineEvent => ({ type: 'warning', message: `w${String(n)}`, atMs: n });

  it('keeps events in append order across batches and runs', () => {
    const s = open();
    const a = s.createRun(RUN);
    const b = s.createRun(RUN);
    expect(s.appendEvents(a.id, [event(1), event(2)])).toBe(2);
    s.appendEvents(b.id, [event(100)]);
    expect(s.appendEvents(a.id, [event(3)])).toBe(3);
    expect(s.appendEvents(a.id, [])).toBe(3);
    expect(s.loadEvents(a.id)).toEqual([event(1), event(2), event(3)]);
    expect(s.loadEvents(b.id)).toEqual([event(100)]);
  });

  it('keeps every field of an event', () => {
    const s = open();
    const run = s.createRun(RUN);
    const call: TimelineEvent = { type: 'model-call', path: 'src/a.ts', label: 'generate', attempt: 1, charged: 'usage', inputTokens: 10, outputTokens: 5, costUsd: 0.001, runCostUsd: 0.002, atMs: 12.5 };
    s.appendEvents(run.id, [call]);
    expect(s.loadEvents(run.id)).toEqual([call]);
  });

  it('stores a batch whole or not at all', () => {
    const s = open();
    const run = s.createRun(RUN);
    s.appendEvents(run.id, [event(1)]);
    const bad = { type: 'warning', message: 'no time' } as unknown as TimelineEvent;
    expect(() => s.appendEvents(run.id, [event(2), bad])).toThrow(/refused to store the event #2 of the batch/);
    expect(s.loadEvents(run.id)).toEqual([event(1)]);
    expect(() => s.appendEvents('missing', [event(1)])).toThrow(/no run missing/);
  });
});
