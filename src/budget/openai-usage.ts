/**
 * The ledger's Usage from an OpenAI-style `usage` object (Chat Completions), structurally typed so
 * the budget does not depend on the SDK. A missing or malformed usage gives null, which the ledger
 * charges as the worst case.
 */
import type { Usage } from './ledger-types.js';

export interface OpenAiStyleUsage {
  readonly prompt_tokens?: unknown;
  readonly completion_tokens?: unknown;
  readonly prompt_tokens_details?: { readonly cached_tokens?: unknown } | null;
}

export function usageFromOpenAi(usage: OpenAiStyleUsage | null | undefined): Usage | null {
  if (!usage) return null;
  const input = usage.prompt_tokens;
  const output = usage.completion_tokens;
  if (!isCount(input) || !isCount(output)) return null;
  const cached = usage.prompt_tokens_details?.cached_tokens;
  return isCount(cached) && cached > 0 ? { inputTokens: input, outputTokens: output, cachedInputTokens: cached } : { inputTokens: input, outputTokens: output };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
