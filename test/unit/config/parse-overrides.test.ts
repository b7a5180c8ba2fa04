import { describe, expect, it } from 'vitest';
import { closestKey } from '../../../src/config/closest-key.js';
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
