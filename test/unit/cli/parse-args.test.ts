import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../src/cli/parse-args.js';
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
      debug: true,
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
