/** Small inline fixtures for the prompt tests: a cart module, what it imports, and an existing test. */

export const MONEY_SOURCE = `/** Amounts in cents. */
export type Cents = number;

/** Formats cents as a price, e.g. 1250 -> "12.50 EUR". */
export function formatPrice(amount: Cents, currency = 'EUR'): string {
  return (amount / 100).toFixed(2) + ' ' + currency;
}

export function roundCents(value: number): Cents {
  return Math.round(value);
}

function internalHelper(): void {
  // not exported
}

export class Ledger {
  private entries: Cents[] = [];
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
  add(amount: Cents): void {
    this.entries.push(amount);
  }
  total(): Cents {
    return this.entries.reduce((a, b) => a + b, 0);
  }
  #secret(): void {}
}

export const ZERO: Cents = 0;
`;

export const TYPES_SOURCE = `export interface CartLine {
  readonly sku: string;
  readonly unitPrice: number;
  readonly quantity: number;
}

export interface Discount {
  readonly code: string;
  readonly percent: number;
}

export type Unused = { never: true };
`;

function filler(index: number): string {
  return `/** Helper ${index}: scales a quantity for report ${index}. */
export function reportScale${index}(quantity: number): number {
  if (quantity < 0) {
    throw new RangeError('quantity ${index} must not be negative');
  }
  const scaled = quantity * ${index + 2};
  return scaled > 1000 ? 1000 : scaled;
}
`;
}

const CART_HEAD = `import { formatPrice, roundCents, type Cents } from './money.js';
import type { CartLine, Discount } from './types.js';
import { readFileSync } from 'node:fs';

export const MAX_LINES = 50;

/** What describeCart returns. */
export interface CartSummary {
  readonly lines: number;
  readonly total: Cents;
}
`;

const CART_TARGET = `/** The total of a cart in cents, after an optional discount (0-100 percent). */
export function cartTotal(lines: readonly CartLine[], discount?: Discount): Cents {
  if (lines.length > MAX_LINES) {
    throw new RangeError('too many lines');
  }
  const gross = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  if (discount === undefined) return gross;
  if (discount.percent < 0 || discount.percent > 100) {
    throw new RangeError('discount out of range: ' + discount.code);
  }
  return roundCents(gross * (1 - discount.percent / 100));
}
`;

const CART_TAIL = `
export function describeCart(lines: readonly CartLine[]): string {
  return lines.map((line) => line.sku + ': ' + formatPrice(line.unitPrice)).join('\\n');
}

export function loadCart(file: string): CartLine[] {
  return JSON.parse(readFileSync(file, 'utf8')) as CartLine[];
}
`;

const FILLERS_BEFORE = Array.from({ length: 10 }, (_v, index) => filler(index)).join('\n');
const FILLERS_AFTER = Array.from({ length: 10 }, (_v, index) => filler(index + 10)).join('\n');

export const CART_SOURCE = `${CART_HEAD}\n${FILLERS_BEFORE}\n${CART_TARGET}\n${FILLERS_AFTER}${CART_TAIL}`;

const cartLines = CART_SOURCE.split('\n');
export const lineOf = (text: string): number => {
  const index = cartLines.findIndex((line) => line.includes(text));
  if (index === -1) throw new Error(`fixture has no line with ${text}`);
  return index + 1;
};

/** The changed lines: the whole cartTotal function. */
export const CART_CHANGED = (() => {
  const first = lineOf('The total of a cart in cents');
  const last = lineOf("return roundCents(gross * (1 - discount.percent / 100));") + 1;
  return Array.from({ length: last - first + 1 }, (_v, index) => first + index);
})();
export const CART_UNCOVERED = [lineOf("throw new RangeError('too many lines')"), lineOf('discount out of range')];
export const CART_PARTIAL = [lineOf('if (discount.percent < 0')];

function existingCase(index: number): string {
  return `  it('scales report ${index}', () => {
    expect(reportScale${index}(2)).toBe(${2 * (index + 2)});
    expect(reportScale${index}(10_000)).toBe(1000);
    expect(() => reportScale${index}(-1)).toThrow(RangeError);
  });
`;
}

export const EXISTING_TEST = `import { describe, it, expect, vi } from 'vitest';
import { cartTotal, describeCart, ${Array.from({ length: 20 }, (_v, index) => `reportScale${index}`).join(', ')} } from './cart.js';

vi.mock('./money.js', async (importOriginal) => ({ ...(await importOriginal<typeof import('./money.js')>()) }));

describe('cart', () => {
  it('adds the lines', () => {
    expect(cartTotal([{ sku: 'a', unitPrice: 100, quantity: 2 }])).toBe(200);
  });

  it('describes the lines', () => {
    expect(describeCart([{ sku: 'a', unitPrice: 1250, quantity: 1 }])).toBe('a: 12.50 EUR');
  });
});

describe('report scales', () => {
${Array.from({ length: 20 }, (_v, index) => existingCase(index)).join('\n')}});
`;

export const REPO_FILES: Readonly<Record<string, string>> = {
  'src/money.ts': MONEY_SOURCE,
  'src/types.ts': TYPES_SOURCE,
  'src/cart.ts': CART_SOURCE,
  'src/cart.test.ts': EXISTING_TEST,
};

export const readRepoFile = (repoPath: string): string | null => REPO_FILES[repoPath] ?? null;
