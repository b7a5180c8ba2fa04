import type { Cents } from './money.js';

export type Discount =
  | { readonly kind: 'percent'; readonly percent: number }
  | { readonly kind: 'fixed'; readonly amount: Cents }
  | { readonly kind: 'threshold'; readonly minimum: Cents; readonly amount: Cents };

/** The price after a discount, never below zero. */
export function applyDiscount(price: Cents, discount: Discount): Cents {
  if (discount.kind === 'percent') {
    if (discount.percent < 0 || discount.percent > 100) {
      throw new RangeError(`percent must be between 0 and 100, got ${discount.percent}`);
    }
    return Math.round(price * (1 - discount.percent / 100));
  }
  if (discount.kind === 'threshold') {
    return price >= discount.minimum ? Math.max(0, price - discount.amount) : price;
  }
  return Math.max(0, price - discount.amount);
}

/** The best of several discounts for this price. */
export function bestDiscount(price: Cents, discounts: readonly Discount[]): Discount | null {
  let best: Discount | null = null;
  let lowest = price;
  for (const discount of discounts) {
    const discounted = applyDiscount(price, discount);
    if (discounted < lowest) {
      lowest = discounted;
      best = discount;
    }
  }
  return best;
}
