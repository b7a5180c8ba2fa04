/**
 * `--resume [RUN_ID]` and `--no-store` on the command line (pure): the optional run id in each
 * spelling, flags after a bare --resume, and the contradiction between the two.
 */
import { describe, expect, it } from 'vitest';
import { type CliCommand, parseCliArgs, type RunCommand } from '../../../src/cli/parse-args.js';
import { ConfigurationError } from '../../../src/errors/errors.js';

function run(argv: readonly string[]): RunCommand {
  const command: CliCommand = parseCliArgs(['run', ...argv]);
  if (command.command !== 'run') throw new Error(`expected a run command, got ${command.command}`);
  return command;
}

function refused(argv: readonly string[]): ConfigurationError {
  try {
    parseCliArgs(['run', ...argv]);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('parseCliArgs --resume', () => {
  it('has no resume without the flag', () => {
    expect(run([])).not.toHaveProperty('resume');
  });

  it('takes a bare --resume as the latest run of the same commits', () => {
    expect(run(['--resume']).resume).toEqual({ runId: null });
  });

  it('takes the next argument as the run id', () => {
    expect(run(['--resume', 'abc']).resume).toEqual({ runId: 'abc' });
  });

  it('takes --resume=ID', () => {
    expect(run(['--resume=abc']).resume).toEqual({ runId: 'abc' });
  });

  it('does not take the next flag as the run id', () => {
    const command = run(['--resume', '--base', 'main']);
    expect(command.resume).toEqual({ runId: null });
    expect(command.base).toBe('main');
  });

  it('works after other flags and before a boolean flag', () => {
    const command = run(['--head', 'feature', '--resume', 'run-42', '--debug']);
    expect(command.resume).toEqual({ runId: 'run-42' });
    expect(command.head).toBe('feature');
    expect(command.debug).toBe(true);
  });

  it('is not a config override', () => {
    expect(run(['--resume', 'abc']).overrides).toEqual({});
  });
});

describe('parseCliArgs --no-store', () => {
  it('sets the store override to false', () => {
    const command = run(['--no-store']);
    expect(command.overrides).toEqual({ store: 'false' });
    expect(command).not.toHaveProperty('resume');
  });

  it('passes --store-path through as an override', () => {
    expect(run(['--store-path', '/tmp/s.sqlite']).overrides).toEqual({ 'store-path': '/tmp/s.sqlite' });
  });

  it.each([
    [['--no-store', '--resume']],
    [['--resume', '--no-store']],
    [['--no-store', '--resume', 'abc']],
    [['--resume=abc', '--no-store']],
  ])('refuses %j in one line saying the two contradict each other', (argv) => {
    const error = refused(argv);
    expect(error.message).toContain('--no-store');
    expect(error.message).toContain('--resume');
    expect(error.message).not.toContain('\n');
  });
});
