/**
 * What a good model would answer for the changed modules of the vitest-ts, jest-js and vitest-orders
 * fixtures (test/fixtures/README.md): each file passes, and each has one case that adds no coverage
 * over the others or the existing tests, so the gate drops something, as it does with real answers.
 * MODULE_SPECIFIER stands for how the prompt says to import the module (it depends on where the
 * test file goes); fill it in with fixtureAnswer().
 */
const MODULE_SPECIFIER = '{{module}}';

const MONEY = `import { describe, expect, it } from 'vitest';
import { formatPrice, splitEvenly } from '{{module}}';

describe('splitEvenly', () => {
  it('spreads the remainder over the first shares', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
  });
  it('spreads a negative remainder', () => {
    expect(splitEvenly(-10, 3)).toEqual([-4, -3, -3]);
  });
  it('rejects a non-positive number of parts', () => {
    expect(() => splitEvenly(10, 0)).toThrow(RangeError);
  });
});

describe('formatPrice', () => {
  it('groups thousands of yen', () => {
    expect(formatPrice(1234567, 'JPY')).toBe('¥1,234,567');
  });
  it('formats dollars and cents again', () => {
    expect(formatPrice(1234)).toBe('$12.34');
  });
});
`;

const CART = `import { describe, expect, it } from 'vitest';
import { Cart } from '{{module}}';

describe('Cart discounts', () => {
  it('takes the discount off the subtotal', () => {
    const cart = new Cart();
    cart.add('tea', 1000, 2);
    cart.applyDiscount(25);
    expect(cart.subtotal()).toBe(1500);
  });
  it('rejects a discount over 100', () => {
    expect(() => new Cart().applyDiscount(101)).toThrow(RangeError);
  });
  it('replaces an earlier discount', () => {
    const cart = new Cart();
    cart.add('tea', 1000);
    cart.applyDiscount(50);
    cart.applyDiscount(10);
    expect(cart.subtotal()).toBe(900);
  });
});
`;

const PRICING = `const { bulkQuote, orderTotal, MINIMUM_CHARGE_CENTS } = require('{{module}}');

describe('orderTotal', () => {
  test('charges the minimum for a small order', () => {
    expect(orderTotal(100, 2)).toBe(MINIMUM_CHARGE_CENTS);
  });
});

describe('bulkQuote', () => {
  test('quotes the cheapest unit price first and drops zero quantities', () => {
    expect(bulkQuote(200, [10, 0, 100])).toEqual([
      { quantity: 100, total: 17000, perUnit: 170 },
      { quantity: 10, total: 1900, perUnit: 190 },
    ]);
  });
  test('quotes nothing for no quantities', () => {
    expect(bulkQuote(200, [])).toEqual([]);
  });
});
`;

const REORDER = `const { planReorder } = require('{{module}}');

describe('planReorder with maxLeadDays', () => {
  const inventory = { available: () => 0 };
  const supplier = { quote: async (sku) => ({ unitCents: 10, leadDays: sku === 'slow' ? 30 : 3 }) };

  test('leaves out quotes slower than maxLeadDays', async () => {
    const plan = await planReorder(inventory, { slow: 5, fast: 5 }, supplier, { maxLeadDays: 7 });
    expect(plan).toEqual([{ sku: 'fast', quantity: 10, unitCents: 10, leadDays: 3 }]);
  });
  test('keeps every quote without a limit', async () => {
    const plan = await planReorder(inventory, { slow: 5, fast: 5 }, supplier);
    expect(plan.map((order) => order.sku)).toEqual(['fast', 'slow']);
  });
});
`;

const ORDERS = `import { beforeEach, describe, expect, it } from 'vitest';
import { lineTotalCents, OrderBook, OrderError } from '{{module}}';

let book: OrderBook;

beforeEach(() => {
  let next = 0;
  book = new OrderBook({ now: () => new Date('2025-03-01T10:00:00Z'), nextId: (prefix) => \`\${prefix}-\${++next}\` });
});

function paidOrder() {
  const order = book.create('cust-9', 'uk');
  const tea = book.addLine(order.id, { sku: 'TEA-100', quantity: 2, unitCents: 1250 });
  const mug = book.addLine(order.id, { sku: 'MUG-7', quantity: 1, unitCents: 800 });
  book.place(order.id);
  book.markPaid(order.id);
  return { order, tea, mug };
}

describe('OrderBook.refund', () => {
  it('refunds lines with their tax and cancels the order once every line is refunded', () => {
    const { order, tea, mug } = paidOrder();
    expect(book.refund(order.id, [tea.id])).toBe(3000);
    expect(order.lines).toEqual([mug]);
    expect(order.status).toBe('paid');
    expect(book.refund(order.id, [mug.id])).toBe(960);
    expect(order).toMatchObject({ status: 'cancelled', cancelReason: 'refunded in full', lines: [] });
  });

  it('refuses to refund an order that is not paid or shipped', () => {
    const order = book.create('cust-9', 'uk');
    expect(() => book.refund(order.id, [])).toThrow(/not paid or shipped/);
  });

  it('refuses a line the order does not have and refunds nothing', () => {
    const { order, tea } = paidOrder();
    expect(() => book.refund(order.id, [tea.id, 'line-404'])).toThrow(OrderError);
    expect(order.lines).toHaveLength(2);
  });
});

describe('OrderBook.markShipped', () => {
  it('requires a tracking number', () => {
    const { order } = paidOrder();
    expect(() => book.markShipped(order.id, '  ')).toThrow('cannot ship without a tracking number');
    expect(order.status).toBe('paid');
  });
});

describe('lineTotalCents', () => {
  it('rounds a fractional discount down', () => {
    expect(lineTotalCents({ sku: 'TEA-100', quantity: 3, unitCents: 333, discountPercent: 10 })).toBe(900);
  });
});
`;

/** Fixture -> module path -> the test file answered for it. */
const ANSWERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'vitest-ts': { 'src/money.ts': MONEY, 'src/cart.ts': CART },
  'jest-js': { 'src/pricing.js': PRICING, 'src/reorder.js': REORDER },
  'vitest-orders': { 'src/orders.ts': ORDERS },
};

/** The answer for a fixture's module, importing it with `moduleSpecifier`; null for a module with none. */
export function fixtureAnswer(fixture: string, module: string, moduleSpecifier: string): string | null {
  return ANSWERS[fixture]?.[module]?.replaceAll(MODULE_SPECIFIER, moduleSpecifier) ?? null;
}
