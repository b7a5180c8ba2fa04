/**
 * configFingerprint over configs built by the real loader's schema: equal for equal settings,
 * different when a setting that shapes results changes, the same when only a secret, an output path
 * or a speed setting changes.
 */
import { describe, expect, it } from 'vitest';
import { type Config, configFileSchema, type ConfigFileInput, toConfig } from '../../../src/config/schema.js';
import { configFingerprint } from '../../../src/session/config-fingerprint.js';

const BASE_INPUT: ConfigFileInput = { provider: 'openai', model: 'gpt-4.1-mini', 'max-cost-usd': 1, reruns: 3 };

function configWith(input: ConfigFileInput = {}): Config {
  return toConfig(configFileSchema.parse({ ...BASE_INPUT, ...input }));
}

const base = configFingerprint(configWith());

describe('configFingerprint', () => {
  it('is a SHA-256 in hex, the same for equal configs', () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(configFingerprint(configWith())).toBe(base);
  });

  it('does not depend on the order of the keys', () => {
    const reversed = Object.fromEntries(Object.entries(configWith()).reverse()) as Config;
    expect(configFingerprint(reversed)).toBe(base);
  });

  it.each<[string, ConfigFileInput]>([
    ['model', { model: 'gpt-4.1' }],
    ['max-cost-usd', { 'max-cost-usd': 2 }],
    ['reruns', { reruns: 5 }],
    ['provider', { provider: 'hybrid' }],
    ['max-heal-attempts', { 'max-heal-attempts': 0 }],
    ['exclude', { exclude: ['src/gen/**'] }],
  ])('changes when %s changes', (_key, input) => {
    expect(configFingerprint(configWith(input))).not.toBe(base);
  });

  it.each<[string, ConfigFileInput]>([
    ['api-key', { 'api-key': 'sk-test-not-a-real-key' }],
    ['report-md', { 'report-md': 'out/report.md' }],
    ['report-json', { 'report-json': 'out/report.json' }],
    ['concurrency', { concurrency: 16 }],
    ['store-path', { 'store-path': '/tmp/elsewhere.sqlite' }],
    ['request-timeout-seconds', { 'request-timeout-seconds': 30 }],
    ['max-retries', { 'max-retries': 0 }],
    ['write', { write: true }],
  ])('stays the same when only %s changes', (_key, input) => {
    expect(configFingerprint(configWith(input))).toBe(base);
  });

  it('never contains the key', () => {
    const secret = 'sk-test-not-a-real-key-1234567890';
    expect(configFingerprint(configWith({ 'api-key': secret }))).not.toContain(secret);
  });
});
