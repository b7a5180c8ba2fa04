// Combining per-parameter values (pure): base first, optional parameters left out, special values
// before generic ones with the parameters taking turns, a few pairs, `undefined` for a skipped
// optional parameter, rest arguments spread, duplicates removed, the cap respected.
import { describe, expect, it } from 'vitest';
import { combineArguments, takeTurns, type ParameterChoices } from '../../../../src/offline/analyse/combine-arguments.js';

const values = (optional: boolean, ...texts: string[]): ParameterChoices => ({
  optional,
  // Upper-case texts are special (e.g. constants from the code); the first is the base.
  choices: texts.map((text) => ({ exprs: [text], special: /[A-Z]/.test(text) })),
});

describe('combineArguments', () => {
  it('starts from the base, varies the special values first (taking turns), then pairs, then the rest', () => {
    const lists = combineArguments([values(false, 'a', 'B1', 'B2', 'c'), values(false, 'x', 'Y1', 'z')], 100);
    expect(lists).toEqual([
      ['a', 'x'],
      ['B1', 'x'],
      ['a', 'Y1'],
      ['B2', 'x'],
      ['B1', 'Y1'],
      ['B2', 'Y1'],
      ['c', 'x'],
      ['a', 'z'],
    ]);
  });

  it('leaves optional parameters out, and passes undefined for one skipped before a present one', () => {
    const lists = combineArguments([values(false, '1'), values(true, "'a'"), values(true, 'true', 'FALSE')], 100);
    expect(lists).toEqual([
      ['1', "'a'", 'true'],
      ['1'],
      ['1', "'a'", 'FALSE'],
    ]);
    const unbuildable = combineArguments([values(false, '1'), { optional: true, choices: [] }, values(true, 'true')], 100);
    expect(unbuildable).toEqual([['1', 'undefined', 'true'], ['1']]);
  });

  it('spreads rest arguments and removes duplicates', () => {
    const rest: ParameterChoices = {
      optional: true,
      choices: [
        { exprs: ['1'], special: false },
        { exprs: [], special: true },
        { exprs: ['1', '2'], special: true },
      ],
    };
    expect(combineArguments([values(false, "'s'"), rest], 100)).toEqual([["'s'", '1'], ["'s'"], ["'s'", '1', '2']]);
  });

  it('respects the cap and is deterministic', () => {
    const parameters = [values(false, '0', 'A', 'B', 'C', 'D', 'e', 'f'), values(false, '0', 'G', 'H', 'i'), values(true, '0', 'J', 'k')];
    const capped = combineArguments(parameters, 5);
    expect(capped).toHaveLength(5);
    expect(combineArguments(parameters, 5)).toEqual(capped);
    expect(combineArguments(parameters, 100).slice(0, 5)).toEqual(capped);
    expect(combineArguments([], 10)).toEqual([[]]);
  });

  it('takeTurns interleaves lists of different lengths', () => {
    expect(takeTurns([['a1', 'a2', 'a3'], [], ['b1']])).toEqual(['a1', 'b1', 'a2', 'a3']);
  });
});
