/**
 * A case that pins the environment: what it asserts is a global or runtime feature missing where it ran.
 */
import { describe, expect, it } from 'vitest';
import { describeEnvironmentNeed, environmentNeedInCode, environmentNeedInText } from '../../../../src/validation/gate/environment-needs.js';

describe('environmentNeedInText', () => {
  it.each([
    ['ReferenceError: Iterator is not defined', 'Iterator'],
    ['FEATURE_FLAGS is not defined', 'FEATURE_FLAGS'],
    ['TypeError: Object.groupBy is not a function', 'Object.groupBy'],
    ['items.toSorted is not a function', '.toSorted()'],
    ['(intermediate value).toSorted is not a function', '.toSorted()'],
    ['Iterator is not a constructor', 'Iterator'],
  ])('reads %j as needing %s', (text, name) => {
    expect(environmentNeedInText(text)).toEqual({ name });
  });

  it.each(['expected 3 to be 4', 'handler.run is not a function', 'cents must be an integer'])('reads %j as needing nothing', (text) => {
    expect(environmentNeedInText(text)).toBeNull();
  });

  it('takes a message the module writes itself for the module\'s own error', () => {
    expect(environmentNeedInText('region is not defined', 'throw new Error(`${key} is not defined`);')).toBeNull();
  });

  it('says what the code needs in one line', () => {
    expect(describeEnvironmentNeed({ name: 'Iterator' })).toMatch(/^the code needs `Iterator`, which the test environment lacks; [^\n]+$/);
  });
});

describe('environmentNeedInCode', () => {
  const FILE = 'test/x.test.ts';
  const SOURCE = `it('wraps', () => {
  // Iterator is not defined on Node 20: a comment is not an assertion
  expect(() => wrap([1])).toThrow('Iterator is not defined');
});
it('reads', () => {
  // Iterator is not defined on Node 20
  expect(read()).toBe(1);
});
it('names the error class', () => {
  expect(() => flags()).toThrow(ReferenceError);
});
it('matches a pattern', () => {
  expect(() => flags()).toThrow(/FEATURE_FLAGS is not defined/);
});
`;
  const rangeOf = (from: string, to: string) => ({ start: SOURCE.indexOf(from), end: SOURCE.indexOf(to) });
  it('finds a need in string and regular-expression literals and a ReferenceError, never in comments', () => {
    expect(environmentNeedInCode(SOURCE, FILE, [rangeOf("it('wraps'", "it('reads'")])).toEqual({ name: 'Iterator' });
    expect(environmentNeedInCode(SOURCE, FILE, [rangeOf("it('reads'", "it('names")])).toBeNull();
    expect(environmentNeedInCode(SOURCE, FILE, [rangeOf("it('names", "it('matches")])).toEqual({ name: null });
    expect(environmentNeedInCode(SOURCE, FILE, [{ start: SOURCE.indexOf("it('matches"), end: SOURCE.length }])).toEqual({ name: 'FEATURE_FLAGS' });
  });
});
