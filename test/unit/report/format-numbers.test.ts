import { describe, expect, it } from 'vitest';
import { formatCount, formatCounts, formatDelta, formatPercent, percentTenths, plural } from '../../../src/report/format-numbers.js';

describe('formatPercent', () => {
  it('rounds down to one decimal, so only full coverage reads 100.0%', () => {
    expect(formatPercent(9996, 10000)).toBe('99.9%');
    expect(formatPercent(999_999, 1_000_000)).toBe('99.9%');
    expect(formatPercent(1, 1)).toBe('100.0%');
    expect(formatPercent(2, 3)).toBe('66.6%');
    expect(formatPercent(29, 100)).toBe('29.0%');
    expect(formatPercent(1, 3000)).toBe('0.0%');
    expect(formatPercent(0, 5)).toBe('0.0%');
  });

  it('says n/a when there is nothing to measure', () => {
    expect(formatPercent(0, 0)).toBe('n/a');
    expect(percentTenths(0, 0)).toBeNull();
    expect(formatCounts({ covered: 0, total: 0 })).toBe('n/a (0/0)');
    expect(formatCounts({ covered: 33, total: 40 })).toBe('82.5% (33/40)');
  });
});

describe('formatDelta', () => {
  it('is the difference of the figures as shown', () => {
    expect(formatDelta({ covered: 8, total: 10 }, { covered: 33, total: 40 })).toBe('+2.5');
    expect(formatDelta({ covered: 1, total: 2 }, { covered: 49, total: 100 })).toBe('-1.0');
    expect(formatDelta({ covered: 1, total: 2 }, { covered: 2, total: 4 })).toBe('±0');
    // 50.04% and 50.0% read the same, so they show no change.
    expect(formatDelta({ covered: 1, total: 2 }, { covered: 5004, total: 10000 })).toBe('±0');
    expect(formatDelta({ covered: 0, total: 0 }, { covered: 1, total: 2 })).toBeNull();
  });
});

describe('formatCount and plural', () => {
  it('groups thousands and picks the plural', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(999)).toBe('999');
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(5000, 'file')).toBe('5,000 files');
  });
});
