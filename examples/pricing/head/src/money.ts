/** Amounts are integer cents, so that sums never drift. */
export type Cents = number;

const SYMBOLS: Readonly<Record<string, string>> = { EUR: '€', USD: '$', GBP: '£' };

export function toCents(amount: number): Cents {
  if (!Number.isFinite(amount)) {
    throw new RangeError(`not a finite amount: ${amount}`);
  }
  return Math.round(amount * 100);
}

export function formatCents(cents: Cents, currency = 'EUR', style: 'code' | 'symbol' = 'code'): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const whole = Math.floor(absolute / 100);
  const fraction = String(absolute % 100).padStart(2, '0');
  if (style === 'symbol') {
    const symbol = SYMBOLS[currency];
    if (symbol === undefined) throw new RangeError(`no symbol known for ${currency}`);
    return `${sign}${symbol}${whole}.${fraction}`;
  }
  return `${sign}${whole}.${fraction} ${currency}`;
}
