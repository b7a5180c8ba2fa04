/**
 * Money as integers, so sums never drift: amounts are micro-dollars (1e-6 USD) and prices are
 * pico-dollars per token (1e-12 USD, which is the same number as micro-dollars per million tokens).
 * A cost is computed exactly in pico-dollars (BigInt, no overflow) and rounded UP to whole
 * micro-dollars, so the ledger never counts less than the provider bills.
 */
import type { ModelPrice } from './limits.js';

const MICROS_PER_USD = 1_000_000;
const PICOS_PER_MICRO = 1_000_000n;

/** A price with every rate in whole pico-dollars per token. */
export interface IntegerPrice {
  readonly inputPicos: bigint;
  readonly outputPicos: bigint;
  readonly cachedInputPicos: bigint;
}

/** Token counts priced by tokenCostMicros; `cachedInputTokens` is the part of `inputTokens` read from cache. */
export interface PricedTokens {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens: number;
}

/** Nearest whole micro-dollar: limits are decimal amounts such as 0.3, which are not exact in binary. */
export function microsFromUsd(usd: number): number {
  return Math.round(usd * MICROS_PER_USD);
}

export function usdFromMicros(micros: number): number {
  return micros / MICROS_PER_USD;
}

export function integerPrice(price: ModelPrice): IntegerPrice {
  const input = picosPerToken(price.inputPerMTokUsd);
  return {
    inputPicos: input,
    outputPicos: picosPerToken(price.outputPerMTokUsd),
    cachedInputPicos: price.cachedInputPerMTokUsd === undefined ? input : picosPerToken(price.cachedInputPerMTokUsd),
  };
}

/** Cost in micro-dollars, rounded up. Cached tokens beyond the input count are priced as input. */
export function tokenCostMicros(tokens: PricedTokens, price: IntegerPrice): number {
  const cached = Math.min(tokens.cachedInputTokens, tokens.inputTokens);
  const picos =
    BigInt(tokens.inputTokens - cached) * price.inputPicos +
    BigInt(cached) * price.cachedInputPicos +
    BigInt(tokens.outputTokens) * price.outputPicos;
  return Number((picos + PICOS_PER_MICRO - 1n) / PICOS_PER_MICRO);
}

/** The dearer of the input and cached-input rates: what a prompt token can cost at most. */
export function worstInputPicos(price: IntegerPrice): bigint {
  return price.cachedInputPicos > price.inputPicos ? price.cachedInputPicos : price.inputPicos;
}

/** USD per million tokens -> pico-dollars per token (the same digits); rounding only absorbs binary noise. */
function picosPerToken(usdPerMTok: number): bigint {
  return BigInt(Math.round(usdPerMTok * 1_000_000));
}

/** `$1.00`, `$0.095`, `$0.000123`: at least two decimals, at most six, for messages. */
export function formatUsd(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  return `${sign}$${(Math.abs(micros) / MICROS_PER_USD).toFixed(6).replace(/0{1,4}$/, '')}`;
}
