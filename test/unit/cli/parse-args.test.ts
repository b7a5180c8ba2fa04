import { describe, expect, it } from 'vitest';
import { API_KEY_FLAG_WARNING, parseCliArgs, USAGE } from '../../../src/cli/parse-args.js';
import { ConfigurationError } from '../../../src/errors/errors.js';

describe('parseCliArgs', () => {
  it('parses every documented run flag into refs, config path and raw overrides', () => {
    const command = parseCliArgs([
      'run', '--repo', 'r', '--base', 'main', '--head', 'feature', '--provider', 'none', '--config', 'c.yml',
      '--report-md', 'out.md', '--report-json', 'out.json', '--base-coverage', 'cov.json',
      '--include', 'src/**', '--include', 'lib/**', '--exclude', 'src/gen/**', '--max-modules', '7', '--debug',
    ]);
    expect(command).toEqual({
      command: 'run',
      repo: 'r',
      base: 'main',
      head: 'feature',
      configPath: 'c.yml',
      estimate: false,
      debug: true,
      warnings: [],
      overrides: {
        provider: 'none',
        'report-md': 'out.md',
        'report-json': 'out.json',
        'base-coverage': 'cov.json',
        'max-modules': '7',
        include: 'src/**\nlib/**',
        exclude: 'src/gen/**',
      },
    });
  });

  it('passes the model, budget and generation flags through as raw strings, --write as "true"', () => {
    const prices = '{"my-model": {"input-per-mtok-usd": 0.5, "output-per-mtok-usd": 1.5}}';
    const command = parseCliArgs([
      'run', '--model', 'gpt-4.1-mini', '--model-provider', 'azure', '--api-key', 'sk-flag', '--base-url', 'http://localhost:11434/v1',
      '--temperature', '0.2', '--reasoning-effort', 'low', '--token-param', 'max_tokens', '--max-completion-tokens', '4096',
      '--max-prompt-tokens', '9000', '--request-timeout-seconds', '30', '--max-retries', '0', '--azure-endpoint', 'https://r.openai.azure.com',
      '--azure-api-version', '2024-10-21', '--azure-deployment', 'dep', '--max-cost-usd', '0.5', '--max-tokens', '100000',
      '--max-llm-calls', '20', '--max-cost-per-module-usd', '0.1', '--model-prices', prices, '--max-heal-attempts', '1',
      '--reruns', '2', '--concurrency', '8', '--candidate-timeout-seconds', '60', '--test-path-pattern', '{dir}/{name}.spec{ext}', '--write',
    ]);
    expect(command.command === 'run' && command.overrides).toEqual({
      model: 'gpt-4.1-mini',
      'model-provider': 'azure',
      'api-key': 'sk-flag',
      'base-url': 'http://localhost:11434/v1',
      temperature: '0.2',
      'reasoning-effort': 'low',
      'token-param': 'max_tokens',
      'max-completion-tokens': '4096',
      'max-prompt-tokens': '9000',
      'request-timeout-seconds': '30',
      'max-retries': '0',
      'azure-endpoint': 'https://r.openai.azure.com',
      'azure-api-version': '2024-10-21',
      'azure-deployment': 'dep',
      'max-cost-usd': '0.5',
      'max-tokens': '100000',
      'max-llm-calls': '20',
      'max-cost-per-module-usd': '0.1',
      'model-prices': prices,
      'max-heal-attempts': '1',
      reruns: '2',
      concurrency: '8',
      'candidate-timeout-seconds': '60',
      'test-path-pattern': '{dir}/{name}.spec{ext}',
      write: 'true',
    });
  });

  it('parses --estimate, which is not a configuration key', () => {
    const estimating = parseCliArgs(['run', '--estimate', '--model', 'gpt-4.1-mini']);
    expect(estimating).toMatchObject({ command: 'run', estimate: true, overrides: { model: 'gpt-4.1-mini' } });
    expect(estimating.command === 'run' && 'estimate' in estimating.overrides).toBe(false);
    expect(parseCliArgs(['run'])).toMatchObject({ command: 'run', estimate: false, overrides: {} });
    expect(() => parseCliArgs(['run', '--estimate=yes'])).toThrow(ConfigurationError);
  });

  it('documents --estimate and the --api-key caution in the usage', () => {
    expect(USAGE).toMatch(/--estimate +print the projected worst-case cost of the model calls without making any/);
    expect(USAGE).toMatch(/--api-key KEY +.*prefer the OPENAI_API_KEY environment variable/);
  });

  it('keeps --api-key working but warns, in one line, that the key is visible to others and to use OPENAI_API_KEY', () => {
    for (const argv of [['run', '--api-key', 'sk-flag'], ['run', '--api-key=sk-flag']]) {
      const command = parseCliArgs(argv);
      expect(command.command === 'run' && command.overrides['api-key']).toBe('sk-flag');
      expect(command.command === 'run' && command.warnings).toEqual([API_KEY_FLAG_WARNING]);
    }
    expect(API_KEY_FLAG_WARNING).toMatch(/^--api-key puts the key on the command line, where any user of this machine can read it \(ps, \/proc\/<pid>\/cmdline\)/);
    expect(API_KEY_FLAG_WARNING).toContain('export OPENAI_API_KEY');
    expect(API_KEY_FLAG_WARNING).not.toContain('\n');
    const quiet = parseCliArgs(['run', '--model', 'gpt-4.1-mini']);
    expect(quiet.command === 'run' && quiet.warnings).toEqual([]);
  });

  it('turns --no-base into measure-base false', () => {
    const command = parseCliArgs(['run', '--no-base']);
    expect(command.command === 'run' && command.overrides['measure-base']).toBe('false');
  });

  it('rejects contradictions, unknown flags, missing values and unknown commands with one line', () => {
    expect(() => parseCliArgs(['run', '--no-base', '--base-coverage', 'x.json'])).toThrow(/contradict/);
    expect(() => parseCliArgs(['run', '--frobnicate'])).toThrow(ConfigurationError);
    expect(() => parseCliArgs(['run', '--frobnicate'])).toThrow(/--frobnicate.*see testmaster run --help/);
    expect(() => parseCliArgs(['run', '--base'])).toThrow(/--base/);
    expect(() => parseCliArgs(['walk'])).toThrow(/unknown command "walk"/);
    for (const bad of [['run', '--frobnicate'], ['run', '--base']]) {
      try {
        parseCliArgs(bad);
      } catch (error) {
        expect((error as Error).message).not.toContain('\n');
      }
    }
  });

  it('recognises help and version', () => {
    expect(parseCliArgs([])).toEqual({ command: 'help', topic: null });
    expect(parseCliArgs(['run', '--help'])).toEqual({ command: 'help', topic: 'run' });
    expect(parseCliArgs(['--version'])).toEqual({ command: 'version' });
  });
});
