import { describe, expect, it } from 'vitest';
import { blobLinesUrl, lineRanges, toRanges } from '../../../src/report/ranges.js';

describe('toRanges', () => {
  it('joins consecutive lines into ranges', () => {
    expect(toRanges([1, 2, 3, 5])).toBe('1-3, 5');
    expect(toRanges([9])).toBe('9');
    expect(toRanges([])).toBe('');
    expect(toRanges([4, 5, 7, 8, 10])).toBe('4-5, 7-8, 10');
  });

  it('sorts and de-duplicates first', () => {
    expect(toRanges([5, 3, 1, 2, 3, 2])).toBe('1-3, 5');
    expect(lineRanges([10, 2, 11])).toEqual([
      [2, 2],
      [10, 11],
    ]);
  });

  it('links each range when asked', () => {
    const link = (from: number, to: number) => `https://x/f#L${from}-L${to}`;
    expect(toRanges([3, 4, 5, 9], { link })).toBe('[3-5](https://x/f#L3-L5), [9](https://x/f#L9-L9)');
  });
});

describe('blobLinesUrl', () => {
  it('points at the file at the head commit, with a line anchor', () => {
    expect(blobLinesUrl('https://github.com/o/r', 'abc', 'src/a.ts', 3, 5)).toBe('https://github.com/o/r/blob/abc/src/a.ts#L3-L5');
    expect(blobLinesUrl('https://github.com/o/r/', 'abc', 'src/a.ts', 9, 9)).toBe('https://github.com/o/r/blob/abc/src/a.ts#L9');
  });

  it('percent-encodes path segments so the URL is safe inside a markdown link', () => {
    const url = blobLinesUrl('https://github.com/o/r', 'abc', 'src/we(ird) name#1/ü.ts', 1, 2);
    expect(url).toBe('https://github.com/o/r/blob/abc/src/we%28ird%29%20name%231/%C3%BC.ts#L1-L2');
    expect(url).not.toMatch(/[\s()]/);
  });
});
