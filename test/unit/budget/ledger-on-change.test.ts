/**
 * BudgetLedger.onChange: the listener runs once, synchronously, after every change (a reservation
 * granted or refused, a settle, a release, a failed attempt), sees the ledger already changed, and
 * stops once unsubscribed.
 */
import { describe, expect, it } from 'vitest';
import { BudgetLedger } from '../../../src/budget/ledger.js';
import { isRefusal, type Reservation, type ReserveRequest } from '../../../src/budget/ledger-types.js';
import type { BudgetLimits } from '../../../src/budget/limits.js';

const LIMITS: BudgetLimits = { maxCostUsd: 1, maxTokens: null, maxLlmCalls: null, maxCostPerModuleUsd: null };
const PRICE = { inputPerMTokUsd: 1, outputPerMTokUsd: 2 };
const REQUEST: ReserveRequest = { module: 'src/a.ts', promptTokens: 1000, maxCompletionTokens: 500, label: 'generate' };

/** A ledger with a listener that records, at each call, the states of the ledger's calls. */
function watched(limits: Partial<BudgetLimits> = {}) {
  const ledger = new BudgetLedger({ limits: { ...LIMITS, ...limits }, price: PRICE });
  const seen: string[][] = [];
  const unsubscribe = ledger.onChange(() => seen.push(ledger.calls().map((call) => `${call.state}:${String(call.charged)}`)));
  const reserve = (request: ReserveRequest = REQUEST): Reservation => {
    const result = ledger.reserve(request);
    if (isRefusal(result)) throw new Error(result.refused);
    return result;
  };
  return { ledger, seen, unsubscribe, reserve };
}

describe('BudgetLedger.onChange', () => {
  it('is called once after a granted reservation, seeing it outstanding', () => {
    const { seen, reserve } = watched();
    reserve();
    expect(seen).toEqual([['outstanding:null']]);
  });

  it('is called once after a refused reservation, with stoppedByBudget already set', () => {
    const { ledger, seen } = watched({ maxCostUsd: 0.0001 });
    let stoppedWhenCalled: boolean | null = null;
    ledger.onChange(() => {
      stoppedWhenCalled = ledger.stoppedByBudget;
    });
    expect(isRefusal(ledger.reserve(REQUEST))).toBe(true);
    expect(seen).toEqual([[]]);
    expect(stoppedWhenCalled).toBe(true);
  });

  it('is called once after settle', () => {
    const { ledger, seen, reserve } = watched();
    const reservation = reserve();
    ledger.settle(reservation, { inputTokens: 900, outputTokens: 100 });
    expect(seen).toEqual([['outstanding:null'], ['settled:usage']]);
  });

  it('is called once after settle without usage (worst case charged)', () => {
    const { ledger, seen, reserve } = watched();
    ledger.settle(reserve(), null);
    expect(seen.at(-1)).toEqual(['settled:worst-case']);
    expect(seen).toHaveLength(2);
  });

  it('is called once after release', () => {
    const { ledger, seen, reserve } = watched();
    ledger.release(reserve());
    expect(seen).toEqual([['outstanding:null'], ['released:null']]);
  });

  it.each([
    ['not sent (released)', { kind: 'not-sent' } as const, 'released:null'],
    ['a 4xx answer (rejected)', { kind: 'http-error', status: 400 } as const, 'settled:rejected'],
    ['a 5xx answer (worst case)', { kind: 'http-error', status: 503 } as const, 'settled:worst-case'],
    ['no response (worst case)', { kind: 'no-response' } as const, 'settled:worst-case'],
  ])('is called once after failAttempt: %s', (_name, failure, state) => {
    const { ledger, seen, reserve } = watched();
    ledger.failAttempt(reserve(), failure);
    expect(seen).toEqual([['outstanding:null'], [state]]);
  });

  it('is not called for a refused settle (an unknown or settled reservation) or for reads', () => {
    const { ledger, seen, reserve } = watched();
    const reservation = reserve();
    ledger.settle(reservation, { inputTokens: 1, outputTokens: 1 });
    expect(() => ledger.settle(reservation, null)).toThrow(/already settled/);
    ledger.totals();
    ledger.snapshot();
    ledger.exportState();
    expect(seen).toHaveLength(2);
  });

  it('stops after unsubscribe, and other listeners go on', () => {
    const { ledger, seen, unsubscribe, reserve } = watched();
    let other = 0;
    ledger.onChange(() => {
      other += 1;
    });
    reserve();
    unsubscribe();
    unsubscribe(); // twice is harmless
    ledger.release(reserve({ ...REQUEST, label: 'heal-1' }));
    expect(seen).toHaveLength(1);
    expect(other).toBe(3);
  });

  it('is not called while a saved state is restored, only for changes after', () => {
    const { ledger, reserve } = watched();
    reserve(); // outstanding at the "interruption": fromState charges it its worst case
    const restored = BudgetLedger.fromState(ledger.exportState());
    let calls = 0;
    restored.onChange(() => {
      calls += 1;
    });
    expect(restored.calls().map((call) => call.charged)).toEqual(['worst-case']);
    expect(calls).toBe(0);
    const next = restored.reserve(REQUEST);
    if (isRefusal(next)) throw new Error(next.refused);
    expect(calls).toBe(1);
  });
});
