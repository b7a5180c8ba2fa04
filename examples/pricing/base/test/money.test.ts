import { describe, expect, it } from 'vitest';
import { formatCents, toCents } from '../src/money.js';

describe('toCents', () => {
  it('rounds to whole cents', () => {
    expect(toCents(12.345)).toBe(1235);
  });
});

describe('formatCents', () => {
  it('formats positive amounts', () => {
    expect(formatCents(1999)).toBe('19.99 EUR');
  });
});
