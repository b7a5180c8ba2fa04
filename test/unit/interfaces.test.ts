/**
 * The documented interfaces agree with the code: every configuration key is an action input and a CLI
 * flag of the same name, action.yml and README list the same inputs and outputs, the version matches.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_FLAGS, USAGE } from '../../src/cli/parse-args.js';
import { CONFIG_KEYS } from '../../src/config/schema.js';
import { VERSION } from '../../src/version.js';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
const action = parse(read('action.yml')) as { inputs: Record<string, { default?: string; description?: string }>; outputs: Record<string, unknown>; runs: { using: string; main: string } };
const readme = read('README.md');
const tableNames = (heading: string): string[] => {
  const section = readme.slice(readme.indexOf(heading));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('|')));
  return [...table.matchAll(/^\| `([\w-]+)` \|/gm)].map((m) => m[1]!);
};

describe('interfaces', () => {
  it('runs on node24 from the committed bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('makes every configuration key an action input without a default (so the config file applies)', () => {
    for (const key of CONFIG_KEYS) {
      expect(action.inputs[key], key).toBeDefined();
      expect(action.inputs[key]!.default, key).toBeUndefined();
    }
    expect(action.inputs.token!.default).toBe('${{ github.token }}');
  });

  it('puts no GitHub expression in an input description (the runner evaluates it and fails to load the action)', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toMatch(/\S/);
      expect(input.description, name).not.toContain('${{');
    }
  });

  it('documents exactly the action inputs and outputs in README', () => {
    expect(tableNames('### Inputs').sort()).toEqual(Object.keys(action.inputs).sort());
    const outputs = read('src/action/set-outputs.ts');
    const set = [...outputs.matchAll(/setOutput\('([\w-]+)'/g)].map((m) => m[1]!).sort();
    expect(Object.keys(action.outputs).sort()).toEqual(set);
    expect(tableNames('### Outputs').sort()).toEqual(set);
  });

  it('makes every configuration key a CLI flag (measure-base as --no-base, store as --no-store), in the usage and README', () => {
    const flags = new Set<string>([...CONFIG_FLAGS, 'include', 'exclude', 'measure-base', 'store']);
    expect([...flags].sort()).toEqual([...CONFIG_KEYS].sort());
    for (const flag of [...CONFIG_FLAGS, 'include', 'exclude', 'no-base', 'no-store', 'resume', 'estimate']) {
      expect(USAGE, flag).toContain(`--${flag}`);
      expect(readme, flag).toContain(`--${flag}`);
    }
  });

  it('keeps the version in one place', () => {
    expect(VERSION).toBe((JSON.parse(read('package.json')) as { version: string }).version);
  });
});
