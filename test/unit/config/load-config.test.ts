import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, MAX_CONFIG_BYTES, readTextFile } from '../../../src/config/load-config.js';
import { DEFAULT_INCLUDE } from '../../../src/config/schema.js';
import { ConfigurationError } from '../../../src/errors/errors.js';

let repoDir: string;

beforeEach(async () => {
  repoDir = await mkdtemp(join(tmpdir(), 'testmaster-config-'));
});
afterEach(async () => {
  await rm(repoDir, { recursive: true, force: true });
});

async function writeConfig(text: string, path = '.github/testmaster.yml'): Promise<void> {
  await mkdir(join(repoDir, path, '..'), { recursive: true });
  await writeFile(join(repoDir, path), text);
}

async function loadError(options: Parameters<typeof loadConfig>[0]): Promise<ConfigurationError> {
  const error: unknown = await loadConfig(options).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  return error as ConfigurationError;
}

describe('loadConfig: layers', () => {
  it('gives the defaults, in camelCase, when there is no config file', async () => {
    const config = await loadConfig({ repoDir });
    expect(config).toEqual({
      provider: 'auto',
      include: [...DEFAULT_INCLUDE],
      exclude: [],
      framework: 'auto',
      measureBase: true,
      baseCoverage: null,
      reportMd: null,
      reportJson: null,
      runnerTimeoutSeconds: 600,
      maxModules: 50,
      maxRunnerOutputKb: 1024,
      modelProvider: null,
      apiKey: null,
      baseUrl: null,
      model: null,
      temperature: null,
      reasoningEffort: null,
      tokenParam: null,
      maxCompletionTokens: 8192,
      maxPromptTokens: 16000,
      requestTimeoutSeconds: 120,
      maxRetries: 2,
      azureEndpoint: null,
      azureApiVersion: null,
      azureDeployment: null,
      maxCostUsd: 1,
      maxTokens: null,
      maxLlmCalls: null,
      maxCostPerModuleUsd: null,
      modelPrices: {},
      maxHealAttempts: 2,
      reruns: 3,
      concurrency: 4,
      candidateTimeoutSeconds: 120,
      offlineTimeBudgetSeconds: 120,
      testPathPattern: '{dir}/{name}.testmaster.test{ext}',
      store: true,
      storePath: null,
      isolation: 'auto',
      write: false,
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.exclude)).toBe(true);
  });

  it('lets the file override defaults and the overrides override the file; exclude adds up', async () => {
    await writeConfig('provider: offline\nmax-modules: 7\nrunner-timeout-seconds: 30\nexclude: [gen/**]\ninclude: [src/**]\n');
    const config = await loadConfig({
      repoDir,
      overrides: { 'max-modules': '9', exclude: 'legacy/**', 'measure-base': 'false' },
    });
    expect(config.provider).toBe('offline');
    expect(config.runnerTimeoutSeconds).toBe(30);
    expect(config.maxModules).toBe(9);
    expect(config.measureBase).toBe(false);
    expect(config.include).toEqual(['src/**']);
    expect(config.exclude).toEqual(['gen/**', 'legacy/**']);
  });

  it('treats blank overrides as not given', async () => {
    await writeConfig('framework: jest\n');
    const config = await loadConfig({ repoDir, overrides: { framework: '', provider: '  ' } });
    expect(config.framework).toBe('jest');
    expect(config.provider).toBe('auto');
  });

  it('coerces the model, budget and generation overrides, nullable numbers and model-prices JSON included', async () => {
    await writeConfig('model: gpt-4.1-mini\nmax-cost-usd: 0.5\nmodel-prices:\n  gpt-4.1-mini: {input-per-mtok-usd: 0.4, output-per-mtok-usd: 1.6}\n');
    const config = await loadConfig({
      repoDir,
      overrides: {
        'api-key': 'sk-test-override',
        temperature: '0.2',
        'max-tokens': '200000',
        'max-cost-per-module-usd': '0.05',
        'model-prices': '{"local-model": {"input-per-mtok-usd": 0, "output-per-mtok-usd": 0}}',
        write: 'true',
      },
      overridesLabel: 'input',
    });
    expect(config.model).toBe('gpt-4.1-mini');
    expect(config.maxCostUsd).toBe(0.5);
    expect(config.apiKey).toBe('sk-test-override');
    expect(config.temperature).toBe(0.2);
    expect(config.maxTokens).toBe(200000);
    expect(config.maxCostPerModuleUsd).toBe(0.05);
    expect(config.write).toBe(true);
    // model-prices is a whole value: the input replaces the file's mapping, as any other key does.
    expect(config.modelPrices).toEqual({ 'local-model': { 'input-per-mtok-usd': 0, 'output-per-mtok-usd': 0 } });
  });

  it('reads .github/testmaster.yaml when the .yml file is absent', async () => {
    await writeConfig('max-modules: 3\n', '.github/testmaster.yaml');
    expect((await loadConfig({ repoDir })).maxModules).toBe(3);
  });

  it('reads an explicitly named file, relative to the repository', async () => {
    await writeConfig('max-modules: 4\n', 'config/tm.yml');
    await writeConfig('max-modules: 5\n');
    expect((await loadConfig({ repoDir, configPath: 'config/tm.yml' })).maxModules).toBe(4);
  });

  it('accepts an empty file', async () => {
    await writeConfig('');
    expect((await loadConfig({ repoDir })).maxModules).toBe(50);
  });

  it('uses the injected reader', async () => {
    const read: string[] = [];
    const config = await loadConfig({
      repoDir: '/nowhere',
      readFile: async (path) => {
        read.push(path);
        return 'provider: hybrid\n';
      },
    });
    expect(config.provider).toBe('hybrid');
    expect(read).toEqual(['/nowhere/.github/testmaster.yml']);
  });
});

