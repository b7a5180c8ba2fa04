import { describe, expect, it } from 'vitest';
import { closestKey } from '../../../src/config/closest-key.js';
import { ConfigurationError } from '../../../src/errors/errors.js';
import { parseOverrides, splitList } from '../../../src/config/parse-overrides.js';
import { CONFIG_KEYS } from '../../../src/config/schema.js';

describe('parseOverrides', () => {
  it('coerces each value to the type of its key', () => {
    expect(
      parseOverrides({
        'measure-base': 'FALSE',
        'max-modules': ' 12 ',
        'runner-timeout-seconds': '1.5',
        include: 'src/**\nlib/**, packages/*/src/**',
        provider: 'offline',
        'report-md': 'out/report.md',
      }),
    ).toEqual({
      'measure-base': false,
      'max-modules': 12,
      'runner-timeout-seconds': 1.5,
      include: ['src/**', 'lib/**', 'packages/*/src/**'],
      provider: 'offline',
      'report-md': 'out/report.md',
    });
  });

  it('leaves values that do not coerce as strings, for validation to report', () => {
    expect(parseOverrides({ 'measure-base': 'yes', 'max-modules': 'ten', 'max-runner-output-kb': '1e3' })).toEqual({
      'measure-base': 'yes',
      'max-modules': 'ten',
      'max-runner-output-kb': '1e3',
    });
  });

  it('coerces nullable numbers and booleans of the model and generation keys', () => {
    expect(parseOverrides({ temperature: '0.7', 'max-tokens': '100000', 'max-cost-per-module-usd': '0.25', write: 'TRUE', model: 'gpt-4.1-mini' })).toEqual({
      temperature: 0.7,
      'max-tokens': 100000,
      'max-cost-per-module-usd': 0.25,
      write: true,
      model: 'gpt-4.1-mini',
    });
  });

  it('parses model-prices as JSON, or as a YAML mapping', () => {
    const expected = { 'my-model': { 'input-per-mtok-usd': 0.5, 'output-per-mtok-usd': 1.5 } };
    expect(parseOverrides({ 'model-prices': ' {"my-model": {"input-per-mtok-usd": 0.5, "output-per-mtok-usd": 1.5}} ' })).toEqual({ 'model-prices': expected });
    expect(parseOverrides({ 'model-prices': '{my-model: {input-per-mtok-usd: 0.5, output-per-mtok-usd: 1.5}}' })).toEqual({ 'model-prices': expected });
    expect(parseOverrides({ 'model-prices': 'my-model:\n  input-per-mtok-usd: 0.5\n  output-per-mtok-usd: 1.5\n' })).toEqual({ 'model-prices': expected });
  });

  it('leaves parsed model-prices of the wrong shape for validation to report', () => {
    expect(parseOverrides({ 'model-prices': 'gpt-4o' })).toEqual({ 'model-prices': 'gpt-4o' });
    expect(parseOverrides({ 'model-prices': '[1, 2]' })).toEqual({ 'model-prices': [1, 2] });
  });

  it('throws one line naming model-prices when its text does not parse', () => {
    const attempt = (text: string, label?: (key: string) => string) => () => parseOverrides({ 'model-prices': text }, label);
    expect(attempt('{"my-model": {"input-per-mtok-usd": 0.5}')).toThrow(ConfigurationError);
    expect(attempt('{"my-model": {"input-per-mtok-usd": 0.5}')).toThrow(/^setting "model-prices" is not valid JSON at line 1, column 41: Flow map must end with a \}; give a mapping such as \{"my-model"/);
    expect(attempt('{"a": 1, "a": 2}', (key) => `flag "${key}"`)).toThrow(/^flag "model-prices" is not valid JSON at line 1, column \d+: Map keys must be unique;/);
    expect(attempt('{a: 1,,}')).toThrow(/^setting "model-prices" is not valid JSON/);
  });

  it('drops blank values and passes non-strings and unknown keys through', () => {
    expect(parseOverrides({ provider: '', framework: '   ', 'max-modules': 3, colour: 'blue' })).toEqual({
      'max-modules': 3,
      colour: 'blue',
    });
  });
});

describe('splitList', () => {
  it('keeps commas inside braces', () => {
    expect(splitList('src/**/*.{ts,tsx}, lib/*.{js,mjs}')).toEqual(['src/**/*.{ts,tsx}', 'lib/*.{js,mjs}']);
  });

  it('splits on CRLF and drops empty items', () => {
    expect(splitList('a\r\n\r\nb,,c\n')).toEqual(['a', 'b', 'c']);
  });

  it('recovers from an unbalanced brace at the next line', () => {
    expect(splitList('src/{a,b\nc,d')).toEqual(['src/{a,b', 'c', 'd']);
  });
});

describe('closestKey', () => {
  it('finds typos, camelCase and snake_case spellings', () => {
    expect(closestKey('max-modles', CONFIG_KEYS)).toBe('max-modules');
    expect(closestKey('measureBase', CONFIG_KEYS)).toBe('measure-base');
    expect(closestKey('REPORT_MD', CONFIG_KEYS)).toBe('report-md');
  });

  it('suggests nothing for an unrelated word', () => {
    expect(closestKey('colour', CONFIG_KEYS)).toBeNull();
  });
});
