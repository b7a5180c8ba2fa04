/**
 * The worst case of one model call: what it can cost at most, so that reserving it before the call
 * keeps the ceiling whatever the answer. Completion tokens are capped by the request itself
 * (`max_completion_tokens` / `max_tokens`; reasoning tokens count inside that cap). The prompt count
 * is an estimate (exact for OpenAI models, except what the API adds that the caller did not count),
 * so the reservation adds a safety margin: ceil(promptTokens * factor) + tokens, where factor is
 * 1 + ratio, or more once a call has been seen to bill more prompt than its estimate (ledger.ts).
 */
import { BudgetError } from '../errors/errors.js';
import { type IntegerPrice, tokenCostMicros, worstInputPicos } from './money.js';

/** Safety margin on the prompt estimate. */
export interface PromptMargin {
  /** Fraction added to the estimate (0.1 = 10%). */
  readonly ratio: number;
  /** Tokens added on top (message framing, a schema the caller did not count). */
  readonly tokens: number;
}

export const DEFAULT_PROMPT_MARGIN: PromptMargin = { ratio: 0.1, tokens: 64 };

export interface WorstCase {
  /** Prompt tokens reserved (the estimate with its margin). */
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** promptTokens + completionTokens. */
  readonly tokens: number;
  readonly costMicros: number;
}

/** Estimates within this of a whole number are that number (0.1 * 110 is 11.000000000000002). */
const FLOAT_NOISE = 1e-9;

/** Prompt tokens to reserve for an estimate: ceil(estimate * factor) + margin tokens. */
export function reservedPromptTokens(promptTokens: number, margin: PromptMargin, factor = 1 + margin.ratio): number {
  return Math.ceil(promptTokens * Math.max(factor, 1) - FLOAT_NOISE) + margin.tokens;
}

export function worstCaseOf(
  promptTokens: number,
  maxCompletionTokens: number,
  price: IntegerPrice,
  margin: PromptMargin,
  factor = 1 + margin.ratio,
): WorstCase {
  const prompt = reservedPromptTokens(promptTokens, margin, factor);
  // If a cache hit were dearer than a miss (an odd config), the worst case prices every token as cached.
  const cachedIsDearer = worstInputPicos(price) > price.inputPicos;
  const costMicros = tokenCostMicros(
    { inputTokens: prompt, outputTokens: maxCompletionTokens, cachedInputTokens: cachedIsDearer ? prompt : 0 },
    price,
  );
  return { promptTokens: prompt, completionTokens: maxCompletionTokens, tokens: prompt + maxCompletionTokens, costMicros };
}

/** Throws for a margin that could shrink a reservation. */
export function validatePromptMargin(margin: PromptMargin): void {
  if (!Number.isFinite(margin.ratio) || margin.ratio < 0 || !Number.isSafeInteger(margin.tokens) || margin.tokens < 0) {
    throw new BudgetError(`the prompt safety margin must have a ratio >= 0 and whole tokens >= 0, got ${JSON.stringify(margin)}: fix the margin given to the budget ledger`);
  }
}