describe('loadConfig: errors', () => {
  it('names the file, key, value and expectation for a wrong type', async () => {
    await writeConfig('runner-timeout-seconds: ten\n');
    const error = await loadError({ repoDir });
    expect(error.message).toBe('.github/testmaster.yml: "runner-timeout-seconds" must be an integer from 1 to 7200, got "ten"');
  });

  it('reports a value out of range and a fractional integer', async () => {
    await writeConfig('max-modules: 0\nrunner-timeout-seconds: 1.5\n');
    const error = await loadError({ repoDir });
    expect(error.message).toContain('"max-modules" must be an integer from 1 to 1000, got 0');
    expect(error.message).toContain('"runner-timeout-seconds" must be an integer from 1 to 7200, got 1.5');
  });

  it('lists the allowed values of an enum', async () => {
    await writeConfig('provider: gpt\n');
    const error = await loadError({ repoDir });
    expect(error.message).toBe('.github/testmaster.yml: "provider" must be one of "auto", "none", "offline", "openai", "hybrid", got "gpt"');
  });

  it('describes lists, booleans and nullable paths', async () => {
    await writeConfig('include: src/**\nmeasure-base: yes\nreport-md: 3\n');
    const message = (await loadError({ repoDir })).message;
    expect(message).toContain('"include" must be a non-empty list of non-empty strings, got "src/**"');
    expect(message).toContain('"measure-base" must be true or false, got "yes"');
    expect(message).toContain('"report-md" must be a non-empty string or null, got 3');
  });

  it('rejects an empty include list', async () => {
    await writeConfig('include: []\n');
    expect((await loadError({ repoDir })).message).toBe(
      '.github/testmaster.yml: "include" must be a non-empty list of non-empty strings, got []',
    );
  });

  it('suggests the closest known key for an unknown one', async () => {
    await writeConfig('max-module: 5\nrunnerTimeoutSeconds: 10\n');
    const message = (await loadError({ repoDir })).message;
    expect(message).toContain('.github/testmaster.yml: "max-module" is not a known key; did you mean "max-modules"?');
    expect(message).toContain('"runnerTimeoutSeconds" is not a known key; did you mean "runner-timeout-seconds"?');
  });

  it('lists the known keys when nothing is close', async () => {
    await writeConfig('colour: blue\n');
    const message = (await loadError({ repoDir })).message;
    expect(message).toMatch(/"colour" is not a known key; known keys: provider, include, exclude, framework/);
  });

  it('gives the line of a YAML syntax error and what to do', async () => {
    await writeConfig('provider: none\nmax-modules: 5\ninclude: [a, b\n');
    const message = (await loadError({ repoDir })).message;
    expect(message).toMatch(/^\.github\/testmaster\.yml: invalid YAML at line \d+, column \d+: /);
    expect(message).toContain('"key: value"');
    expect(message).not.toContain('\n');
  });

  it('rejects duplicate keys', async () => {
    await writeConfig('max-modules: 1\nmax-modules: 2\n');
    expect((await loadError({ repoDir })).message).toMatch(/invalid YAML at line 2, column 1: Map keys must be unique/);
  });

  it('rejects a file that is not a mapping', async () => {
    await writeConfig('- provider\n- none\n');
    expect((await loadError({ repoDir })).message).toBe(
      '.github/testmaster.yml: expected a mapping of settings ("key: value" lines), got a list',
    );
  });

  it('fails when an explicitly named file does not exist', async () => {
    const message = (await loadError({ repoDir, configPath: 'missing.yml' })).message;
    expect(message).toMatch(/^config file missing\.yml does not exist; fix the path given with --config/);
  });

  it('names an override that does not validate', async () => {
    const message = (await loadError({ repoDir, overrides: { 'max-modules': 'ten' }, overridesLabel: 'input' })).message;
    expect(message).toBe('input "max-modules" must be an integer from 1 to 1000, got "ten"');
  });

  it('rejects an unknown override key with a suggestion', async () => {
    const message = (await loadError({ repoDir, overrides: { framwork: 'jest' } })).message;
    expect(message).toBe('setting "framwork" is not a known key; did you mean "framework"?');
  });

  it('refuses an api-key in the config file without repeating the key', async () => {
    await writeConfig('model: gpt-4.1-mini\napi-key: sk-committed-secret-123\n');
    const error = await loadError({ repoDir, overrides: { 'api-key': 'sk-from-the-input' } });
    expect(error.message).toMatch(/^\.github\/testmaster\.yml: "api-key" must not be in the config file, which is committed to the repository; remove it/);
    expect(error.message).toContain('action input api-key');
    expect(error.message).toContain('OPENAI_API_KEY environment variable');
    expect(error.message).not.toContain('sk-committed-secret-123');
    expect(error.message).not.toContain('\n');
  });

  it('refuses an api-key in the file even when it is empty or not a string', async () => {
    await writeConfig('api-key:\n');
    expect((await loadError({ repoDir })).message).toContain('"api-key" must not be in the config file');
    await writeConfig('api-key: 12345\n');
    expect((await loadError({ repoDir })).message).toContain('"api-key" must not be in the config file');
  });

  it('names model-prices when its input is not JSON, with where the parser stopped', async () => {
    const message = (await loadError({ repoDir, overrides: { 'model-prices': '{"my-model": {"input-per-mtok-usd": 1}' }, overridesLabel: 'input' }))
      .message;
    expect(message).toMatch(/^input "model-prices" is not valid JSON at line 1, column \d+: /);
    expect(message).toContain('{"my-model": {"input-per-mtok-usd": 0.5, "output-per-mtok-usd": 1.5}}');
    expect(message).not.toContain('\n');
  });

  it('names model-prices when its input is not a mapping', async () => {
    const message = (await loadError({ repoDir, overrides: { 'model-prices': 'gpt-4o' }, overridesLabel: 'flag' })).message;
    expect(message).toBe('flag "model-prices" must be a mapping of keys to values, got "gpt-4o"');
  });

  it('names the model and the price inside model-prices that do not validate', async () => {
    await writeConfig('model-prices:\n  gpt-4.1-mini: {input-per-mtok-usd: cheap, output-per-mtok-usd: 1.6}\n  other: {input-per-mtok-usd: 1}\n');
    const message = (await loadError({ repoDir })).message;
    expect(message).toContain(
      '.github/testmaster.yml: "model-prices"["gpt-4.1-mini"]["input-per-mtok-usd"] must be a number of at least 0, got "cheap"',
    );
    expect(message).toContain('.github/testmaster.yml: "model-prices"["other"]["output-per-mtok-usd"] must be a number of at least 0, got nothing');
  });

  it('names an unknown or misplaced key inside model-prices', async () => {
    const unknown = await loadError({
      repoDir,
      overrides: { 'model-prices': '{"m": {"input-per-mtok-usd": 1, "output-per-mtok-usd": 2, "input": 3}}' },
      overridesLabel: 'input',
    });
    expect(unknown.message).toBe(
      'input "model-prices"["m"] has the unknown key "input"; known keys: input-per-mtok-usd, output-per-mtok-usd, cached-input-per-mtok-usd',
    );
    const flat = await loadError({ repoDir, overrides: { 'model-prices': '{"m": 3}' }, overridesLabel: 'input' });
    expect(flat.message).toBe(
      'input "model-prices"["m"] must be a mapping with the keys input-per-mtok-usd, output-per-mtok-usd and optionally cached-input-per-mtok-usd, got 3',
    );
    const emptyId = await loadError({ repoDir, overrides: { 'model-prices': '{"": {"input-per-mtok-usd": 1, "output-per-mtok-usd": 2}}' } });
    expect(emptyId.message).toBe('setting "model-prices" has the key "", which must be a non-empty string');
  });

  it('does not name the safe-integer limit as a bound', async () => {
    const message = (await loadError({ repoDir, overrides: { 'max-llm-calls': '-1' }, overridesLabel: 'input' })).message;
    expect(message).toBe('input "max-llm-calls" must be an integer of at least 0 or null, got -1');
  });

  it('does not let a valid override hide an invalid file', async () => {
    await writeConfig('max-modules: lots\n');
    const message = (await loadError({ repoDir, overrides: { 'max-modules': '3' } })).message;
    expect(message).toContain('.github/testmaster.yml: "max-modules"');
  });
});

