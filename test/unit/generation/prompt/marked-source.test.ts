import { describe, expect, it } from 'vitest';
import { markedSource } from '../../../../src/generation/prompt/marked-source.js';
import { CART_CHANGED, CART_PARTIAL, CART_SOURCE, CART_UNCOVERED, lineOf } from './fixtures.js';

const marks = { changedLines: CART_CHANGED, uncoveredLines: CART_UNCOVERED, partialLines: CART_PARTIAL };

const LEDGER = `import { audit } from './audit.js';

export class Ledger {
  private readonly entries: number[] = [];

  constructor(readonly name: string) {
    audit(name);
  }

  /** Adds an entry. */
  add(amount: number): void {
    this.entries.push(amount);
  }

  /**
   * The sum of all entries,
   * in cents.
   */
  get total(): number {
    return this.entries.reduce((a, b) => a + b, 0);
  }

  clear(reason: string,
        when = new Date()): void {
    audit(reason, when);
    this.entries.length = 0;
  }

  refund(amount: number): void {
    if (amount > this.total) {
      throw new RangeError('refund over total');
    }
    this.add(-amount);
  }

  size(): number { return this.entries.length; }
}

export function unrelated(): number {
  return 1;
}
`;

describe('markedSource', () => {
  it('shows a short module as written, with a numbered mark only on uncovered and partial changed lines', () => {
    const source = 'const a = 1;\nif (a) {\n  throw new Error("x");\n}\nexport { a };\n';
    const text = markedSource(source, { changedLines: [2, 3], uncoveredLines: [3, 5], partialLines: [2] });
    expect(text.split('\n')).toEqual(['const a = 1;', 'if (a) { // ?2', '  throw new Error("x"); // !3', '}', 'export { a };']);
  });

  it('moves a mark out of a multi-line template literal to the line where the literal ends', () => {
    const source = 'export function f(n: number): string {\n  if (n < 0) return `negative:\n${n}\nend`;\n  return "ok";\n}\n';
    const text = markedSource(source, { changedLines: [2, 3], uncoveredLines: [2, 3], partialLines: [] });
    expect(text.split('\n')).toEqual(['export function f(n: number): string {', '  if (n < 0) return `negative:', '${n}', 'end`; // !2 !3', '  return "ok";', '}']);
  });

  it('keeps a long module\'s imports and the declaration holding the changed lines, marks naming true line numbers', () => {
    const text = markedSource(CART_SOURCE, marks, { fileName: 'src/cart.ts' });
    const lines = text.split('\n');
    const total = CART_SOURCE.split('\n').length - 1;
    expect(lines.length).toBeLessThan(total / 2);
    expect(lines[0]).toBe("import { formatPrice, roundCents, type Cents } from './money.js';");
    expect(text).toContain(`    throw new RangeError('too many lines'); // !${lineOf('too many lines')}`);
    expect(text).toContain(`  if (discount.percent < 0 || discount.percent > 100) { // ?${lineOf('if (discount.percent < 0')}`);
    expect(text).toContain('/** The total of a cart in cents');
    expect(text).not.toContain('export function reportScale3(');
    expect(text).not.toContain('function describeCart');
    expect(text).toContain('\nexport const MAX_LINES = 50;\n'); // used by cartTotal
    expect(text).toMatch(/^\/\/ … \d+ lines of CartSummary, reportScale0, reportScale1, reportScale2, reportScale3, reportScale4 and 5 more omitted$/m);
    expect(lines.at(-1)).toBe('// … 98 lines of reportScale10, reportScale11, reportScale12, reportScale13, reportScale14, reportScale15 and 6 more omitted');
    expect(text).not.toMatch(/^\s*\d+ *[!?]? *\|/m);
  });

  it('focuses on the given lines on request, whatever the length', () => {
    const text = markedSource(CART_SOURCE, marks, { elide: true, focusLines: [lineOf('return lines.map')] });
    expect(text).toContain('export function describeCart');
    expect(text).toContain('import type { CartLine, Discount }');
    // The marked lines are kept even outside the focus: a mark is never dropped.
    expect(text).toContain(`// !${lineOf('too many lines')}`);
  });

  it('inside a kept class, keeps fields, the constructor and the focused member, and shows other members as signatures', () => {
    const refundThrow = LEDGER.split('\n').findIndex((line) => line.includes('refund over total')) + 1;
    const text = markedSource(LEDGER, { changedLines: [refundThrow - 1, refundThrow], uncoveredLines: [refundThrow], partialLines: [refundThrow - 1] }, { elide: true });
    expect(text.split('\n')).toEqual([
      "import { audit } from './audit.js';",
      '',
      'export class Ledger {',
      '  private readonly entries: number[] = [];',
      '',
      '  constructor(readonly name: string) {',
      '    audit(name);',
      '  }',
      '',
      '  /** Adds an entry. */',
      '  add(amount: number): void { … }',
      '',
      '  get total(): number { … }',
      '',
      '  clear(reason: string, when = new Date()): void { … }',
      '',
      '  refund(amount: number): void {',
      `    if (amount > this.total) { // ?${refundThrow - 1}`,
      `    throw new RangeError('refund over total'); // !${refundThrow}`.replace(/^ {4}/, '      '),
      '    }',
      '    this.add(-amount);',
      '  }',
      '',
      '  size(): number { return this.entries.length; }',
      '}',
      '// … 4 lines of unrelated omitted',
    ]);
  });

  it('shows what the focused code uses: what it calls directly whole up to 30 lines, what those use only when short, long ones as signatures', () => {
    const longTable = ['const NAMES = {', ...Array.from({ length: 22 }, (_, i) => `  k${i}: ${i},`), '};'];
    const longHelper = ['function describeAll(value: number): string {', ...Array.from({ length: 30 }, (_, i) => `  if (value === ${i}) return "v${i}";`), '  return "other";', '}'];
    const source = [
      'const CENTS = 100;',
      '/** Rounds to cents. */',
      'function round(value: number): number {',
      '  return Math.round(value * CENTS) / CENTS;',
      '}',
      'function pad(cents: number): string {',
      '  const text = String(Math.abs(cents));',
      '  const width = 2;',
      '  const filler = "0";',
      '  const padded = text.padStart(width, filler);',
      '  return padded;',
      '}',
      'function label(value: number): string {',
      '  const whole = Math.trunc(value);',
      '  const cents = Math.round((value - whole) * 100);',
      '  const sign = value < 0 ? "-" : "";',
      '  return sign + Math.abs(whole) + "." + pad(cents);',
      '}',
      'class Failure extends Error {',
      '  constructor(readonly code: string) {',
      '    super(code);',
      '  }',
      '  describe(): string {',
      '    return this.code;',
      '  }',
      '}',
      'const RATE = 0.2;',
      'const TABLE = {',
      '  a: 1,',
      '  b: 2,',
      '};',
      ...longTable,
      ...longHelper,
      'function unused(): void {',
      '  return;',
      '}',
      'export function price(value: number): string {',
      '  if (value < 0) throw new Failure(String(TABLE.a) + NAMES.k1 + describeAll(value));',
      '  return label(round(value * (1 + RATE)));',
      '}',
    ];
    const target = source.indexOf('export function price(value: number): string {') + 2;
    const text = markedSource(source.join('\n'), { changedLines: [target], uncoveredLines: [target], partialLines: [] }, { elide: true });
    expect(text.split('\n')).toEqual([
      'const CENTS = 100;', // used by round, shown whole
      '/** Rounds to cents. */',
      'function round(value: number): number {',
      '  return Math.round(value * CENTS) / CENTS;',
      '}',
      'function pad(cents: number): string { … }', // used by label only: 7 lines is long at that distance
      'function label(value: number): string {', // called directly: its body is what price returns
      '  const whole = Math.trunc(value);',
      '  const cents = Math.round((value - whole) * 100);',
      '  const sign = value < 0 ? "-" : "";',
      '  return sign + Math.abs(whole) + "." + pad(cents);',
      '}',
      'class Failure extends Error {',
      '  constructor(readonly code: string) {',
      '    super(code);',
      '  }',
      '  describe(): string { … }',
      '}',
      'const RATE = 0.2;',
      'const TABLE = {',
      '  a: 1,',
      '  b: 2,',
      '};',
      `// … ${longTable.length} lines of NAMES omitted`,
      'function describeAll(value: number): string { … }',
      '// … 3 lines of unused omitted',
      'export function price(value: number): string {',
      `  if (value < 0) throw new Failure(String(TABLE.a) + NAMES.k1 + describeAll(value)); // !${target}`,
      '  return label(round(value * (1 + RATE)));',
      '}',
    ]);
  });

  it('shows a class whole when it is not focused on (a short module without focus)', () => {
    expect(markedSource(LEDGER, { changedLines: [], uncoveredLines: [], partialLines: [] })).toBe(LEDGER.replace(/\n$/, ''));
  });
});
