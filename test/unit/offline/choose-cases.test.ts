import { describe, expect, it } from 'vitest';
import type { OfflineTarget } from '../../../src/offline/analyse/types.js';
import { chooseCases, pathKey } from '../../../src/offline/emit/choose-cases.js';
import type { CallOutcome, ProbeRecord } from '../../../src/offline/probe/outcome.js';

const threw = (message: string): CallOutcome => ({ kind: 'threw', error: { name: 'Error', message } });

function target(candidates: string[][]): OfflineTarget {
  return { id: 'new Binding', exportName: 'Binding', kind: 'constructor', className: 'Binding', displayName: 'new Binding', isAsync: false, startLine: 1, endLine: 9, params: [], constructorArgs: [], candidates };
}

describe('pathKey', () => {
  it('takes out the string arguments an outcome repeats', () => {
    expect(pathKey(threw("no key in '<'"), ["'<'"])).toBe(pathKey(threw("no key in '['"), ["'['"]));
    expect(pathKey(threw("no key in 'Ctrl'"), ["'Ctrl'", '1'])).toBe(pathKey(threw("no key in 'Shift'"), ["'Shift'", '2']));
    expect(pathKey(threw("one key at most: 'a a'"), ["'a a'"])).not.toBe(pathKey(threw("no key in 'Aa'"), ["'Aa'"]));
  });

  it('leaves short words alone, so that `a` inside a message stays', () => {
    expect(pathKey(threw('a value is invalid'), ["'a'"])).toBe(JSON.stringify(threw('a value is invalid')));
  });
});

describe('chooseCases', () => {
  it('keeps one case per path when messages only echo the input, so later paths fit under the cap', () => {
    const inputs = ["'<'", "'['", "'x...>'", "''", "' '", "'Aa'", "'Aa Aa'", "'a a'"];
    const messages = ["no key in '<'", "no key in '['", "no key in 'x...>'", "no key in ''", "no key in ' '", "no key in 'Aa'", "one modifier at most: 'Aa Aa'", "one key at most: 'a a'"];
    const the = target(inputs.map((input) => [input]));
    const records: ProbeRecord[] = messages.map((message, index) => ({ target: the.id, index, outcome: threw(message) }));
    const choice = chooseCases([the], records, records, { maxCasesPerTarget: 3, maxCasesPerModule: 20, neverReturned: new Set(), probeLimitMs: 1000 });
    expect(choice.chosen.map((entry) => inputs[entry.index])).toEqual(["'<'", "'Aa Aa'", "'a a'"]);
  });
});
