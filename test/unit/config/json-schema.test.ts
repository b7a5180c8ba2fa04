import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../../src/config/load-config.js';
import { CONFIG_KEYS, configJsonSchema, serializeConfigJsonSchema } from '../../../src/config/schema.js';
import { ConfigurationError } from '../../../src/errors/errors.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const samples = join(here, 'samples');

describe('schema/testmaster.schema.json', () => {
  it('is exactly what the zod schema generates now (run `npm run schema` after changing it)', async () => {
    const committed = await readFile(join(root, 'schema', 'testmaster.schema.json'), 'utf8');
    expect(committed).toBe(serializeConfigJsonSchema());
  });

  it('documents every key, allows no other, and names its dialect', () => {
    const schema = configJsonSchema() as {
      $schema: string;
      title: string;
      additionalProperties: boolean;
      properties: Record<string, { description?: string; default?: unknown }>;
      required?: string[];
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('TestMaster configuration');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(CONFIG_KEYS);
    for (const key of CONFIG_KEYS) {
      expect(schema.properties[key]?.description, key).toMatch(/\S/);
      expect(schema.properties[key], key).toHaveProperty('default');
    }
    expect(schema.required ?? []).toEqual([]);
  });

  it('is what scripts/write-schema.mjs would write (the script runs under Node 24)', async () => {
    // The script imports the .ts source directly; check it still loads and serialises the same way.
    const node = join(root, 'node_modules', '.bin', 'node');
    const { stdout } = await promisify(execFile)(
      node,
      ['--input-type=module', '-e', `const m = await import(${JSON.stringify(join(root, 'src/config/schema.ts'))}); process.stdout.write(m.serializeConfigJsonSchema());`],
      { cwd: root },
    );
    expect(stdout).toBe(serializeConfigJsonSchema());
  });
});

describe('sample config files', () => {
  const load = (name: string) => loadConfig({ repoDir: samples, configPath: name });

  it('accepts a file of the user\'s that sets every key', async () => {
    const config = await loadConfig({ repoDir: samples, configPath: 'valid-full.yml', origin: 'user' });
    expect(config.provider).toBe('offline');
    expect(config.include).toEqual(['src/**/*.{ts,tsx}']);
    expect(config.exclude).toContain('src/generated/**');
    expect(config.framework).toBe('vitest');
    expect(config.measureBase).toBe(false);
    expect(config.baseCoverage).toBe('coverage/base.json');
    expect(config.reportMd).toBe('out/report.md');
    expect(config.reportJson).toBeNull();
    expect(config.runnerTimeoutSeconds).toBe(120);
    expect(config.maxModules).toBe(10);
    expect(config.maxRunnerOutputKb).toBe(2048);
    expect(config).toMatchObject({
      modelProvider: 'compatible',
      apiKey: null,
      baseUrl: 'http://localhost:11434/v1',
      model: 'qwen2.5-coder:7b',
      temperature: 0.2,
      reasoningEffort: 'low',
      tokenParam: 'max_tokens',
      maxCompletionTokens: 4096,
      maxPromptTokens: 12000,
      requestTimeoutSeconds: 60,
      maxRetries: 1,
      azureEndpoint: 'https://my-resource.openai.azure.com',
      azureApiVersion: '2024-10-21',
      azureDeployment: 'tests',
      maxCostUsd: 0.25,
      maxTokens: 500000,
      maxLlmCalls: 40,
      maxCostPerModuleUsd: 0.05,
      modelPrices: {
        'qwen2.5-coder:7b': { 'input-per-mtok-usd': 0, 'output-per-mtok-usd': 0 },
        'gpt-4.1-mini': { 'input-per-mtok-usd': 0.4, 'output-per-mtok-usd': 1.6, 'cached-input-per-mtok-usd': 0.1 },
      },
      maxHealAttempts: 1,
      reruns: 2,
      concurrency: 2,
      candidateTimeoutSeconds: 60,
      testPathPattern: '{dir}/__tests__/{name}.test{ext}',
      store: false,
      storePath: '.cache/testmaster/store.sqlite',
      write: true,
    });
    // Every key but api-key (refused in a file) is set by the sample.
    const sample = parse(await readFile(join(samples, 'valid-full.yml'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(sample).sort()).toEqual(CONFIG_KEYS.filter((key) => key !== 'api-key').sort());
  });

  it('refuses the same file as the repository\'s own, naming the key that says where the model key goes', async () => {
    const error: unknown = await load('valid-full.yml').then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/^valid-full\.yml: "base-url" is not taken from the repository's config file: it decides where the model key is sent/);
  });

  it('accepts a file holding only comments', async () => {
    expect((await load('valid-empty.yml')).provider).toBe('auto');
  });

  it.each([
    ['invalid-type.yml', 'invalid-type.yml: "runner-timeout-seconds" must be an integer from 1 to 7200, got "ten"'],
    ['invalid-range.yml', 'invalid-range.yml: "max-modules" must be an integer from 1 to 1000, got 0'],
    ['invalid-unknown-key.yml', 'invalid-unknown-key.yml: "max-module" is not a known key; did you mean "max-modules"?'],
    ['invalid-enum.yml', 'invalid-enum.yml: "framework" must be one of "auto", "vitest", "jest", got "mocha"'],
    ['invalid-syntax.yml', 'invalid-syntax.yml: invalid YAML at line 3'],
    ['invalid-not-mapping.yml', 'invalid-not-mapping.yml: expected a mapping of settings'],
  ])('rejects %s', async (name, expected) => {
    const error: unknown = await load(name).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message.startsWith(expected), (error as Error).message).toBe(true);
  });
});
