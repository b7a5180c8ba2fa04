import { describe, expect, it } from 'vitest';
import { applyDiscount } from '../src/discount.js';

describe('applyDiscount', () => {
  it('takes a threshold discount off when the minimum is reached', () => {
    expect(applyDiscount(6000, { kind: 'threshold', minimum: 5000, amount: 1000 })).toBe(5000);
  });
});
