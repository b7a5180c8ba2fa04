/**
 * The model settings, typed and resolved in one place (pure: the environment is passed in).
 *
 * Fallbacks follow the `openai` SDK: the key falls back to OPENAI_API_KEY (AZURE_OPENAI_API_KEY for
 * Azure), the base URL to OPENAI_BASE_URL, Azure's endpoint to AZURE_OPENAI_ENDPOINT and its API
 * version to OPENAI_API_VERSION. The resolved settings are always passed to the SDK explicitly, so the
 * SDK never reads the environment on its own for them.
 *
 * Providers:
 * - `openai`: api.openai.com (or a base URL), a key is required;
 * - `azure`: Azure OpenAI through the SDK's AzureOpenAI client: endpoint (or base URL), API version,
 *   and a deployment (defaults to the model name);
 * - `compatible`: any OpenAI-compatible server by base URL (Ollama, vLLM, OpenRouter...); the key
 *   is optional (no Authorization header is sent without one).
 * Unset, the provider is `azure` when Azure settings are given, `compatible` when the base URL is not
 * api.openai.com, else `openai`.
 */
import { ConfigurationError } from '../errors/errors.js';
import { modelTakesReasoningEffort } from './reasoning-effort.js';

export type ModelProvider = 'openai' | 'azure' | 'compatible';
export type ReasoningEffort = 'low' | 'medium' | 'high';
export type TokenParam = 'max_completion_tokens' | 'max_tokens';

export interface AzureSettings {
  readonly apiVersion: string;
  readonly deployment: string;
}

export interface ModelSettings {
  readonly provider: ModelProvider;
  /** Never print it; '' for a compatible server that needs none. */
  readonly apiKey: string;
  /** Where requests go (for Azure: `<endpoint>/openai`). */
  readonly baseUrl: string;
  readonly model: string;
  /** True when no model was set and the OpenAI API's default (DEFAULT_OPENAI_MODEL) is used. */
  readonly modelIsDefault: boolean;
  /** null: the provider's default (and nothing is sent). */
  readonly temperature: number | null;
  /** null: nothing is sent. */
  readonly reasoningEffort: ReasoningEffort | null;
  /** Whether `reasoning_effort` goes into requests: the rule of reasoning-effort.ts unless overridden. */
  readonly sendReasoningEffort: boolean;
  /** Name of the completion cap in the request body; providers differ. */
  readonly tokenParam: TokenParam;
  readonly maxCompletionTokens: number;
  /** Per attempt. */
  readonly timeoutMs: number;
  /** Retries made by the SDK (attempts = maxRetries + 1 at most). */
  readonly maxRetries: number;
  /** Set exactly when provider is `azure`. */
  readonly azure: AzureSettings | null;
}

export interface ModelSettingsInput {
  readonly provider?: ModelProvider | null;
  readonly apiKey?: string | null;
  readonly baseUrl?: string | null;
  readonly model?: string | null;
  readonly temperature?: number | null;
  readonly reasoningEffort?: ReasoningEffort | null;
  /** Overrides the model-name rule; null or absent: use the rule. */
  readonly sendReasoningEffort?: boolean | null;
  readonly tokenParam?: TokenParam | null;
  readonly maxCompletionTokens?: number | null;
  readonly timeoutMs?: number | null;
  readonly maxRetries?: number | null;
  readonly azure?: {
    readonly endpoint?: string | null;
    readonly apiVersion?: string | null;
    readonly deployment?: string | null;
  } | null;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The names users know the settings by (config keys, action inputs, CLI flags), used in every message
 * that asks them to change one. One place, so wiring the config keys later changes only this.
 */
export const MODEL_SETTING_NAMES = {
  provider: 'model-provider',
  apiKey: 'api-key',
  baseUrl: 'base-url',
  model: 'model',
  temperature: 'temperature',
  reasoningEffort: 'reasoning-effort',
  sendReasoningEffort: 'send-reasoning-effort',
  tokenParam: 'token-param',
  maxCompletionTokens: 'max-completion-tokens',
  timeoutMs: 'request-timeout-seconds',
  maxRetries: 'max-retries',
  azureEndpoint: 'azure-endpoint',
  azureApiVersion: 'azure-api-version',
  azureDeployment: 'azure-deployment',
} as const;

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/**
 * The model used with the OpenAI API when none is set, as comparable tools do: a current small, cheap
 * model of the price catalogue (@pydantic/genai-prices). Other providers name models their own way
 * (deployments, local models), so they have no default.
 */
export const DEFAULT_OPENAI_MODEL = 'gpt-5.4-mini';
export const DEFAULT_TIMEOUT_MS = 120_000;
/** Node's fetch gives up waiting for response headers after 300 s whatever the SDK timeout says. */
export const MAX_TIMEOUT_MS = 300_000;
export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_MAX_COMPLETION_TOKENS = 8192;

const N = MODEL_SETTING_NAMES;

export function resolveModelSettings(input: ModelSettingsInput, env: Environment): ModelSettings {
  const explicitBaseUrl = present(input.baseUrl) ?? present(env['OPENAI_BASE_URL']);
  const provider = input.provider ?? inferProvider(input, explicitBaseUrl);
  const chosen = present(input.model);
  const model = chosen ?? (provider === 'openai' ? DEFAULT_OPENAI_MODEL : undefined);
  if (!model) {
    const what = provider === 'azure' ? 'your Azure deployment\'s model' : 'the model the server serves, e.g. llama3.1';
    throw new ConfigurationError(`no model is set for the ${provider} provider: set the ${N.model} setting to ${what} (only the OpenAI API has a default, ${DEFAULT_OPENAI_MODEL})`);
  }
  const azure = provider === 'azure' ? resolveAzure(input, env, model) : null;
  const baseUrl = checkBaseUrl(azure ? azureBaseUrl(input, env, explicitBaseUrl) : (explicitBaseUrl ?? defaultBaseUrl(provider)));
  return {
    provider,
    apiKey: resolveApiKey(input, env, provider),
    baseUrl,
    model,
    modelIsDefault: chosen === undefined,
    temperature: checkTemperature(input.temperature ?? null),
    reasoningEffort: input.reasoningEffort ?? null,
    sendReasoningEffort: input.sendReasoningEffort ?? modelTakesReasoningEffort(model),
    tokenParam: input.tokenParam ?? (provider === 'compatible' ? 'max_tokens' : 'max_completion_tokens'),
    maxCompletionTokens: checkInteger(input.maxCompletionTokens ?? DEFAULT_MAX_COMPLETION_TOKENS, N.maxCompletionTokens, 1, 1_000_000),
    timeoutMs: checkTimeout(input.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    maxRetries: checkInteger(input.maxRetries ?? DEFAULT_MAX_RETRIES, N.maxRetries, 0, 10),
    azure,
  };
}

/** A base URL fit for messages: no user, password, query or fragment. */
export function displayBaseUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '(invalid URL)';
  }
}

