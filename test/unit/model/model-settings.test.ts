import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/errors/errors.js';
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_OPENAI_MODEL,
  DEFAULT_TIMEOUT_MS,
  displayBaseUrl,
  OPENAI_BASE_URL,
  resolveModelSettings,
} from '../../../src/model/model-settings.js';
import { modelTakesReasoningEffort } from '../../../src/model/reasoning-effort.js';

const KEY = 'sk-settings-test-0123456789abcdef';

describe('resolveModelSettings', () => {
  it('falls back to OPENAI_API_KEY and OPENAI_BASE_URL as the SDK does, with our defaults', () => {
    const settings = resolveModelSettings({ model: 'gpt-4.1-mini' }, { OPENAI_API_KEY: KEY });
    expect(settings).toEqual({
      provider: 'openai',
      apiKey: KEY,
      baseUrl: OPENAI_BASE_URL,
      model: 'gpt-4.1-mini',
      modelIsDefault: false,
      temperature: null,
      reasoningEffort: null,
      sendReasoningEffort: false,
      tokenParam: 'max_completion_tokens',
      maxCompletionTokens: 8192,
      timeoutMs: DEFAULT_TIMEOUT_MS,
      maxRetries: DEFAULT_MAX_RETRIES,
      azure: null,
    });
    expect(DEFAULT_TIMEOUT_MS).toBe(120_000);
    expect(DEFAULT_MAX_RETRIES).toBe(2);

    const fromEnvUrl = resolveModelSettings({ model: 'llama3' }, { OPENAI_BASE_URL: 'http://localhost:11434/v1' });
    expect(fromEnvUrl.baseUrl).toBe('http://localhost:11434/v1');
    expect(fromEnvUrl.provider).toBe('compatible');
  });

  it('prefers explicit settings over the environment, and treats blank values as unset', () => {
    const settings = resolveModelSettings(
      { model: 'gpt-4.1', apiKey: 'sk-explicit-key-0000000000', baseUrl: '  ' },
      { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: 'https://api.openai.com/v1' },
    );
    expect(settings.apiKey).toBe('sk-explicit-key-0000000000');
    expect(settings.provider).toBe('openai');
    expect(resolveModelSettings({ model: 'gpt-4.1', apiKey: ' ' }, { OPENAI_API_KEY: KEY }).apiKey).toBe(KEY);
  });

  it('needs a key for OpenAI and names the setting and secret, but not for a compatible server', () => {
    expect(() => resolveModelSettings({ model: 'gpt-4.1' }, {})).toThrow(ConfigurationError);
    expect(() => resolveModelSettings({ model: 'gpt-4.1' }, {})).toThrow(/api-key setting \(or the OPENAI_API_KEY secret\)/);
    const local = resolveModelSettings({ model: 'qwen2.5-coder', baseUrl: 'http://127.0.0.1:8000/v1' }, {});
    expect(local).toMatchObject({ provider: 'compatible', apiKey: '', tokenParam: 'max_tokens' });
  });

  it('uses a current small model of the price catalogue for the OpenAI API when none is set, and says so', async () => {
    const settings = resolveModelSettings({}, { OPENAI_API_KEY: KEY });
    expect(settings).toMatchObject({ provider: 'openai', model: DEFAULT_OPENAI_MODEL, modelIsDefault: true, sendReasoningEffort: true });
    const { lookupPrice } = await import('../../../src/budget/prices.js');
    expect(lookupPrice(DEFAULT_OPENAI_MODEL, {})?.source).toBe('catalogue');
    expect(resolveModelSettings({ provider: 'openai', baseUrl: 'http://127.0.0.1:9/v1' }, { OPENAI_API_KEY: KEY }).model).toBe(DEFAULT_OPENAI_MODEL);
  });

  it('needs a model and a base URL for a compatible provider', () => {
    expect(() => resolveModelSettings({ baseUrl: 'http://127.0.0.1:8000/v1' }, {})).toThrow(/no model is set for the compatible provider: set the model setting/);
    expect(() => resolveModelSettings({ azure: { endpoint: 'https://x.openai.azure.com', apiVersion: '2024-10-21' } }, { AZURE_OPENAI_API_KEY: KEY })).toThrow(/Azure deployment/);
    expect(() => resolveModelSettings({ provider: 'compatible', model: 'm' }, {})).toThrow(/base-url/);
  });

  it('resolves Azure: endpoint or base URL, API version, deployment defaulting to the model', () => {
    const env = { AZURE_OPENAI_API_KEY: KEY, OPENAI_API_VERSION: '2024-10-21' };
    const azure = resolveModelSettings({ model: 'gpt-4.1', azure: { endpoint: 'https://res.openai.azure.com/' } }, env);
    expect(azure).toMatchObject({
      provider: 'azure',
      apiKey: KEY,
      baseUrl: 'https://res.openai.azure.com/openai',
      tokenParam: 'max_completion_tokens',
      azure: { apiVersion: '2024-10-21', deployment: 'gpt-4.1' },
    });
    const fromEnv = resolveModelSettings(
      { provider: 'azure', model: 'o3-mini', azure: { deployment: 'my-o3' } },
      { ...env, AZURE_OPENAI_ENDPOINT: 'https://other.openai.azure.com' },
    );
    expect(fromEnv.baseUrl).toBe('https://other.openai.azure.com/openai');
    expect(fromEnv.azure?.deployment).toBe('my-o3');
    // The rule reads the model name, not the deployment name.
    expect(fromEnv.sendReasoningEffort).toBe(true);
  });

  it('rejects incomplete or contradictory Azure settings with the setting to change', () => {
    const env = { AZURE_OPENAI_API_KEY: KEY };
    expect(() => resolveModelSettings({ provider: 'azure', model: 'm', azure: { endpoint: 'https://r.openai.azure.com' } }, env)).toThrow(
      /azure-api-version/,
    );
    expect(() => resolveModelSettings({ provider: 'azure', model: 'm', azure: { apiVersion: 'v' } }, env)).toThrow(/azure-endpoint/);
    expect(() =>
      resolveModelSettings({ model: 'm', baseUrl: 'https://r.openai.azure.com/openai', azure: { endpoint: 'https://r.openai.azure.com', apiVersion: 'v' } }, env),
    ).toThrow(/either an endpoint or a base URL/);
    expect(() => resolveModelSettings({ provider: 'azure', model: 'm', azure: { endpoint: 'https://r', apiVersion: 'v' } }, { OPENAI_API_KEY: KEY })).toThrow(
      /AZURE_OPENAI_API_KEY/,
    );
  });

  it('validates numbers and URLs, naming the setting', () => {
    const base = { model: 'gpt-4.1', apiKey: KEY };
    expect(() => resolveModelSettings({ ...base, temperature: 3 }, {})).toThrow(/temperature setting must be between 0 and 2/);
    expect(() => resolveModelSettings({ ...base, maxRetries: -1 }, {})).toThrow(/max-retries/);
    expect(() => resolveModelSettings({ ...base, maxCompletionTokens: 0 }, {})).toThrow(/max-completion-tokens/);
    expect(() => resolveModelSettings({ ...base, timeoutMs: 600_000 }, {})).toThrow(/request-timeout-seconds setting must be .* at most 300 seconds/);
    expect(() => resolveModelSettings({ ...base, baseUrl: 'not a url' }, {})).toThrow(/base-url setting is not a URL/);
    expect(() => resolveModelSettings({ ...base, baseUrl: 'file:///etc/passwd' }, {})).toThrow(/http\(s\) URL/);
    expect(resolveModelSettings({ ...base, temperature: 0, maxRetries: 0, timeoutMs: 500 }, {})).toMatchObject({
      temperature: 0,
      maxRetries: 0,
      timeoutMs: 500,
    });
  });

  it('never puts the key in a configuration message', () => {
    const messages: string[] = [];
    const attempts = [
      { model: 'gpt-4.1', apiKey: KEY, temperature: 9 },
      { model: 'gpt-4.1', apiKey: KEY, baseUrl: 'nope' },
      { provider: 'azure' as const, model: 'm', apiKey: KEY },
    ];
    for (const input of attempts) {
      try {
        resolveModelSettings(input, {});
      } catch (error) {
        messages.push((error as Error).message);
      }
    }
    expect(messages).toHaveLength(3);
    for (const message of messages) expect(message).not.toContain(KEY);
  });

  it('lets the reasoning-effort rule be overridden either way', () => {
    const base = { apiKey: KEY, reasoningEffort: 'low' as const };
    expect(resolveModelSettings({ ...base, model: 'o4-mini' }, {}).sendReasoningEffort).toBe(true);
    expect(resolveModelSettings({ ...base, model: 'o4-mini', sendReasoningEffort: false }, {}).sendReasoningEffort).toBe(false);
    expect(resolveModelSettings({ ...base, model: 'deepseek-r1', sendReasoningEffort: true }, {}).sendReasoningEffort).toBe(true);
  });
});

describe('modelTakesReasoningEffort', () => {
  it.each([
    ['o1', true],
    ['o3-mini', true],
    ['o4-mini-2025-04-16', true],
    ['O3', true],
    ['openai/o3-mini', true],
    ['gpt-5', true],
    ['gpt-5-mini', true],
    ['gpt-5.1', true],
    ['o1-mini', false],
    ['o1-preview', false],
    ['gpt-5-chat-latest', false],
    ['gpt-4.1-mini', false],
    ['gpt-4o', false],
    ['gpt-50', false],
    ['llama3.1:8b', false],
    ['ollama', false],
  ])('%s -> %s', (model, expected) => {
    expect(modelTakesReasoningEffort(model)).toBe(expected);
  });
});

describe('displayBaseUrl', () => {
  it('drops credentials, query and trailing slashes', () => {
    expect(displayBaseUrl('https://user:hunter2@proxy.example/v1/?token=abc#x')).toBe('https://proxy.example/v1');
    expect(displayBaseUrl('nonsense')).toBe('(invalid URL)');
  });
});
