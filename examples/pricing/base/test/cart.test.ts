import { describe, expect, it } from 'vitest';
import { Cart } from '../src/cart.js';

describe('Cart', () => {
  it('sums lines and merges the same sku', () => {
    const cart = new Cart();
    cart.add({ sku: 'a', unitPrice: 250, quantity: 2 });
    cart.add({ sku: 'a', unitPrice: 250, quantity: 1 });
    cart.add({ sku: 'b', unitPrice: 100, quantity: 1 });
    expect(cart.size).toBe(2);
    expect(cart.subtotal()).toBe(850);
  });

  it('applies a percent discount to the total', () => {
    const cart = new Cart();
    cart.add({ sku: 'a', unitPrice: 1000, quantity: 1 });
    expect(cart.total({ kind: 'percent', percent: 10 })).toBe(900);
  });
});