/** Which setting or secret holds the key, for messages. */
export function apiKeySource(settings: Pick<ModelSettings, 'provider'>): string {
  const variable = settings.provider === 'azure' ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY';
  return `the ${N.apiKey} setting (or the ${variable} secret)`;
}

function inferProvider(input: ModelSettingsInput, baseUrl: string | undefined): ModelProvider {
  const azure = input.azure;
  if (azure && (present(azure.endpoint) || present(azure.apiVersion) || present(azure.deployment))) return 'azure';
  if (baseUrl === undefined) return 'openai';
  try {
    return new URL(baseUrl).hostname === 'api.openai.com' ? 'openai' : 'compatible';
  } catch {
    return 'compatible';
  }
}

function defaultBaseUrl(provider: ModelProvider): string {
  if (provider === 'compatible') {
    throw new ConfigurationError(`an OpenAI-compatible provider needs a base URL: set the ${N.baseUrl} setting (or OPENAI_BASE_URL), e.g. http://localhost:11434/v1`);
  }
  return OPENAI_BASE_URL;
}

function resolveAzure(input: ModelSettingsInput, env: Environment, model: string): AzureSettings {
  const apiVersion = present(input.azure?.apiVersion) ?? present(env['OPENAI_API_VERSION']);
  if (!apiVersion) throw new ConfigurationError(`Azure OpenAI needs an API version: set the ${N.azureApiVersion} setting (or OPENAI_API_VERSION), e.g. 2024-10-21`);
  return { apiVersion, deployment: present(input.azure?.deployment) ?? model };
}

/** The SDK's rule: `<endpoint>/openai` unless a base URL is given; both at once is an error. */
function azureBaseUrl(input: ModelSettingsInput, env: Environment, explicitBaseUrl: string | undefined): string {
  const endpoint = present(input.azure?.endpoint);
  if (endpoint && present(input.baseUrl)) {
    throw new ConfigurationError(`Azure OpenAI takes either an endpoint or a base URL, not both: unset ${N.azureEndpoint} or ${N.baseUrl}`);
  }
  const chosen = endpoint ?? (explicitBaseUrl ? undefined : present(env['AZURE_OPENAI_ENDPOINT']));
  if (chosen) return `${chosen.replace(/\/+$/, '')}/openai`;
  if (explicitBaseUrl) return explicitBaseUrl;
  throw new ConfigurationError(`Azure OpenAI needs an endpoint: set the ${N.azureEndpoint} setting (or AZURE_OPENAI_ENDPOINT), e.g. https://my-resource.openai.azure.com`);
}

function resolveApiKey(input: ModelSettingsInput, env: Environment, provider: ModelProvider): string {
  const variable = provider === 'azure' ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY';
  const key = present(input.apiKey) ?? present(env[variable]) ?? '';
  if (key === '' && provider !== 'compatible') {
    throw new ConfigurationError(`no API key for the model: set the ${N.apiKey} setting (or the ${variable} secret)`);
  }
  return key;
}

function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConfigurationError(`the ${N.baseUrl} setting is not a URL: give an http(s) URL such as https://api.openai.com/v1`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(`the ${N.baseUrl} setting must be an http(s) URL, not ${url.protocol}`);
  }
  return baseUrl;
}

function checkTemperature(value: number | null): number | null {
  if (value === null) return null;
  if (!Number.isFinite(value) || value < 0 || value > 2) {
    throw new ConfigurationError(`the ${N.temperature} setting must be between 0 and 2 (or unset for the provider's default), got ${value}`);
  }
  return value;
}

function checkTimeout(ms: number): number {
  if (!Number.isInteger(ms) || ms < 1 || ms > MAX_TIMEOUT_MS) {
    throw new ConfigurationError(`the ${N.timeoutMs} setting must be more than 0 and at most ${MAX_TIMEOUT_MS / 1000} seconds (Node's fetch stops waiting for headers then), got ${ms / 1000}`);
  }
  return ms;
}

function checkInteger(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigurationError(`the ${name} setting must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/** A trimmed non-empty string, or undefined. */
function present(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
