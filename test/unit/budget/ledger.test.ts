import { describe, expect, it } from 'vitest';
import { chargeForFailedAttempt } from '../../../src/budget/failed-attempt.js';
import { BudgetLedger } from '../../../src/budget/ledger.js';
import { isRefusal, type Refusal, type Reservation, type ReserveRequest } from '../../../src/budget/ledger-types.js';
import type { BudgetLimits, ModelPrice } from '../../../src/budget/limits.js';
import { usageFromOpenAi } from '../../../src/budget/openai-usage.js';
import { BudgetError, ConfigurationError } from '../../../src/errors/errors.js';

const PRICE: ModelPrice = { inputPerMTokUsd: 2.5, outputPerMTokUsd: 10, cachedInputPerMTokUsd: 1.25 };
const NO_LIMITS: BudgetLimits = { maxCostUsd: 1000, maxTokens: null, maxLlmCalls: null, maxCostPerModuleUsd: null };
const NO_MARGIN = { ratio: 0, tokens: 0 };

function ledger(limits: Partial<BudgetLimits> = {}, price: ModelPrice = PRICE, promptMargin = NO_MARGIN): BudgetLedger {
  return new BudgetLedger({ limits: { ...NO_LIMITS, ...limits }, price, promptMargin });
}

function granted(result: Reservation | Refusal): Reservation {
  if (isRefusal(result)) throw new Error(`expected a reservation, got a refusal: ${result.refused}`);
  return result;
}

function refused(result: Reservation | Refusal): Refusal {
  if (!isRefusal(result)) throw new Error(`expected a refusal, got reservation #${result.id}`);
  return result;
}

/** 1000 prompt + 500 completion tokens at 2.5 / 10 USD per MTok = $0.0075 without margin. */
const CALL: ReserveRequest = { module: 'src/a.ts', promptTokens: 1000, maxCompletionTokens: 500 };

