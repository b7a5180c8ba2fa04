// The analysis on the examples/pricing head sources (copied into a temporary checkout): the changed
// functions found from the real base..head diff, the candidate values the brief asks for, and a type
// check of every candidate call against the real functions.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfflineAnalyser, OfflineTargets } from '../../../../src/offline/analyse/types.js';
import { PROJECT_ROOT } from '../../../helpers/project-root.js';
import { analyserFor, argumentsAt, byId, removeCheckouts, typeCheckCalls, writeCheckout } from './analyse-fixture.js';

const PRICING = path.join(PROJECT_ROOT, 'examples', 'pricing');
const MODULES = ['src/discount.ts', 'src/money.ts', 'src/shipping.ts'];

/** Head line numbers the base..head diff adds or changes (a new file: all of it). */
function changedLines(modulePath: string): number[] {
  const head = path.join(PRICING, 'head', modulePath);
  const base = path.join(PRICING, 'base', modulePath);
  const headLines = readFileSync(head, 'utf8').split('\n').length;
  if (!readdirSync(path.join(PRICING, 'base', 'src')).includes(path.posix.basename(modulePath))) return Array.from({ length: headLines }, (_, i) => i + 1);
  let diff: string;
  try {
    diff = execFileSync('git', ['diff', '--no-index', '--no-color', '-U0', '--', base, head], { encoding: 'utf8' });
  } catch (error) {
    diff = String((error as { stdout?: string }).stdout ?? '');
  }
  const lines: number[] = [];
  for (const match of diff.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(match[1]);
    const count = match[2] === undefined ? 1 : Number(match[2]);
    for (let line = start; line < start + count; line++) lines.push(line);
  }
  return lines;
}

let checkoutDir: string;
let analyser: OfflineAnalyser;
const results = new Map<string, OfflineTargets>();

beforeAll(() => {
  checkoutDir = writeCheckout(Object.fromEntries(MODULES.map((modulePath) => [modulePath, readFileSync(path.join(PRICING, 'head', modulePath), 'utf8')])));
  analyser = analyserFor(checkoutDir, MODULES);
  for (const modulePath of MODULES) results.set(modulePath, analyser.targets(modulePath, changedLines(modulePath)));
});
afterAll(removeCheckouts);

describe('pricing example', () => {
  it('picks exactly the exported functions the diff changed', () => {
    expect(results.get('src/money.ts')!.targets.map((target) => target.id)).toEqual(['formatCents']);
    expect(results.get('src/discount.ts')!.targets.map((target) => target.id)).toEqual(['applyDiscount', 'bestDiscount']);
    expect(results.get('src/shipping.ts')!.targets.map((target) => target.id)).toEqual(['shippingCost']);
    for (const result of results.values()) expect(result.skipped).toEqual([]);
    const formatCents = byId(results.get('src/money.ts')!, 'formatCents');
    expect(formatCents).toMatchObject({ exportName: 'formatCents', kind: 'function', className: null, displayName: 'formatCents', isAsync: false, constructorArgs: [] });
    expect([formatCents.startLine, formatCents.endLine]).toEqual([13, 24]);
    expect(formatCents.params).toEqual([
      { name: 'cents', optional: false, rest: false, typeText: 'Cents' },
      { name: 'currency', optional: true, rest: false, typeText: 'string' },
      { name: 'style', optional: true, rest: false, typeText: "'code' | 'symbol'" },
    ]);
  });

  it('shippingCost: every zone, the weight band edges and the free-shipping threshold', () => {
    const target = byId(results.get('src/shipping.ts')!, 'shippingCost');
    expect(target.candidates[0]).toEqual(["'domestic'", '1', '1']);
    expect(new Set(argumentsAt(target, 0))).toEqual(new Set(["'domestic'", "'eu'", "'world'"]));
    expect(argumentsAt(target, 1)).toEqual(expect.arrayContaining(['-1', '0', '1', '999', '1000', '1001']));
    expect(argumentsAt(target, 2)).toEqual(expect.arrayContaining(['4999', '5000', '5001']));
    // A pair of constants: away from home above the threshold.
    expect(target.candidates.some(([zone, , subtotal]) => zone !== "'domestic'" && ['5000', '5001'].includes(subtotal!))).toBe(true);
    expect(target.candidates.length).toBeLessThanOrEqual(24);
  });

  it('applyDiscount: each member of the discount union, percent around 0 and 100', () => {
    const target = byId(results.get('src/discount.ts')!, 'applyDiscount');
    const discounts = argumentsAt(target, 1);
    for (const percent of ['-1', '0', '100', '101']) expect(discounts).toContain(`{ kind: 'percent', percent: ${percent} }`);
    expect(discounts).toContain("{ kind: 'fixed', amount: 1 }");
    expect(discounts).toContain("{ kind: 'threshold', minimum: 1, amount: 1 }");
    const bestDiscount = byId(results.get('src/discount.ts')!, 'bestDiscount');
    expect(argumentsAt(bestDiscount, 1)).toEqual(expect.arrayContaining(['[]', "[{ kind: 'percent', percent: 1 }]"]));
  });

  it("formatCents: both styles, the currencies of the symbol table and one it does not know, and the defaults left out", () => {
    const target = byId(results.get('src/money.ts')!, 'formatCents');
    expect(argumentsAt(target, 2)).toEqual(expect.arrayContaining(["'code'", "'symbol'"]));
    expect(argumentsAt(target, 1)).toEqual(expect.arrayContaining(["'EUR'", "'USD'", "'GBP'", "'XXX'"]));
    expect(target.candidates).toContainEqual(['1', "'XXX'", "'symbol'"]);
    expect(target.candidates).toContainEqual(['1']);
    expect(argumentsAt(target, 0)).toEqual(expect.arrayContaining(['-1', '0', '99', '100', '101']));
  });

  it('writes every candidate so that it type-checks against the real function', () => {
    for (const modulePath of MODULES) {
      expect(typeCheckCalls(checkoutDir, modulePath, results.get(modulePath)!.targets)).toEqual([]);
    }
    // The check itself catches a wrong argument.
    const problems = typeCheckCalls(checkoutDir, 'src/shipping.ts', results.get('src/shipping.ts')!.targets, ["shippingCost('nowhere', 1, 1);"]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("'nowhere'");
  });
});
