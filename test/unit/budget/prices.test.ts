import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { modelIdCandidates } from '../../../src/budget/model-aliases.js';
import { lookupPrice, PRICE_CONFIG_KEY, priceFor, unknownPriceMessage } from '../../../src/budget/prices.js';

describe('modelIdCandidates', () => {
  it('lists the id, then without vendor prefix, tag and date suffix, most specific first', () => {
    expect(modelIdCandidates(' GPT-4o-2024-08-06 ')).toEqual(['gpt-4o-2024-08-06', 'gpt-4o']);
    expect(modelIdCandidates('openai/gpt-4o')).toEqual(['openai/gpt-4o', 'gpt-4o']);
    expect(modelIdCandidates('claude-sonnet-4-20250514')).toEqual(['claude-sonnet-4-20250514', 'claude-sonnet-4']);
    expect(modelIdCandidates('gpt-4-0613')).toEqual(['gpt-4-0613', 'gpt-4']);
    expect(modelIdCandidates('meta-llama/llama-3.3-70b-instruct:free')).toEqual([
      'meta-llama/llama-3.3-70b-instruct:free',
      'llama-3.3-70b-instruct:free',
      'meta-llama/llama-3.3-70b-instruct',
      'llama-3.3-70b-instruct',
    ]);
    expect(modelIdCandidates('gpt-oss-120b')).toEqual(['gpt-oss-120b']);
  });
});

describe('priceFor', () => {
  it('takes a known model from the catalogue package, with its cached-input price', () => {
    expect(priceFor('gpt-4o', {})).toEqual({ inputPerMTokUsd: 2.5, outputPerMTokUsd: 10, cachedInputPerMTokUsd: 1.25 });
    expect(priceFor('gpt-4o-mini', {})).toEqual({ inputPerMTokUsd: 0.15, outputPerMTokUsd: 0.6, cachedInputPerMTokUsd: 0.075 });
  });

  it('agrees with the catalogue for every model it names (no transcription error)', () => {
    for (const model of ['gpt-4.1', 'gpt-5-mini', 'o4-mini', 'claude-sonnet-4-20250514', 'deepseek-chat']) {
      const found = calcPrice({ input_tokens: 1_000_000, output_tokens: 1_000_000 }, model);
      expect(found, model).not.toBeNull();
      const price = priceFor(model, {});
      expect(price?.inputPerMTokUsd, model).toBeCloseTo(found!.input_price, 9);
      expect(price?.outputPerMTokUsd, model).toBeCloseTo(found!.output_price, 9);
    }
  });

  it('resolves dated variants: the catalogue snapshot when it has one, else the undated model', () => {
    expect(priceFor('gpt-4o-2024-08-06', {})).toEqual(priceFor('gpt-4o', {}));
    expect(priceFor('gpt-4o-2099-01-01', {})).toEqual(priceFor('gpt-4o', {}));
    // gpt-4o-2024-05-13 has its own (higher) price: it must not fall back to gpt-4o.
    expect(priceFor('gpt-4o-2024-05-13', {})?.inputPerMTokUsd).toBe(5);
  });

  it('strips a router vendor prefix, or uses the router price list given its base URL', () => {
    expect(priceFor('openai/gpt-4o', {})).toEqual(priceFor('gpt-4o', {}));
    const routed = lookupPrice('anthropic/claude-sonnet-4', {}, { providerApiUrl: 'https://openrouter.ai/api/v1' });
    expect(routed?.provider).toBe('openrouter');
    expect(routed?.price.outputPerMTokUsd).toBe(15);
  });

  it('uses the named provider\'s list whatever the URL (the OpenAI API through a proxy), where the URL alone finds nothing', () => {
    expect(lookupPrice('gpt-5.4-mini', {}, { providerApiUrl: 'http://127.0.0.1:8080/v1' })).toBeNull();
    const named = lookupPrice('gpt-5.4-mini', {}, { providerId: 'openai', providerApiUrl: 'http://127.0.0.1:8080/v1' });
    expect(named).toMatchObject({ source: 'catalogue', provider: 'openai' });
    expect(named?.price).toEqual(priceFor('gpt-5.4-mini', {}));
  });

  it('takes the highest tier of a tiered price, as an upper bound', () => {
    const gemini = lookupPrice('gemini-2.5-pro', {});
    expect(gemini?.provider).toBe('google');
    expect(gemini?.price.inputPerMTokUsd).toBe(2.5);
    expect(gemini?.price.outputPerMTokUsd).toBe(15);
  });

  it('gives null for an unknown model without an override', () => {
    expect(priceFor('llama3.1:8b', {})).toBeNull();
    expect(priceFor('my-azure-deployment', {})).toBeNull();
  });

  it('uses a config price, matched case-insensitively, and says so', () => {
    const overrides = { 'Llama3.1:8B': { inputPerMTokUsd: 0, outputPerMTokUsd: 0 } };
    expect(lookupPrice('llama3.1:8b', overrides)).toEqual({
      price: { inputPerMTokUsd: 0, outputPerMTokUsd: 0 },
      source: 'config',
      matchedId: 'Llama3.1:8B',
      provider: null,
    });
  });

  it('puts the config before the catalogue at the same name, and the exact name before an alias', () => {
    const overrides = { 'gpt-4o': { inputPerMTokUsd: 1, outputPerMTokUsd: 2 } };
    expect(priceFor('gpt-4o', overrides)).toEqual({ inputPerMTokUsd: 1, outputPerMTokUsd: 2 });
    expect(priceFor('gpt-4o-2099-01-01', overrides)).toEqual({ inputPerMTokUsd: 1, outputPerMTokUsd: 2 });
    expect(priceFor('gpt-4o-2024-05-13', overrides)?.inputPerMTokUsd).toBe(5);
    expect(priceFor('gpt-4o-2024-05-13', { ...overrides, 'gpt-4o-2024-05-13': { inputPerMTokUsd: 3, outputPerMTokUsd: 4 } })).toEqual({
      inputPerMTokUsd: 3,
      outputPerMTokUsd: 4,
    });
  });

  it('has a message naming the config key to set', () => {
    const message = unknownPriceMessage('llama3.1:8b');
    expect(message).toContain(PRICE_CONFIG_KEY);
    expect(message).toContain('"llama3.1:8b"');
    expect(message).not.toContain('\n');
  });
});
