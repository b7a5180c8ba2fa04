import { describe, expect, it } from 'vitest';
import { composeSplitPieces } from '../../../../src/offline/analyse/split-pieces.js';

describe('composeSplitPieces', () => {
  it('gives each piece alone, after the separator, and twice', () => {
    expect(composeSplitPieces(['-a', '', '--a'], [' '])).toEqual(['-a', ' -a', '-a -a', '--a', ' --a', '--a --a']);
  });

  it('skips empty separators and caps the list', () => {
    expect(composeSplitPieces(['x'], [''])).toEqual([]);
    expect(composeSplitPieces(['a', 'b', 'c', 'd'], [',', ';'], 5)).toHaveLength(5);
  });
});
