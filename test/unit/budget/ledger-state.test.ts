// The ledger as data and back: what an interrupted run saves and continues from. The state passes
// its own schema (invariants included), a reservation outstanding at the interruption is charged its
// worst case, and the ceiling holds across any number of interruptions.
import { describe, expect, it } from 'vitest';
import { BudgetLedger } from '../../../src/budget/ledger.js';
import { ledgerStateSchema } from '../../../src/budget/ledger-state.js';
import { isRefusal, type ReserveRequest } from '../../../src/budget/ledger-types.js';
import type { ModelPrice } from '../../../src/budget/limits.js';
import { mulberry32 } from './prng.js';

const PRICE: ModelPrice = { inputPerMTokUsd: 2.5, outputPerMTokUsd: 10 };
/** 1000 prompt + 500 completion tokens = $0.0075 without margin. */
const CALL: ReserveRequest = { module: 'src/a.ts', promptTokens: 1000, maxCompletionTokens: 500 };

describe('BudgetLedger.exportState / fromState', () => {
  it('round-trips a ledger and charges a reservation left outstanding its worst case', () => {
    const ledger = new BudgetLedger({ limits: { maxCostUsd: 1, maxTokens: null, maxLlmCalls: 10, maxCostPerModuleUsd: null }, price: PRICE, promptMargin: { ratio: 0, tokens: 0 } });
    const first = ledger.reserve(CALL);
    const second = ledger.reserve({ ...CALL, module: 'src/b.ts', label: 'heal-1' });
    if (isRefusal(first) || isRefusal(second)) throw new Error('expected reservations');
    ledger.settle(first, { inputTokens: 900, outputTokens: 100 });

    const state = ledgerStateSchema.parse(JSON.parse(JSON.stringify(ledger.exportState())));
    expect(state.calls.map((call) => call.state)).toEqual(['settled', 'outstanding']);

    const resumed = BudgetLedger.fromState(state);
    // 900*2.5e-6 + 100*10e-6 = 0.00325 charged, plus the outstanding call's worst case 0.0075.
    expect(resumed.totals()).toEqual({ inputTokens: 1900, outputTokens: 600, costUsd: 0.01075, llmCalls: 2 });
    expect(resumed.outstanding().reservations).toBe(0);
    expect(resumed.calls()[1]).toMatchObject({ id: second.id, state: 'settled', charged: 'worst-case', label: 'heal-1' });
    expect(resumed.moduleTotals('src/b.ts').costUsd).toBe(0.0075);
    // Reservation ids go on from where they stopped; the resumed state is valid again.
    const next = resumed.reserve(CALL);
    if (isRefusal(next)) throw new Error('expected a reservation');
    expect(next.id).toBe(3);
    expect(ledgerStateSchema.safeParse(resumed.exportState()).success).toBe(true);
  });

  it('refuses an edited state whose sums do not add up', () => {
    const ledger = new BudgetLedger({ limits: { maxCostUsd: 1, maxTokens: null, maxLlmCalls: null, maxCostPerModuleUsd: null }, price: PRICE });
    const reservation = ledger.reserve(CALL);
    if (isRefusal(reservation)) throw new Error('expected a reservation');
    ledger.settle(reservation, { inputTokens: 1000, outputTokens: 500 });
    const state = ledger.exportState();
    const edited = { ...state, run: { ...state.run, costMicros: 0 } };
    expect(ledgerStateSchema.safeParse(edited).success).toBe(false);
  });

  it('keeps total spend under the ceiling across repeated interruptions with calls in flight', () => {
    const prng = mulberry32(20261124);
    const random = (): number => prng.next();
    for (let trial = 0; trial < 50; trial++) {
      const maxCostUsd = 0.05 + random() * 0.2;
      let ledger = new BudgetLedger({ limits: { maxCostUsd, maxTokens: null, maxLlmCalls: null, maxCostPerModuleUsd: null }, price: PRICE });
      for (let round = 0; round < 6; round++) {
        const inFlight = [];
        for (let call = 0; call < 8; call++) {
          const reservation = ledger.reserve({ module: `src/m${call % 3}.ts`, promptTokens: 500 + Math.floor(random() * 2000), maxCompletionTokens: 1000 });
          if (isRefusal(reservation)) break;
          inFlight.push(reservation);
        }
        // Some calls come back (within their reservation), the rest are in flight at the interruption.
        for (const reservation of inFlight) {
          if (random() < 0.5) ledger.settle(reservation, { inputTokens: Math.floor(reservation.promptTokens * random()), outputTokens: Math.floor(1000 * random()) });
        }
        ledger = BudgetLedger.fromState(ledgerStateSchema.parse(ledger.exportState()));
        expect(ledger.totals().costUsd).toBeLessThanOrEqual(maxCostUsd + 1e-9);
      }
    }
  });
});
