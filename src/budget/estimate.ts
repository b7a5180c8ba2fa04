/**
 * `testmaster run --estimate`: the projected worst-case cost of the planned calls, without calling the
 * model. Each planned call is priced exactly as the ledger would reserve it (same margin, same
 * rounding), so the estimate is what the ledger would hold if every call were made at once.
 */
import { BudgetError } from '../errors/errors.js';
import { BUDGET_LIMIT_KEYS, type BudgetLimitKey, type BudgetLimits, type ModelPrice, validateModelPrice } from './limits.js';
import { integerPrice, microsFromUsd, usdFromMicros } from './money.js';
import { DEFAULT_PROMPT_MARGIN, type PromptMargin, validatePromptMargin, worstCaseOf } from './worst-case.js';

/** Calls planned for one module, e.g. a generation, the healing turns and a repair turn. */
export interface PlannedCalls {
  readonly module: string;
  readonly promptTokens: number;
  readonly maxCompletionTokens: number;
  /** How many calls of this shape (1 when absent). */
  readonly calls?: number;
}

export interface EstimateOptions {
  readonly price: ModelPrice;
  readonly limits?: BudgetLimits;
  readonly promptMargin?: PromptMargin;
}

export interface ModuleEstimate {
  readonly module: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  readonly llmCalls: number;
}

export interface WorstCaseEstimate {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  readonly llmCalls: number;
  /** Per module, in the order the plans first name them. */
  readonly modules: readonly ModuleEstimate[];
  /** Limits the total worst case would cross (empty without limits, or when everything fits). */
  readonly exceeds: readonly BudgetLimitKey[];
  /**
   * Modules whose whole worst case still fits, taken in plan order (pass them in order of value) and
   * skipping any that would cross a limit; the rest could be skipped for budget. All without limits.
   */
  readonly withinBudget: readonly string[];
}

interface Sums {
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
  llmCalls: number;
}

export function estimateWorstCase(plans: readonly PlannedCalls[], options: EstimateOptions): WorstCaseEstimate {
  validateModelPrice(options.price, 'model price');
  const margin = options.promptMargin ?? DEFAULT_PROMPT_MARGIN;
  validatePromptMargin(margin);
  const price = integerPrice(options.price);
  const total: Sums = { inputTokens: 0, outputTokens: 0, costMicros: 0, llmCalls: 0 };
  const perModule = new Map<string, Sums>();
  for (const plan of plans) {
    const count = plan.calls ?? 1;
    if (!Number.isSafeInteger(count) || count < 0 || !Number.isSafeInteger(plan.promptTokens) || plan.promptTokens < 0 || !Number.isSafeInteger(plan.maxCompletionTokens) || plan.maxCompletionTokens < 1) {
      throw new BudgetError(`invalid planned calls for ${plan.module}: calls, promptTokens and maxCompletionTokens must be whole numbers (completion cap >= 1); fix the plan`);
    }
    const worst = worstCaseOf(plan.promptTokens, plan.maxCompletionTokens, price, margin);
    const sums = perModule.get(plan.module) ?? { inputTokens: 0, outputTokens: 0, costMicros: 0, llmCalls: 0 };
    perModule.set(plan.module, sums);
    for (const target of [total, sums]) {
      target.inputTokens += worst.promptTokens * count;
      target.outputTokens += worst.completionTokens * count;
      target.costMicros += worst.costMicros * count;
      target.llmCalls += count;
    }
  }
  const modules = [...perModule].map(([module, sums]) => ({ module, ...toUsd(sums) }));
  const limits = options.limits;
  return {
    ...toUsd(total),
    modules,
    exceeds: limits ? crossedLimits(total, [...perModule.values()], limits) : [],
    withinBudget: limits ? modulesWithinBudget(perModule, limits) : modules.map((entry) => entry.module),
  };
}

function toUsd(sums: Sums): Omit<ModuleEstimate, 'module'> {
  return { inputTokens: sums.inputTokens, outputTokens: sums.outputTokens, costUsd: usdFromMicros(sums.costMicros), llmCalls: sums.llmCalls };
}

function crossedLimits(total: Sums, modules: readonly Sums[], limits: BudgetLimits): BudgetLimitKey[] {
  const crossed: BudgetLimitKey[] = [];
  if (total.costMicros > microsFromUsd(limits.maxCostUsd)) crossed.push(BUDGET_LIMIT_KEYS.maxCostUsd);
  const moduleCap = limits.maxCostPerModuleUsd === null ? null : microsFromUsd(limits.maxCostPerModuleUsd);
  if (moduleCap !== null && modules.some((sums) => sums.costMicros > moduleCap)) crossed.push(BUDGET_LIMIT_KEYS.maxCostPerModuleUsd);
  if (limits.maxTokens !== null && total.inputTokens + total.outputTokens > limits.maxTokens) crossed.push(BUDGET_LIMIT_KEYS.maxTokens);
  if (limits.maxLlmCalls !== null && total.llmCalls > limits.maxLlmCalls) crossed.push(BUDGET_LIMIT_KEYS.maxLlmCalls);
  return crossed;
}

function modulesWithinBudget(perModule: ReadonlyMap<string, Sums>, limits: BudgetLimits): string[] {
  const within: string[] = [];
  const used: Sums = { inputTokens: 0, outputTokens: 0, costMicros: 0, llmCalls: 0 };
  for (const [module, sums] of perModule) {
    const next: Sums = {
      inputTokens: used.inputTokens + sums.inputTokens,
      outputTokens: used.outputTokens + sums.outputTokens,
      costMicros: used.costMicros + sums.costMicros,
      llmCalls: used.llmCalls + sums.llmCalls,
    };
    if (crossedLimits(next, [sums], limits).length > 0) continue;
    Object.assign(used, next);
    within.push(module);
  }
  return within;
}
