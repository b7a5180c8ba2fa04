/**
 * Before any test runs: resolve which generator runs (provider `auto`: the model when one is
 * configured, else the zero-token generator), and for a model its settings, price and budget, so a
 * missing key, an unknown model price or a bad limit fails the run at once, not after minutes of
 * coverage measurement. Creates the model client and the ledger (nothing is sent here).
 */
import { BudgetLedger } from '../budget/ledger.js';
import type { BudgetLimits, ModelPrice } from '../budget/limits.js';
import { lookupPrice, unknownPriceMessage, type FoundPrice, type PriceOverrides } from '../budget/prices.js';
import type { Config } from '../config/schema.js';
import { ConfigurationError } from '../errors/errors.js';
import { createModelClient, type ModelClient } from '../model/model-client.js';
import { resolveModelSettings, type Environment, type ModelSettings, type ModelSettingsInput } from '../model/model-settings.js';
import type { Fetch } from '../model/attempt-fetch.js';
import { DEFAULT_TEST_PATH_PATTERN, testPathPatternProblem } from '../validation/test-file-path.js';

export type GenerationProvider = 'offline' | 'openai' | 'hybrid';

export interface PreparedGeneration {
  readonly provider: GenerationProvider;
  /** Why this provider runs when the config left the choice to us; null when it was named. */
  readonly note: string | null;
  /** The model side (openai, hybrid); null for the zero-token generator alone. */
  readonly model: PreparedModel | null;
}

export interface PreparedModel {
  readonly settings: ModelSettings;
  readonly price: FoundPrice;
  readonly limits: BudgetLimits;
  readonly ledger: BudgetLedger;
  readonly client: ModelClient;
}

/** null when the provider is `none`; throws ConfigurationError for anything unusable. */
export function prepareGeneration(config: Config, env: Environment, fetch?: Fetch): PreparedGeneration | null {
  if (config.provider === 'none') return null;
  const patternProblem = testPathPatternProblem(config.testPathPattern);
  if (patternProblem) {
    throw new ConfigurationError(`test-path-pattern ${JSON.stringify(config.testPathPattern)} is not usable: ${patternProblem}; e.g. "${DEFAULT_TEST_PATH_PATTERN}"`);
  }
  const { provider, note } = chooseProvider(config, env);
  const model = provider === 'offline' ? null : prepareModel(config, env, fetch);
  return { provider, note: joinNotes(note, model?.settings.modelIsDefault ? defaultModelNote(model.settings.model) : null), model };
}

/** Says which model runs when the user set none, and how to choose another. */
export function defaultModelNote(model: string): string {
  return `no model was set, so ${model} (the default for the OpenAI API) writes them: set model to choose another`;
}

function joinNotes(first: string | null, second: string | null): string | null {
  return first && second ? `${first}; ${second}` : (first ?? second);
}

/** `auto`: the model when one is configured (a key, or a base URL for a local server), else offline. */
export function chooseProvider(config: Config, env: Environment): { provider: GenerationProvider; note: string | null } {
  if (config.provider !== 'auto') return { provider: config.provider === 'none' ? 'offline' : config.provider, note: null };
  const configured = [config.apiKey, config.baseUrl, config.azureEndpoint, env['OPENAI_API_KEY'], env['AZURE_OPENAI_API_KEY']].some(
    (value) => value !== null && value !== undefined && value.trim() !== '',
  );
  return configured
    ? { provider: 'openai', note: 'a model is configured, so the model writes the tests (set provider to hybrid to try the zero-token generator first)' }
    : { provider: 'offline', note: 'no model key is configured, so the zero-token generator wrote the tests (no tokens spent); set api-key for model-written tests' };
}

function prepareModel(config: Config, env: Environment, fetch?: Fetch): PreparedModel {
  const settings = resolveModelSettings(modelSettingsInput(config), env);
  // The OpenAI provider's prices whatever its URL (a proxy, a recording server); others by their URL.
  const price = lookupPrice(settings.model, priceOverrides(config), settings.provider === 'openai' ? { providerId: 'openai' } : { providerApiUrl: settings.baseUrl });
  if (price === null) throw new ConfigurationError(unknownPriceMessage(settings.model));
  const limits = budgetLimits(config);
  const ledger = new BudgetLedger({ limits, price: price.price });
  const client = createModelClient(settings, fetch ? { fetch } : {});
  return { settings, price, limits, ledger, client };
}

export function modelSettingsInput(config: Config): ModelSettingsInput {
  return {
    provider: config.modelProvider,
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    model: config.model,
    temperature: config.temperature,
    reasoningEffort: config.reasoningEffort,
    tokenParam: config.tokenParam,
    maxCompletionTokens: config.maxCompletionTokens,
    timeoutMs: config.requestTimeoutSeconds * 1000,
    maxRetries: config.maxRetries,
    azure: { endpoint: config.azureEndpoint, apiVersion: config.azureApiVersion, deployment: config.azureDeployment },
  };
}

export function budgetLimits(config: Config): BudgetLimits {
  return {
    maxCostUsd: config.maxCostUsd,
    maxTokens: config.maxTokens,
    maxLlmCalls: config.maxLlmCalls,
    maxCostPerModuleUsd: config.maxCostPerModuleUsd,
  };
}

function priceOverrides(config: Config): PriceOverrides {
  const entries = Object.entries(config.modelPrices).map(([model, price]): [string, ModelPrice] => [
    model,
    {
      inputPerMTokUsd: price['input-per-mtok-usd'],
      outputPerMTokUsd: price['output-per-mtok-usd'],
      ...(price['cached-input-per-mtok-usd'] === undefined ? {} : { cachedInputPerMTokUsd: price['cached-input-per-mtok-usd'] }),
    },
  ]);
  return Object.fromEntries(entries);
}
