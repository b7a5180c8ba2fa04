/**
 * Running sums for one scope of the budget (the whole run, or one module): what was charged, and
 * what is held by outstanding reservations. "Committed" is both together: what the scope may have
 * cost once every outstanding call has come back.
 */
import type { BudgetTotals } from './ledger-types.js';
import { usdFromMicros } from './money.js';
import type { WorstCase } from './worst-case.js';

export class BudgetAccount {
  inputTokens = 0;
  outputTokens = 0;
  costMicros = 0;
  calls = 0;
  heldMicros = 0;
  heldTokens = 0;
  heldCalls = 0;

  get committedMicros(): number {
    return this.costMicros + this.heldMicros;
  }

  get committedTokens(): number {
    return this.inputTokens + this.outputTokens + this.heldTokens;
  }

  get committedCalls(): number {
    return this.calls + this.heldCalls;
  }

  hold(worst: WorstCase): void {
    this.heldMicros += worst.costMicros;
    this.heldTokens += worst.tokens;
    this.heldCalls += 1;
  }

  unhold(worst: WorstCase): void {
    this.heldMicros -= worst.costMicros;
    this.heldTokens -= worst.tokens;
    this.heldCalls -= 1;
  }

  charge(inputTokens: number, outputTokens: number, costMicros: number): void {
    this.inputTokens += inputTokens;
    this.outputTokens += outputTokens;
    this.costMicros += costMicros;
    this.calls += 1;
  }

  totals(): BudgetTotals {
    return {
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      costUsd: usdFromMicros(this.costMicros),
      llmCalls: this.calls,
    };
  }
}
