/**
 * Before any test runs: resolve the model settings, its price and the budget from the config, so a
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

export interface PreparedGeneration {
  readonly settings: ModelSettings;
  readonly price: FoundPrice;
  readonly limits: BudgetLimits;
  readonly ledger: BudgetLedger;
  readonly client: ModelClient;
}

/** null when the provider is `none`; throws ConfigurationError for anything unusable. */
export function prepareGeneration(config: Config, env: Environment, fetch?: Fetch): PreparedGeneration | null {
  if (config.provider === 'none') return null;
  if (config.provider !== 'openai') {
    throw new ConfigurationError(
      `provider "${config.provider}" is not available in this version: set provider to "openai" (with a model and an API key) or "none" (coverage only)`,
    );
  }
  const patternProblem = testPathPatternProblem(config.testPathPattern);
  if (patternProblem) {
    throw new ConfigurationError(`test-path-pattern ${JSON.stringify(config.testPathPattern)} is not usable: ${patternProblem}; e.g. "${DEFAULT_TEST_PATH_PATTERN}"`);
  }
  const settings = resolveModelSettings(modelSettingsInput(config), env);
  const price = lookupPrice(settings.model, priceOverrides(config), { providerApiUrl: settings.baseUrl });
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
