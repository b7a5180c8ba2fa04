import { applyDiscount, type Discount } from './discount.js';
import type { Cents } from './money.js';
import { shippingCost, type Zone } from './shipping.js';

export interface Line {
  readonly sku: string;
  readonly unitPrice: Cents;
  readonly quantity: number;
}

export class Cart {
  readonly #lines = new Map<string, Line>();

  add(line: Line): void {
    if (line.quantity <= 0) throw new RangeError(`quantity must be positive, got ${line.quantity}`);
    const existing = this.#lines.get(line.sku);
    this.#lines.set(line.sku, existing ? { ...existing, quantity: existing.quantity + line.quantity } : line);
  }

  remove(sku: string): boolean {
    return this.#lines.delete(sku);
  }

  get size(): number {
    return this.#lines.size;
  }

  subtotal(): Cents {
    let total = 0;
    for (const line of this.#lines.values()) total += line.unitPrice * line.quantity;
    return total;
  }

  total(discount?: Discount): Cents {
    const subtotal = this.subtotal();
    return discount ? applyDiscount(subtotal, discount) : subtotal;
  }

  /** What the customer pays: the discounted total plus shipping for the parcel's weight. */
  checkout(zone: Zone, weightGrams: number, discount?: Discount): Cents {
    const total = this.total(discount);
    return total + shippingCost(zone, weightGrams, total);
  }
}
