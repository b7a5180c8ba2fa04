import { describe, expect, it } from 'vitest';
import { estimateWorstCase, type PlannedCalls } from '../../../src/budget/estimate.js';
import { BudgetLedger } from '../../../src/budget/ledger.js';
import { isRefusal } from '../../../src/budget/ledger-types.js';
import type { BudgetLimits, ModelPrice } from '../../../src/budget/limits.js';
import { BudgetError } from '../../../src/errors/errors.js';

const PRICE: ModelPrice = { inputPerMTokUsd: 2.5, outputPerMTokUsd: 10 };
const PLANS: PlannedCalls[] = [
  { module: 'src/a.ts', promptTokens: 3000, maxCompletionTokens: 4000 },
  { module: 'src/a.ts', promptTokens: 4500, maxCompletionTokens: 4000, calls: 2 },
  { module: 'src/b.ts', promptTokens: 1000, maxCompletionTokens: 2000 },
];

describe('estimateWorstCase', () => {
  it('is what the ledger would hold if every planned call were reserved at once', () => {
    const estimate = estimateWorstCase(PLANS, { price: PRICE });
    const ledger = new BudgetLedger({ limits: { maxCostUsd: 1000, maxTokens: null, maxLlmCalls: null, maxCostPerModuleUsd: null }, price: PRICE });
    for (const plan of PLANS) {
      for (let call = 0; call < (plan.calls ?? 1); call++) expect(isRefusal(ledger.reserve(plan))).toBe(false);
    }
    expect(estimate.costUsd).toBe(ledger.outstanding().costUsd);
    expect(estimate.inputTokens + estimate.outputTokens).toBe(ledger.outstanding().tokens);
    expect(estimate.llmCalls).toBe(4);
    // a: 3364 + 2 * 5014 prompt tokens (10% + 64), 3 * 4000 completion; b: 1164 and 2000.
    expect(estimate.modules).toEqual([
      { module: 'src/a.ts', inputTokens: 13392, outputTokens: 12000, costUsd: 0.15348, llmCalls: 3 },
      { module: 'src/b.ts', inputTokens: 1164, outputTokens: 2000, costUsd: 0.02291, llmCalls: 1 },
    ]);
    expect(estimate.exceeds).toEqual([]);
    expect(estimate.withinBudget).toEqual(['src/a.ts', 'src/b.ts']);
  });

  it('names the limits the worst case crosses and the modules still within budget, in plan order', () => {
    const limits: BudgetLimits = { maxCostUsd: 0.1, maxTokens: 28000, maxLlmCalls: 3, maxCostPerModuleUsd: 0.12 };
    const estimate = estimateWorstCase(PLANS, { price: PRICE, limits });
    expect(estimate.exceeds).toEqual(['max-cost-usd', 'max-cost-per-module-usd', 'max-tokens', 'max-llm-calls']);
    expect(estimate.withinBudget).toEqual(['src/b.ts']);
    const roomy = estimateWorstCase(PLANS, { price: PRICE, limits: { ...limits, maxCostUsd: 0.2, maxTokens: null, maxLlmCalls: null, maxCostPerModuleUsd: null } });
    expect(roomy.exceeds).toEqual([]);
    expect(roomy.withinBudget).toEqual(['src/a.ts', 'src/b.ts']);
  });

  it('is zero for no plans, and rejects a malformed plan', () => {
    expect(estimateWorstCase([], { price: PRICE })).toMatchObject({ costUsd: 0, llmCalls: 0, modules: [], withinBudget: [] });
    expect(() => estimateWorstCase([{ module: 'x', promptTokens: 10, maxCompletionTokens: 0 }], { price: PRICE })).toThrow(BudgetError);
  });
});