describe('BudgetLedger.reserve', () => {
  it('reserves the worst case: prompt estimate with its margin plus the completion cap, at the input price', () => {
    const withDefaultMargin = new BudgetLedger({ limits: NO_LIMITS, price: PRICE });
    const reservation = granted(withDefaultMargin.reserve({ ...CALL, label: 'generate' }));
    // 10% + 64 tokens: 1000 -> 1164 prompt tokens; 1164 * 2.5 + 500 * 10 = 7910 micro-dollars.
    expect(reservation).toMatchObject({ module: 'src/a.ts', label: 'generate', attempt: 1, promptTokens: 1000, reservedPromptTokens: 1164, maxCompletionTokens: 500 });
    expect(reservation.worstCaseUsd).toBe(0.00791);
    expect(withDefaultMargin.outstanding()).toEqual({ reservations: 1, costUsd: 0.00791, tokens: 1664 });
    expect(withDefaultMargin.totals()).toEqual({ inputTokens: 0, outputTokens: 0, costUsd: 0, llmCalls: 0 });
  });

  it('prices the worst case with the cached rate when a config makes cache hits dearer', () => {
    const odd = ledger({}, { inputPerMTokUsd: 1, outputPerMTokUsd: 1, cachedInputPerMTokUsd: 3 });
    expect(granted(odd.reserve(CALL)).worstCaseUsd).toBe(0.0035);
  });

  it('refuses a call whose worst case would cross max-cost-usd, and charges nothing', () => {
    const budget = ledger({ maxCostUsd: 0.007 });
    const refusal = refused(budget.reserve(CALL));
    expect(refusal.limit).toBe('max-cost-usd');
    expect(refusal.refused).toMatch(/^max-cost-usd: this call's worst case \(\$0\.0075: 1000 prompt \+ 500 completion tokens\) does not fit: \$0\.00 of \$0\.007/);
    expect(budget.stoppedByBudget).toBe(true);
    expect(budget.outstanding().reservations).toBe(0);
    expect(budget.snapshot().costUsd).toBe(0);
  });

  it('admits a call that lands exactly on the ceiling', () => {
    const budget = ledger({ maxCostUsd: 0.0075 });
    granted(budget.reserve(CALL));
    expect(budget.stoppedByBudget).toBe(false);
    expect(budget.remaining().costUsd).toBe(0);
  });

  it('counts outstanding reservations: a second call waits for the first to settle', () => {
    const budget = ledger({ maxCostUsd: 0.012 });
    const first = granted(budget.reserve(CALL));
    expect(refused(budget.reserve({ ...CALL, module: 'src/b.ts' })).limit).toBe('max-cost-usd');
    budget.settle(first, { inputTokens: 1000, outputTokens: 100 }); // $0.0035
    const second = granted(budget.reserve({ ...CALL, module: 'src/b.ts' }));
    expect(second.id).toBe(2);
    expect(budget.remaining().costUsd).toBe(0.001);
  });

  it('enforces the per-module cap separately from the run ceiling', () => {
    const budget = ledger({ maxCostUsd: 1, maxCostPerModuleUsd: 0.01 });
    granted(budget.reserve(CALL));
    const refusal = refused(budget.reserve(CALL));
    expect(refusal.limit).toBe('max-cost-per-module-usd');
    expect(refusal.refused).toContain('for src/a.ts');
    granted(budget.reserve({ ...CALL, module: 'src/b.ts' }));
    expect(budget.modules()).toEqual(['src/a.ts', 'src/b.ts']);
  });

  it('enforces max-tokens on prompt plus completion, held and charged', () => {
    const budget = ledger({ maxTokens: 3000 });
    const first = granted(budget.reserve(CALL));
    granted(budget.reserve(CALL));
    expect(refused(budget.reserve(CALL)).limit).toBe('max-tokens');
    budget.settle(first, { inputTokens: 1000, outputTokens: 0 });
    expect(budget.remaining().tokens).toBe(3000 - 1000 - 1500);
    expect(refused(budget.reserve(CALL)).refused).toMatch(/^max-tokens: this call may use 1500 tokens/);
    granted(budget.reserve({ ...CALL, promptTokens: 400, maxCompletionTokens: 100 }));
    expect(budget.remaining().tokens).toBe(0);
  });

  it('enforces max-llm-calls; a released attempt gives its call back, a rejected one does not', () => {
    const budget = ledger({ maxLlmCalls: 2 });
    const first = granted(budget.reserve(CALL));
    const second = granted(budget.reserve(CALL));
    expect(refused(budget.reserve(CALL)).limit).toBe('max-llm-calls');
    budget.release(first);
    const third = granted(budget.reserve(CALL));
    budget.failAttempt(second, { kind: 'http-error', status: 429 });
    budget.settle(third, { inputTokens: 10, outputTokens: 10 });
    expect(budget.totals().llmCalls).toBe(2);
    expect(refused(budget.reserve(CALL)).refused).toBe('max-llm-calls: all 2 model calls are already made or under way');
  });

  it('refuses a malformed request with a BudgetError', () => {
    const budget = ledger();
    expect(() => budget.reserve({ ...CALL, promptTokens: -1 })).toThrow(BudgetError);
    expect(() => budget.reserve({ ...CALL, maxCompletionTokens: 0 })).toThrow(/maxCompletionTokens/);
    expect(() => budget.reserve({ ...CALL, module: '' })).toThrow(/module/);
    expect(() => budget.reserve({ ...CALL, promptTokens: 1.5 })).toThrow(/promptTokens/);
  });
});

describe('BudgetLedger.settle / release / failAttempt', () => {
  it('replaces the reservation by the cost of the usage, cached tokens at the cached rate', () => {
    const budget = ledger();
    const reservation = granted(budget.reserve(CALL));
    const record = budget.settle(reservation, { inputTokens: 800, outputTokens: 300, cachedInputTokens: 400 });
    // 400 * 2.5 + 400 * 1.25 + 300 * 10 = 4500 micro-dollars.
    expect(record).toMatchObject({ state: 'settled', charged: 'usage', inputTokens: 800, outputTokens: 300, cachedInputTokens: 400, costUsd: 0.0045, overshootUsd: 0 });
    expect(budget.outstanding()).toEqual({ reservations: 0, costUsd: 0, tokens: 0 });
    expect(budget.totals()).toEqual({ inputTokens: 800, outputTokens: 300, costUsd: 0.0045, llmCalls: 1 });
    expect(budget.moduleTotals('src/a.ts')).toEqual(budget.totals());
    expect(budget.moduleTotals('src/other.ts')).toEqual({ inputTokens: 0, outputTokens: 0, costUsd: 0, llmCalls: 0 });
  });

  it('charges the worst case when no usage is reported, or the usage is unusable', () => {
    const budget = ledger();
    const noUsage = budget.settle(granted(budget.reserve(CALL)), null);
    expect(noUsage).toMatchObject({ charged: 'worst-case', inputTokens: 1000, outputTokens: 500, costUsd: 0.0075 });
    const garbage = budget.settle(granted(budget.reserve(CALL)), { inputTokens: Number.NaN, outputTokens: 3 });
    expect(garbage).toMatchObject({ charged: 'worst-case', costUsd: 0.0075 });
    expect(budget.totals()).toEqual({ inputTokens: 2000, outputTokens: 1000, costUsd: 0.015, llmCalls: 2 });
  });

  it('releases an attempt that was never sent: no cost, no tokens, no call', () => {
    const budget = ledger({ maxCostUsd: 0.0075 });
    const reservation = granted(budget.reserve(CALL));
    expect(budget.release(reservation)).toMatchObject({ state: 'released', charged: null, costUsd: 0 });
    expect(budget.totals()).toEqual({ inputTokens: 0, outputTokens: 0, costUsd: 0, llmCalls: 0 });
    granted(budget.reserve(CALL));
  });

  it('applies the failed-attempt rule: not sent = release, 4xx = one call at no cost, 5xx or lost = worst case', () => {
    expect(chargeForFailedAttempt({ kind: 'not-sent' })).toBe('release');
    for (const status of [400, 401, 404, 408, 429]) expect(chargeForFailedAttempt({ kind: 'http-error', status })).toBe('rejected');
    for (const status of [500, 502, 503, 504]) expect(chargeForFailedAttempt({ kind: 'http-error', status })).toBe('worst-case');
    expect(chargeForFailedAttempt({ kind: 'no-response' })).toBe('worst-case');

    const budget = ledger();
    expect(budget.failAttempt(granted(budget.reserve(CALL)), { kind: 'not-sent' }).state).toBe('released');
    expect(budget.failAttempt(granted(budget.reserve(CALL)), { kind: 'http-error', status: 429 })).toMatchObject({ state: 'settled', charged: 'rejected', costUsd: 0 });
    expect(budget.failAttempt(granted(budget.reserve(CALL)), { kind: 'http-error', status: 503 })).toMatchObject({ charged: 'worst-case', costUsd: 0.0075 });
    expect(budget.failAttempt(granted(budget.reserve(CALL)), { kind: 'no-response' })).toMatchObject({ charged: 'worst-case', costUsd: 0.0075 });
    expect(budget.totals()).toEqual({ inputTokens: 2000, outputTokens: 1000, costUsd: 0.015, llmCalls: 3 });
  });

  it('charges each SDK attempt of one request separately (the caller reserves per attempt)', () => {
    const budget = ledger({ maxLlmCalls: 3 });
    const attempts: Reservation[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) attempts.push(granted(budget.reserve({ ...CALL, label: 'heal-1', attempt })));
    budget.failAttempt(attempts[0]!, { kind: 'http-error', status: 429 });
    budget.failAttempt(attempts[1]!, { kind: 'no-response' });
    budget.settle(attempts[2]!, { inputTokens: 1000, outputTokens: 200 });
    expect(budget.calls().map((call) => [call.attempt, call.charged, call.costUsd])).toEqual([
      [1, 'rejected', 0],
      [2, 'worst-case', 0.0075],
      [3, 'usage', 0.0045],
    ]);
    expect(budget.totals().llmCalls).toBe(3);
  });

  it('settles or releases each reservation exactly once, and only its own', () => {
    const budget = ledger();
    const reservation = granted(budget.reserve(CALL));
    budget.settle(reservation, { inputTokens: 1, outputTokens: 1 });
    expect(() => budget.settle(reservation, null)).toThrow(/already settled/);
    expect(() => budget.release(reservation)).toThrow(BudgetError);
    const other = ledger();
    expect(() => other.settle(reservation, null)).toThrow(/not made by this ledger/);
    expect(() => other.settle({ ...granted(other.reserve(CALL)) }, null)).toThrow(/not made by this ledger/);
    expect(budget.totals().llmCalls).toBe(1);
  });

  it('charges a bill above its reservation in full, learns the ratio, and stops at the limit', () => {
    const budget = ledger({ maxCostUsd: 0.02 });
    const first = granted(budget.reserve(CALL));
    // The prompt was really 3000 tokens, not 1000: 3000 * 2.5 + 500 * 10 = 12500 micro-dollars.
    const record = budget.settle(first, { inputTokens: 3000, outputTokens: 500 });
    expect(record.costUsd).toBe(0.0125);
    expect(record.overshootUsd).toBe(0.005);
    expect(budget.stoppedByBudget).toBe(false);
    // Later estimates are scaled by the ratio seen (3x): 1000 -> 3000 prompt tokens reserved.
    const small = granted(budget.reserve({ ...CALL, promptTokens: 100, maxCompletionTokens: 100 }));
    expect(small.reservedPromptTokens).toBe(300);
    budget.settle(small, { inputTokens: 100, outputTokens: 100 }); // $0.00125 -> $0.01375
    const second = granted(budget.reserve({ ...CALL, promptTokens: 500, maxCompletionTokens: 100 })); // 1500*2.5 + 1000 = $0.00475
    budget.settle(second, { inputTokens: 4000, outputTokens: 100 }); // $0.011 -> $0.02475 > $0.02
    expect(budget.stoppedByBudget).toBe(true);
    expect(budget.totals().costUsd).toBe(0.02475);
    expect(budget.remaining().costUsd).toBe(0);
    const free = new BudgetLedger({ limits: NO_LIMITS, price: PRICE });
    expect(isRefusal(free.reserve(CALL))).toBe(false);
    expect(refused(budget.reserve({ ...CALL, promptTokens: 0, maxCompletionTokens: 1 })).limit).toBe('max-cost-usd');
  });

  it('does not learn a ratio from a tiny estimate', () => {
    const budget = ledger();
    budget.settle(granted(budget.reserve({ ...CALL, promptTokens: 10 })), { inputTokens: 400, outputTokens: 500 });
    expect(budget.calls()[0]!.overshootUsd).toBeGreaterThan(0);
    expect(granted(budget.reserve(CALL)).reservedPromptTokens).toBe(1000);
  });
});

describe('BudgetLedger money and snapshot', () => {
  it('keeps money in whole micro-dollars: ten calls of $0.1 are exactly $1', () => {
    expect(0.1 * 3 === 0.3).toBe(false); // what floating point would do
    const budget = ledger({ maxCostUsd: 1 }, { inputPerMTokUsd: 0, outputPerMTokUsd: 100 });
    for (let call = 0; call < 10; call++) budget.settle(granted(budget.reserve({ ...CALL, maxCompletionTokens: 1000 })), { inputTokens: 5, outputTokens: 1000 });
    expect(budget.totals().costUsd).toBe(1);
    expect(budget.remaining().costUsd).toBe(0);
    expect(refused(budget.reserve({ ...CALL, maxCompletionTokens: 1 })).limit).toBe('max-cost-usd');
  });

  it('rounds each call up to a whole micro-dollar, never down', () => {
    const budget = ledger({}, { inputPerMTokUsd: 0.15, outputPerMTokUsd: 0.6 });
    const record = budget.settle(granted(budget.reserve(CALL)), { inputTokens: 1, outputTokens: 1 }); // 0.75 micro-dollars
    expect(record.costUsd).toBe(0.000001);
  });

  it('allows free calls under a zero ceiling (a local model priced at 0) and nothing else', () => {
    const local = ledger({ maxCostUsd: 0 }, { inputPerMTokUsd: 0, outputPerMTokUsd: 0 });
    local.settle(granted(local.reserve(CALL)), { inputTokens: 1000, outputTokens: 500 });
    expect(local.snapshot()).toMatchObject({ costUsd: 0, llmCalls: 1, stoppedByBudget: false });
    expect(refused(ledger({ maxCostUsd: 0 }).reserve(CALL)).limit).toBe('max-cost-usd');
  });

  it("gives the report's budget field as plain JSON", () => {
    const limits: BudgetLimits = { maxCostUsd: 0.5, maxTokens: 100000, maxLlmCalls: 20, maxCostPerModuleUsd: null };
    const budget = new BudgetLedger({ limits, price: PRICE });
    budget.settle(granted(budget.reserve(CALL)), { inputTokens: 1200, outputTokens: 340 });
    granted(budget.reserve(CALL)); // outstanding: not in the totals
    const snapshot = budget.snapshot();
    expect(snapshot).toEqual({ inputTokens: 1200, outputTokens: 340, costUsd: 0.0064, llmCalls: 1, limits, stoppedByBudget: false });
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it('rejects limits and prices that are not usable numbers, naming the config key', () => {
    expect(() => ledger({ maxCostUsd: -1 })).toThrow(ConfigurationError);
    expect(() => ledger({ maxCostUsd: Number.NaN })).toThrow(/max-cost-usd/);
    expect(() => ledger({ maxTokens: 1.5 })).toThrow(/max-tokens/);
    expect(() => ledger({ maxLlmCalls: -2 })).toThrow(/max-llm-calls/);
    expect(() => ledger({ maxCostPerModuleUsd: Number.POSITIVE_INFINITY })).toThrow(/max-cost-per-module-usd/);
    expect(() => ledger({}, { inputPerMTokUsd: -1, outputPerMTokUsd: 1 })).toThrow(/input price/);
    expect(() => new BudgetLedger({ limits: NO_LIMITS, price: PRICE, promptMargin: { ratio: -0.5, tokens: 0 } })).toThrow(BudgetError);
  });
});

describe('usageFromOpenAi', () => {
  it('maps prompt, completion and cached tokens, and gives null for missing figures', () => {
    expect(usageFromOpenAi({ prompt_tokens: 120, completion_tokens: 30, prompt_tokens_details: { cached_tokens: 64 } })).toEqual({
      inputTokens: 120,
      outputTokens: 30,
      cachedInputTokens: 64,
    });
    expect(usageFromOpenAi({ prompt_tokens: 120, completion_tokens: 30, prompt_tokens_details: null })).toEqual({ inputTokens: 120, outputTokens: 30 });
    expect(usageFromOpenAi({ prompt_tokens: 120 })).toBeNull();
    expect(usageFromOpenAi(undefined)).toBeNull();
  });
});
