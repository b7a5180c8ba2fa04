import { describe, expect, it } from 'vitest';
import { numberedSource } from '../../../../src/generation/prompt/numbered-source.js';
import { CART_CHANGED, CART_PARTIAL, CART_SOURCE, CART_UNCOVERED, lineOf } from './fixtures.js';

const marks = { changedLines: CART_CHANGED, uncoveredLines: CART_UNCOVERED, partialLines: CART_PARTIAL };

describe('numberedSource', () => {
  it('numbers every line of a short module and marks uncovered and partial changed lines only', () => {
    const source = 'const a = 1;\nif (a) {\n  throw new Error("x");\n}\nexport { a };\n';
    const text = numberedSource(source, { changedLines: [2, 3], uncoveredLines: [3, 5], partialLines: [2] });
    expect(text.split('\n')).toEqual([
      '1  | const a = 1;',
      '2 ?| if (a) {',
      '3 !|   throw new Error("x");',
      '4  | }',
      '5  | export { a };',
    ]);
  });

  it('keeps a long module\'s imports and the declaration holding the changed lines, with true numbers', () => {
    const text = numberedSource(CART_SOURCE, marks, { fileName: 'src/cart.ts' });
    const lines = text.split('\n');
    const total = CART_SOURCE.split('\n').length - 1;
    expect(lines.length).toBeLessThan(total / 2);
    expect(lines[0]).toBe("  1  | import { formatPrice, roundCents, type Cents } from './money.js';");
    expect(text).toContain(`${lineOf('too many lines')} !|     throw new RangeError('too many lines');`);
    expect(text).toContain(`${lineOf('if (discount.percent < 0')} ?|   if (discount.percent < 0`);
    expect(text).toContain('/** The total of a cart in cents');
    expect(text).not.toContain('export function reportScale3(');
    expect(text).not.toContain('function describeCart');
    expect(text).toMatch(/\/\/ … \d+ lines of MAX_LINES, CartSummary, reportScale0, reportScale1, reportScale2, reportScale3 and 6 more omitted/);
    expect(lines.at(-1)).toBe('     | // … 98 lines of reportScale10, reportScale11, reportScale12, reportScale13, reportScale14, reportScale15 and 6 more omitted');
  });

  it('elides to the focus lines on request, whatever the length', () => {
    const text = numberedSource(CART_SOURCE, marks, { elide: true, focusLines: [lineOf('return lines.map')] });
    expect(text).toContain('export function describeCart');
    expect(text).not.toContain('export function cartTotal');
    expect(text).toContain(' | import type { CartLine, Discount }');
  });
});
