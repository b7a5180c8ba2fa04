import { describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE } from '../../../src/cli/parse-args.js';

describe('--events FILE', () => {
  it('is a CLI flag (not a configuration override), absent unless given, and in the usage', () => {
    const command = parseCliArgs(['run', '--events', 'out/events.jsonl']);
    expect(command.command === 'run' && command.eventsPath).toBe('out/events.jsonl');
    expect(command.command === 'run' && command.overrides).toEqual({});
    const without = parseCliArgs(['run']);
    expect(without.command === 'run' && 'eventsPath' in without).toBe(false);
    expect(USAGE).toMatch(/^ {2}--events FILE +\S/m);
  });

  it('needs a value', () => {
    expect(() => parseCliArgs(['run', '--events'])).toThrow(/--events/);
    expect(() => parseCliArgs(['run', '--events', ''])).toThrow('--events needs a file path');
  });
});
