import { describe, expect, it } from 'vitest';
import { importedSignatures } from '../../../../src/generation/prompt/imported-signatures.js';
import { CART_SOURCE, readRepoFile } from './fixtures.js';

describe('importedSignatures', () => {
  it('gives the signatures of exactly the declarations the module imports, without bodies', () => {
    const text = importedSignatures('src/cart.ts', CART_SOURCE, readRepoFile);
    expect(text).toContain('// ./money.js (src/money.ts)');
    expect(text).toContain("export function formatPrice(amount: Cents, currency = 'EUR'): string;");
    expect(text).toContain('/** Formats cents as a price, e.g. 1250 -> "12.50 EUR". */');
    expect(text).toContain('export function roundCents(value: number): Cents;');
    expect(text).toContain('export type Cents = number;');
    expect(text).toContain('// ./types.js (src/types.ts)');
    expect(text).toContain('export interface Discount {');
    // Not imported, a body, a bare-package import: all left out.
    expect(text).not.toContain('Ledger');
    expect(text).not.toContain('Unused');
    expect(text).not.toContain('Math.round');
    expect(text).not.toContain('node:fs');
  });

  it('takes every export for a namespace import, with class members but no bodies or private members', () => {
    const text = importedSignatures('src/report.ts', "import * as money from './money';\n", readRepoFile);
    expect(text).toContain('// ./money (src/money.ts)');
    expect(text).toContain('export class Ledger {\n  readonly name: string;\n  constructor(name: string);\n  add(amount: Cents): void;\n  total(): Cents;\n}');
    expect(text).toContain('export const ZERO: Cents;');
    expect(text).not.toContain('internalHelper');
    expect(text).not.toContain('entries');
    expect(text).not.toContain('secret');
  });

  it('follows CommonJS require with destructuring, and export lists', () => {
    const files: Record<string, string> = {
      'lib/util.js': "function parse(text) { return text.split(','); }\nconst LIMIT = 5;\nfunction hidden() {}\nexport { parse, LIMIT as MAX };\n",
    };
    const text = importedSignatures('lib/main.js', "const { parse, MAX } = require('./util');\n", (p) => files[p] ?? null);
    expect(text).toContain('function parse(text);');
    expect(text).toContain('const LIMIT = 5;');
    expect(text).not.toContain('hidden');
  });

  it('caps the size and says how much was left out', () => {
    const many = Array.from({ length: 50 }, (_v, i) => `export function f${i}(a: number, b: string): boolean { return true; }`).join('\n');
    const text = importedSignatures('src/a.ts', "import * as m from './many.js';\n", (p) => (p === 'src/many.ts' ? many : null), { maxChars: 500 });
    expect(text.length).toBeLessThanOrEqual(600);
    expect(text).toMatch(/\/\/ … \d+ more declarations omitted \(size cap\)$/);
    expect(text).toContain('export function f0(a: number, b: string): boolean;');
  });

  it('ignores imports that escape the repository or do not resolve', () => {
    const reads: string[] = [];
    const text = importedSignatures('src/a.ts', "import { x } from '../../outside.js';\nimport { y } from './missing.js';\n", (p) => {
      reads.push(p);
      return null;
    });
    expect(text).toBe('');
    expect(reads.every((p) => p.startsWith('src/'))).toBe(true);
    expect(reads).toContain('src/missing.ts');
  });
});
