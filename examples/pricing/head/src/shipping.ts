import type { Cents } from './money.js';

export type Zone = 'domestic' | 'eu' | 'world';

const BASE_RATES: Readonly<Record<Zone, Cents>> = { domestic: 490, eu: 990, world: 1990 };

/** Shipping cost for a parcel: free above the threshold at home, by weight band elsewhere. */
export function shippingCost(zone: Zone, weightGrams: number, subtotal: Cents): Cents {
  if (weightGrams <= 0) throw new RangeError(`weight must be positive, got ${weightGrams}`);
  if (zone === 'domestic' && subtotal >= 5000) return 0;
  const bands = Math.ceil(weightGrams / 1000);
  return BASE_RATES[zone] + (bands - 1) * (zone === 'world' ? 500 : 200);
}
