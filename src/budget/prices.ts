/**
 * What a model costs. Prices set in the config win; otherwise they come from @pydantic/genai-prices,
 * a maintained, dependency-free catalogue of many providers (OpenAI, Azure, Anthropic, Google,
 * OpenRouter, Mistral, DeepSeek, Groq...) bundled as plain data: nothing is fetched at run time.
 *
 * Look-up order, most specific name first (see model-aliases.ts): for each candidate name, the config
 * then the catalogue. So `gpt-4o-2024-05-13` gets its own catalogue price before a config price set
 * for `gpt-4o`; set the exact id in the config to override it.
 *
 * A tiered price (a higher rate above some prompt size, e.g. Gemini 2.5 Pro above 200k tokens) is
 * taken at its highest tier: the budget must be an upper bound. Per-request fees and non-text units
 * (images, audio, web searches) are not modelled. An unknown model gives null, and the caller refuses
 * to run with unknownPriceMessage().
 */
import { calcPrice } from '@pydantic/genai-prices';
import type { ModelPrice } from './limits.js';
import { modelIdCandidates } from './model-aliases.js';

/** Config key under which prices are set, keyed by model id (also used for local models, at 0). */
export const PRICE_CONFIG_KEY = 'model-prices';

export type PriceOverrides = Readonly<Record<string, ModelPrice>>;

export interface PriceLookupOptions {
  /** The endpoint's base URL: picks the provider's own price list (OpenRouter, Azure...) when known. */
  readonly providerApiUrl?: string;
  /** The catalogue's provider id (e.g. `openai`), when the provider is known whatever the URL. */
  readonly providerId?: string;
}

export interface FoundPrice {
  readonly price: ModelPrice;
  readonly source: 'config' | 'catalogue';
  /** The name the price was found under (an override key, or the catalogue's model id). */
  readonly matchedId: string;
  /** The catalogue's provider id; null for a config price. */
  readonly provider: string | null;
}

/** The price of `model`, or null when neither the config nor the catalogue knows it. */
export function priceFor(model: string, overrides: PriceOverrides, options: PriceLookupOptions = {}): ModelPrice | null {
  return lookupPrice(model, overrides, options)?.price ?? null;
}

/** priceFor, saying where the price came from (for logs and the report). */
export function lookupPrice(model: string, overrides: PriceOverrides, options: PriceLookupOptions = {}): FoundPrice | null {
  const configured = lowerCaseKeys(overrides);
  for (const candidate of modelIdCandidates(model)) {
    const fromConfig = configured.get(candidate);
    if (fromConfig) return { price: fromConfig.price, source: 'config', matchedId: fromConfig.key, provider: null };
    const fromCatalogue = cataloguePrice(candidate, options);
    if (fromCatalogue) return fromCatalogue;
  }
  return null;
}

/** One line for the error a caller throws when priceFor gave null. */
export function unknownPriceMessage(model: string): string {
  const key = JSON.stringify(model);
  return (
    `no price is known for model ${key}: set it under \`${PRICE_CONFIG_KEY}\` in the config, ` +
    `e.g. ${PRICE_CONFIG_KEY}: { ${key}: { input-per-mtok-usd: 0.5, output-per-mtok-usd: 1.5 } } ` +
    '(US dollars per million tokens; 0 and 0 for a local model)'
  );
}

function lowerCaseKeys(overrides: PriceOverrides): Map<string, { key: string; price: ModelPrice }> {
  const map = new Map<string, { key: string; price: ModelPrice }>();
  for (const [key, price] of Object.entries(overrides)) {
    const normalized = key.trim().toLowerCase();
    if (!map.has(normalized)) map.set(normalized, { key, price });
  }
  return map;
}

function cataloguePrice(modelId: string, options: PriceLookupOptions): FoundPrice | null {
  let found: ReturnType<typeof calcPrice>;
  try {
    found = calcPrice({ input_tokens: 1 }, modelId, options.providerId ? { providerId: options.providerId } : options.providerApiUrl ? { providerApiUrl: options.providerApiUrl } : {});
  } catch {
    return null;
  }
  if (!found) return null;
  const rates = found.model_price;
  const input = highestRate(rates['input_mtok']);
  const output = highestRate(rates['output_mtok']);
  if (input === null || output === null) return null;
  const cached = highestRate(rates['cache_read_mtok']);
  const price: ModelPrice = cached === null ? { inputPerMTokUsd: input, outputPerMTokUsd: output } : { inputPerMTokUsd: input, outputPerMTokUsd: output, cachedInputPerMTokUsd: cached };
  return { price, source: 'catalogue', matchedId: found.model.id, provider: found.provider.id };
}

/** A flat rate, or the highest of a tiered rate's base and tiers; null when absent or malformed. */
function highestRate(rate: unknown): number | null {
  if (typeof rate === 'number') return Number.isFinite(rate) && rate >= 0 ? rate : null;
  if (typeof rate !== 'object' || rate === null) return null;
  const { base, tiers } = rate as { base?: unknown; tiers?: unknown };
  const values = [base, ...(Array.isArray(tiers) ? tiers.map((tier: { price?: unknown }) => tier?.price) : [])];
  if (!values.every((value) => typeof value === 'number' && Number.isFinite(value) && value >= 0)) return null;
  return Math.max(...(values as number[]));
}
