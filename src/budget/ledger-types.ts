/**
 * The data the budget ledger takes and gives. Amounts are US dollars (numbers) at the edges; the
 * ledger keeps integer micro-dollars inside (money.ts).
 */
import type { BudgetLimitKey, BudgetLimits } from './limits.js';

/** One attempt at a model request, as the caller plans it. */
export interface ReserveRequest {
  /** The module the call works for (repository-relative path); per-module caps and totals use it. */
  readonly module: string;
  /** Prompt tokens as counted by countPromptTokens (an estimate; the ledger adds a safety margin). */
  readonly promptTokens: number;
  /** The completion cap sent with the request (`max_completion_tokens` or `max_tokens`). */
  readonly maxCompletionTokens: number;
  /** What the call is for, e.g. 'generate', 'heal-1', 'repair' (kept in the call records). */
  readonly label?: string;
  /** 1 for the first attempt of a request, 2 for the SDK's first retry... (kept in the call records). */
  readonly attempt?: number;
}

/** A granted reservation: the caller may now send the request once. */
export interface Reservation {
  readonly id: number;
  readonly module: string;
  readonly label: string | null;
  readonly attempt: number;
  /** The caller's estimate. */
  readonly promptTokens: number;
  /** The estimate with its safety margin: the prompt tokens held. */
  readonly reservedPromptTokens: number;
  readonly maxCompletionTokens: number;
  /** What the call may cost at most, and what is held for it until it is settled or released. */
  readonly worstCaseUsd: number;
}

/** A refused reservation: the call must not be made. */
export interface Refusal {
  /** One line: which limit, what the call needed, what is left. */
  readonly refused: string;
  readonly limit: BudgetLimitKey;
}

/** What the provider reported (OpenAI: prompt_tokens, completion_tokens, prompt_tokens_details.cached_tokens). */
export interface Usage {
  /** All prompt tokens, cached ones included. */
  readonly inputTokens: number;
  /** All completion tokens, reasoning ones included. */
  readonly outputTokens: number;
  /** The part of inputTokens served from the provider's prompt cache. */
  readonly cachedInputTokens?: number;
}

/**
 * How an attempt failed, for BudgetLedger.failAttempt:
 * - not-sent: nothing reached the provider (refused locally, connection refused, DNS failure);
 * - http-error: the provider answered with an error status (429, 400, 401, 404, 500, 503...);
 * - no-response: sent, but no answer came back (timeout, connection reset, aborted mid-flight).
 */
export type AttemptFailure =
  | { readonly kind: 'not-sent' }
  | { readonly kind: 'http-error'; readonly status: number }
  | { readonly kind: 'no-response' };

export interface BudgetTotals {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  /** Attempts sent (settled, charged their worst case, or rejected by the provider); released ones do not count. */
  readonly llmCalls: number;
}

export type CallState = 'outstanding' | 'settled' | 'released';

/** One attempt, as the ledger recorded it. */
export interface CallRecord {
  readonly id: number;
  readonly module: string;
  readonly label: string | null;
  readonly attempt: number;
  readonly state: CallState;
  /**
   * usage: charged what the provider reported; worst-case: no usable usage, charged the reservation;
   * rejected: the provider refused it (4xx), no dollars or tokens, one call; null: outstanding or released.
   */
  readonly charged: 'usage' | 'worst-case' | 'rejected' | null;
  readonly promptTokens: number;
  readonly reservedPromptTokens: number;
  readonly maxCompletionTokens: number;
  readonly worstCaseUsd: number;
  /** Charged figures (0 while outstanding or once released). */
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens: number;
  readonly costUsd: number;
  /** What the provider billed beyond the reservation (the estimate ran low); 0 normally. */
  readonly overshootUsd: number;
}

/** The report's `budget` field. */
export interface BudgetSnapshot extends BudgetTotals {
  readonly limits: BudgetLimits;
  /** True once a call was refused for budget, or a bill pushed spend to a limit. */
  readonly stoppedByBudget: boolean;
}

export function isRefusal(result: Reservation | Refusal): result is Refusal {
  return 'refused' in result;
}
