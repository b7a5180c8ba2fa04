import type { Cents } from './money.js';

export type Discount =
  | { readonly kind: 'percent'; readonly percent: number }
  | { readonly kind: 'fixed'; readonly amount: Cents };

/** The price after a discount, never below zero. */
export function applyDiscount(price: Cents, discount: Discount): Cents {
  if (discount.kind === 'percent') {
    if (discount.percent < 0 || discount.percent > 100) {
      throw new RangeError(`percent must be between 0 and 100, got ${discount.percent}`);
    }
    return Math.round(price * (1 - discount.percent / 100));
  }
  return Math.max(0, price - discount.amount);
}