describe('loadConfig: what a repository file may not decide', () => {
  it('refuses base-url and azure-endpoint in the repository file, even when a flag sets them too', async () => {
    await writeConfig('model: m\nbase-url: https://attacker.example/v1\n');
    const error = await loadError({ repoDir, overrides: { 'base-url': 'http://127.0.0.1:1/v1' }, overridesLabel: 'flag' });
    expect(error.message).toMatch(/^\.github\/testmaster\.yml: "base-url" is not taken from the repository's config file: it decides where the model key is sent/);
    expect(error.message).toContain('--base-url flag');
    expect(error.message).not.toContain('attacker');
    await writeConfig('azure-endpoint: https://evil.openai.azure.com\n');
    expect((await loadError({ repoDir })).message).toMatch(/"azure-endpoint" is not taken from the repository's config file.*AZURE_OPENAI_ENDPOINT/);
  });

  it('takes them from a file of the user\'s, and from flags', async () => {
    await writeConfig('base-url: http://localhost:11434/v1\nazure-endpoint: https://r.openai.azure.com\n', 'mine.yml');
    const config = await loadConfig({ repoDir, configPath: 'mine.yml', origin: 'user' });
    expect([config.baseUrl, config.azureEndpoint]).toEqual(['http://localhost:11434/v1', 'https://r.openai.azure.com']);
    expect((await loadConfig({ repoDir, overrides: { 'base-url': 'http://localhost:1/v1' } })).baseUrl).toBe('http://localhost:1/v1');
  });

  it('refuses a repository file\'s path that leads outside the repository, and keeps one inside', async () => {
    await writeConfig('report-md: ../home/.bashrc\n');
    const message = (await loadError({ repoDir })).message;
    expect(message).toMatch(/^\.github\/testmaster\.yml: "report-md" "\.\.\/home\/\.bashrc" resolves outside the repository, to .*\/home\/\.bashrc; .* pass --report-md \(or the action input report-md\)$/);
    await writeConfig('store-path: /root/.ssh/authorized_keys\n');
    expect((await loadError({ repoDir })).message).toMatch(/"store-path" "\/root\/\.ssh\/authorized_keys" resolves outside the repository/);
    await writeConfig('report-md: out/report.md\nreport-json: out/report.json\nstore-path: .cache/s.sqlite\nbase-coverage: coverage/base.json\n');
    expect((await loadConfig({ repoDir })).reportMd).toBe('out/report.md');
  });

  it('lets flags and a file of the user\'s point anywhere', async () => {
    expect((await loadConfig({ repoDir, overrides: { 'report-md': '/elsewhere/report.md' } })).reportMd).toBe('/elsewhere/report.md');
    await writeConfig('report-md: ../elsewhere.md\n', 'mine.yml');
    expect((await loadConfig({ repoDir, configPath: 'mine.yml', origin: 'user' })).reportMd).toBe('../elsewhere.md');
  });
});

describe('readTextFile', () => {
  it('refuses a FIFO at once (never waits for a writer) and a directory', async () => {
    const fifo = join(repoDir, 'fifo.yml');
    execFileSync('mkfifo', [fifo]);
    await expect(readTextFile(fifo)).rejects.toThrow(`config file ${fifo} is not a regular file; name a YAML file`);
    await expect(readTextFile(repoDir)).rejects.toThrow(/is a directory; name a YAML file/);
    expect(await readTextFile(join(repoDir, 'missing.yml'))).toBeNull();
  });

  it('reads at most one byte past the size limit, so a huge file is refused without being read whole', async () => {
    await writeConfig(`# ${'x'.repeat(4 * 1024 * 1024)}\n`);
    expect((await readTextFile(join(repoDir, '.github/testmaster.yml')))!.length).toBe(MAX_CONFIG_BYTES + 1);
    expect((await loadError({ repoDir })).message).toBe('.github/testmaster.yml: the config file is larger than 256 KiB; it should hold a few settings');
  });
});
