/**
 * Whether one more reservation fits under every limit, counting what is charged and what outstanding
 * reservations hold (BudgetAccount's "committed"), for the run and for the call's module. Returns the
 * first limit it would cross, with a one-line reason, or null when it fits.
 */
import type { BudgetAccount } from './budget-account.js';
import type { Refusal } from './ledger-types.js';
import { BUDGET_LIMIT_KEYS } from './limits.js';
import { formatUsd } from './money.js';
import type { WorstCase } from './worst-case.js';

/** Limits in ledger units; null = no limit. */
export interface LedgerLimits {
  readonly maxCostMicros: number;
  readonly maxTokens: number | null;
  readonly maxLlmCalls: number | null;
  readonly maxCostPerModuleMicros: number | null;
}

export function refusalFor(worst: WorstCase, module: string, run: BudgetAccount, moduleAccount: BudgetAccount, limits: LedgerLimits): Refusal | null {
  const what = `this call's worst case (${formatUsd(worst.costMicros)}: ${worst.promptTokens} prompt + ${worst.completionTokens} completion tokens)`;
  if (run.committedMicros + worst.costMicros > limits.maxCostMicros) {
    return {
      limit: BUDGET_LIMIT_KEYS.maxCostUsd,
      refused: `${BUDGET_LIMIT_KEYS.maxCostUsd}: ${what} does not fit: ${formatUsd(run.committedMicros)} of ${formatUsd(limits.maxCostMicros)} is already spent or reserved`,
    };
  }
  if (limits.maxCostPerModuleMicros !== null && moduleAccount.committedMicros + worst.costMicros > limits.maxCostPerModuleMicros) {
    return {
      limit: BUDGET_LIMIT_KEYS.maxCostPerModuleUsd,
      refused: `${BUDGET_LIMIT_KEYS.maxCostPerModuleUsd}: ${what} does not fit: ${formatUsd(moduleAccount.committedMicros)} of ${formatUsd(limits.maxCostPerModuleMicros)} is already spent or reserved for ${module}`,
    };
  }
  if (limits.maxTokens !== null && run.committedTokens + worst.tokens > limits.maxTokens) {
    return {
      limit: BUDGET_LIMIT_KEYS.maxTokens,
      refused: `${BUDGET_LIMIT_KEYS.maxTokens}: this call may use ${worst.tokens} tokens (${worst.promptTokens} prompt + ${worst.completionTokens} completion) but ${run.committedTokens} of ${limits.maxTokens} are already used or reserved`,
    };
  }
  if (limits.maxLlmCalls !== null && run.committedCalls + 1 > limits.maxLlmCalls) {
    return {
      limit: BUDGET_LIMIT_KEYS.maxLlmCalls,
      refused: `${BUDGET_LIMIT_KEYS.maxLlmCalls}: all ${limits.maxLlmCalls} model calls are already made or under way`,
    };
  }
  return null;
}

/** True when committed amounts already exceed a limit (a bill came in above its reservation). */
export function exceedsALimit(run: BudgetAccount, moduleAccount: BudgetAccount, limits: LedgerLimits): boolean {
  return (
    run.committedMicros > limits.maxCostMicros ||
    (limits.maxCostPerModuleMicros !== null && moduleAccount.committedMicros > limits.maxCostPerModuleMicros) ||
    (limits.maxTokens !== null && run.committedTokens > limits.maxTokens)
  );
}
