import { describe, expect, it } from 'vitest';
import { fitsWithin, truncateToFit, utf8Length } from '../../../src/report/text-size.js';

describe('utf8Length', () => {
  it('matches what an encoder writes', () => {
    for (const text of ['', 'abc', 'é', '→', '😀', 'a😀b→é', '\ud800x', 'x\udc00']) {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });
});

describe('fitsWithin and truncateToFit', () => {
  it('checks characters and bytes', () => {
    expect(fitsWithin('abc', 3)).toBe(true);
    expect(fitsWithin('éé', 3)).toBe(false); // 2 characters but 4 bytes
  });

  it('cuts at whole code points, within both limits', () => {
    const text = 'ab😀cd';
    expect(truncateToFit(text, 5)).toBe('ab');
    expect(truncateToFit(text, 6)).toBe('ab😀');
    expect(truncateToFit('→→→', 7)).toBe('→→');
  });
});
