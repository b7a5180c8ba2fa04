/**
 * What the budget may spend, and what a model costs. Plain data, validated once when the ledger is
 * built, so a bad value is named by its config key (`max-cost-usd`...) before any call is made.
 */
import { ConfigurationError } from '../errors/errors.js';

/**
 * The run's limits. `maxCostUsd` is required (the hard dollar ceiling, shared/SECURITY.md rule 7);
 * null means "no limit" for the other three. Every limit counts all attempts, retries and healing
 * and repair turns included.
 */
export interface BudgetLimits {
  /** Dollars for the whole run (`max-cost-usd`). 0 allows only free calls (a local model priced at 0). */
  readonly maxCostUsd: number;
  /** Prompt plus completion tokens for the whole run (`max-tokens`). */
  readonly maxTokens: number | null;
  /** Model requests for the whole run, each SDK retry counting as one (`max-llm-calls`). */
  readonly maxLlmCalls: number | null;
  /** Dollars for one module (`max-cost-per-module-usd`). */
  readonly maxCostPerModuleUsd: number | null;
}

/** A model's price in US dollars per million tokens. */
export interface ModelPrice {
  readonly inputPerMTokUsd: number;
  readonly outputPerMTokUsd: number;
  /** Price of prompt tokens served from the provider's cache; the input price when absent. */
  readonly cachedInputPerMTokUsd?: number;
}

/** Which limit a refusal is about, named by its config key (also the action input and CLI flag). */
export type BudgetLimitKey = 'max-cost-usd' | 'max-tokens' | 'max-llm-calls' | 'max-cost-per-module-usd';

export const BUDGET_LIMIT_KEYS: Readonly<Record<keyof BudgetLimits, BudgetLimitKey>> = {
  maxCostUsd: 'max-cost-usd',
  maxTokens: 'max-tokens',
  maxLlmCalls: 'max-llm-calls',
  maxCostPerModuleUsd: 'max-cost-per-module-usd',
};

/** Throws a ConfigurationError naming the key when a limit is not a usable number. */
export function validateBudgetLimits(limits: BudgetLimits): void {
  requireAmount(limits.maxCostUsd, BUDGET_LIMIT_KEYS.maxCostUsd);
  if (limits.maxTokens !== null) requireCount(limits.maxTokens, BUDGET_LIMIT_KEYS.maxTokens);
  if (limits.maxLlmCalls !== null) requireCount(limits.maxLlmCalls, BUDGET_LIMIT_KEYS.maxLlmCalls);
  if (limits.maxCostPerModuleUsd !== null) requireAmount(limits.maxCostPerModuleUsd, BUDGET_LIMIT_KEYS.maxCostPerModuleUsd);
}

/** Throws a ConfigurationError when a price is negative or not a number; `where` names the setting. */
export function validateModelPrice(price: ModelPrice, where: string): void {
  requirePrice(price.inputPerMTokUsd, `${where}: input price`);
  requirePrice(price.outputPerMTokUsd, `${where}: output price`);
  if (price.cachedInputPerMTokUsd !== undefined) requirePrice(price.cachedInputPerMTokUsd, `${where}: cached input price`);
}

function requireAmount(value: number, key: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigurationError(`${key} must be a dollar amount of 0 or more, got ${String(value)}: set it to a number such as 1.50`);
  }
}

function requireCount(value: number, key: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ConfigurationError(`${key} must be a whole number of 0 or more, got ${String(value)}: set a count, or leave it unset for no limit`);
  }
}

function requirePrice(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigurationError(`${what} must be US dollars per million tokens, 0 or more, got ${String(value)}: fix the price in the config`);
  }
}
