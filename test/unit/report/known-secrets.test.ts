import { describe, expect, it } from 'vitest';
import { knownSecrets } from '../../../src/report/known-secrets.js';

describe('knownSecrets', () => {
  it('takes the model key from the config and the environment, and the collector header values', () => {
    const secrets = knownSecrets(
      { apiKey: 'sk-from-config-123' },
      {
        OPENAI_API_KEY: 'sk-from-env-4567',
        OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=collector%20secret%201,short=abc',
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'authorization=Bearer tracesecret99',
      },
    );
    expect(secrets.sort()).toEqual(['Bearer tracesecret99', 'collector secret 1', 'sk-from-config-123', 'sk-from-env-4567']);
  });

  it('leaves out short and empty values', () => {
    expect(knownSecrets({ apiKey: null }, { OPENAI_API_KEY: ' ', OTEL_EXPORTER_OTLP_HEADERS: '' })).toEqual([]);
  });
});
