// Candidate values by parameter type: async functions, enums, optional and nullable parameters,
// unbuildable parameters (skipped, with the reason), callbacks, generics, tuples, records, built-ins,
// overloads, regular expressions, lookup tables, named constants, destructured parameters; and
// everything produced type-checks against the real functions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfflineTargets } from '../../../../src/offline/analyse/types.js';
import { allLines, analyserFor, argumentsAt, byId, removeCheckouts, typeCheckCalls, writeCheckout } from './analyse-fixture.js';

const SOURCE = `export class Session {
  constructor(readonly user: string) {}
}
export enum Level { Low, Mid = 5, High }
export enum Mode { Fast = 'fast', Slow = 'slow' }
const LIMIT = 50;
const ALIASES = new Map([['eu', 'europe'], ['us', 'america']]);
const KNOWN = ['red', 'green'] as const;

export async function wait(ms: number): Promise<number> { return ms; }
export function fetchName(id: string): Promise<string> { return Promise.resolve(id); }
export const later = async (n: number) => n;
export function now(): number { return 1; }
export function level(value: Level, mode: Mode): string { return String(value) + mode; }
export function maybe(count: number, label?: string, note: string | null = null): string { return String(count) + (label ?? '') + (note ?? ''); }
export function needsSession(session: Session, n: number): number { return n; }
export function optionalSession(n: number, session?: Session): number { return n; }
export function withCallbacks(xs: number[], keep: (x: number) => boolean, done: () => void): number[] { done(); return xs.filter(keep); }
export function same<T>(a: T, b: T): boolean { return a === b; }
export function first<T>(items: readonly T[]): T | undefined { return items[0]; }
export function shapes(pair: [number, string], weights: Record<'a' | 'b', number>, index: Map<string, number>, when: Date, tags: Set<string>): number { return pair[0]; }
export function overloaded(x: string): string;
export function overloaded(x: number): number;
export function overloaded(x: string | number): string | number { return x; }
export function code(input: string): boolean { return /^[a-z]{2}-\\d{3}$/.test(input); }
export function region(key: string): string { return ALIASES.get(key) ?? 'unknown'; }
export function color(name: string): boolean { return KNOWN.includes(name as 'red'); }
export function limit(n: number): boolean { return n > LIMIT; }
export function area({ width, height }: { width: number; height: number }): number { return width > 3 ? width * height : 0; }
export function summary(first: string, ...rest: number[]): string { return first + rest.length; }
export function* counter(): Generator<number> { yield 1; }
export function flags(on: boolean | undefined, mode: 'a' | 'b' | 'c' | null): string { return String(on) + mode; }
export function big(n: bigint): bigint { return n > 10n ? n : 0n; }
`;

const CONFIG = "export const MAX_ITEMS = 20;\nexport const PLANS = { free: 0, pro: 10 } as const;\n";
const IMPORTER = `import { MAX_ITEMS, PLANS } from './config.js';
export function allowed(count: number, plan: string): boolean {
  return plan in PLANS && count <= MAX_ITEMS;
}
`;

const GATE = `import { allowed } from './importer.js';
export class Gate {
  open(plan: string, count: number): string {
    return allowed(count, plan) ? 'open' : 'closed';
  }
}
`;

let checkoutDir: string;
let result: OfflineTargets;

beforeAll(() => {
  checkoutDir = writeCheckout({ 'src/kit.ts': SOURCE, 'src/config.ts': CONFIG, 'src/importer.ts': IMPORTER, 'src/gate.ts': GATE });
  result = analyserFor(checkoutDir, ['src/kit.ts']).targets('src/kit.ts', allLines());
});
afterAll(removeCheckouts);

describe('candidates by type', () => {
  it('marks async functions and functions returning a promise', () => {
    expect(byId(result, 'wait').isAsync).toBe(true);
    expect(byId(result, 'fetchName').isAsync).toBe(true);
    expect(byId(result, 'later').isAsync).toBe(true);
    expect(byId(result, 'now').isAsync).toBe(false);
    expect(byId(result, 'now').candidates).toEqual([[]]);
  });

  it('tries every enum member: numeric by value, string through JSON.parse (no import needed)', () => {
    const target = byId(result, 'level');
    expect(argumentsAt(target, 0)).toEqual(expect.arrayContaining(['0', '5', '6']));
    expect(argumentsAt(target, 1)).toEqual(expect.arrayContaining([`JSON.parse('"fast"')`, `JSON.parse('"slow"')`]));
  });

  it('leaves optional parameters out and puts them in; passes null where allowed', () => {
    const target = byId(result, 'maybe');
    expect(target.candidates[0]).toEqual(['1', "'a'", "'a'"]);
    expect(target.candidates[1]).toEqual(['1']);
    expect(argumentsAt(target, 2)).toContain('null');
    // An optional parameter never gets an explicit undefined at the end (leaving it out says that).
    expect(target.candidates.every((args) => args[args.length - 1] !== 'undefined')).toBe(true);
    const flags = byId(result, 'flags');
    expect(argumentsAt(flags, 0)).toEqual(expect.arrayContaining(['true', 'false', 'undefined']));
    expect(argumentsAt(flags, 1)).toEqual(expect.arrayContaining(["'a'", "'b'", "'c'", 'null']));
  });

  it('skips a function whose required parameter cannot be built, saying which and why', () => {
    expect(result.targets.map((target) => target.id)).not.toContain('needsSession');
    expect(result.skipped).toContainEqual({
      id: 'needsSession',
      reason: 'parameter session (Session) cannot be built: it needs a Session instance, which cannot be written as a literal',
    });
    expect(result.skipped).toContainEqual({ id: 'counter', reason: 'is a generator: calling it runs none of its body until the result is iterated' });
    // Optional and unbuildable: always left out.
    expect(byId(result, 'optionalSession').candidates.every((args) => args.length === 1)).toBe(true);
  });

  it('builds simple callbacks: both answers for a predicate, undefined for a void one', () => {
    const target = byId(result, 'withCallbacks');
    expect(target.candidates[0]).toEqual(['[1]', '() => true', '() => undefined']);
    expect(argumentsAt(target, 1)).toContain('() => false');
    expect(argumentsAt(target, 0)).toContain('[]');
  });

  it('gives a type parameter plain values, of one kind when several parameters share it', () => {
    expect(byId(result, 'same').candidates.flat().every((arg) => /^-?\d+$/.test(arg))).toBe(true);
    expect(argumentsAt(byId(result, 'first'), 0)).toEqual(expect.arrayContaining(['[1]', '[]', "['a']", '[null]']));
  });

  it('builds tuples, records with literal keys, maps, dates and sets', () => {
    const target = byId(result, 'shapes');
    expect(target.candidates[0]).toEqual(["[1, 'a']", '{ a: 1, b: 1 }', 'new Map()', 'new Date(0)', 'new Set()']);
    expect(argumentsAt(target, 2)).toContain("new Map([['a', 1]])");
    expect(argumentsAt(target, 4)).toContain("new Set(['a'])");
  });

  it('tries each overload, and describes the implementation parameters', () => {
    const target = byId(result, 'overloaded');
    expect(target.candidates.slice(0, 2)).toEqual([["'a'"], ['1']]);
    expect(target.params).toEqual([{ name: 'x', optional: false, rest: false, typeText: 'string | number' }]);
  });

  it('derives strings from a regular expression, a Map lookup and a list of known values', () => {
    expect(argumentsAt(byId(result, 'code'), 0)).toEqual(expect.arrayContaining(["'aa-111'", "''"]));
    expect(argumentsAt(byId(result, 'region'), 0)).toEqual(expect.arrayContaining(["'eu'", "'us'", "'unknown'"]));
    expect(argumentsAt(byId(result, 'color'), 0)).toEqual(expect.arrayContaining(["'red'", "'green'"]));
  });

  it('follows named constants and destructured parameters to the compared value', () => {
    expect(argumentsAt(byId(result, 'limit'), 0)).toEqual(expect.arrayContaining(['49', '50', '51']));
    expect(argumentsAt(byId(result, 'area'), 0)).toEqual(expect.arrayContaining(['{ width: 4, height: 1 }', '{ width: 3, height: 1 }']));
  });

  it('writes bigints with one n', () => {
    expect(argumentsAt(byId(result, 'big'), 0)).toEqual(expect.arrayContaining(['1n', '10n', '0n', '-1n']));
  });

  it('follows imported constants and lookup tables', () => {
    const imported = analyserFor(checkoutDir, ['src/importer.ts']).targets('src/importer.ts', [3]);
    const target = byId(imported, 'allowed');
    expect(argumentsAt(target, 0)).toEqual(expect.arrayContaining(['19', '20', '21']));
    expect(argumentsAt(target, 1)).toEqual(expect.arrayContaining(["'free'", "'pro'", "'unknown'"]));
  });

  it('lends a parameter the constants of the function it is passed to', () => {
    const gate = analyserFor(checkoutDir, ['src/gate.ts']).targets('src/gate.ts', [4]);
    const target = byId(gate, 'Gate#open');
    expect(argumentsAt(target, 0)).toEqual(expect.arrayContaining(["'free'", "'pro'", "'unknown'"]));
    expect(argumentsAt(target, 1)).toEqual(expect.arrayContaining(['19', '20', '21']));
  });

  it('passes rest arguments as none, one or two', () => {
    const target = byId(result, 'summary');
    expect(target.params[1]).toEqual({ name: 'rest', optional: false, rest: true, typeText: 'number[]' });
    expect(target.candidates).toEqual(expect.arrayContaining([["'a'", '1'], ["'a'"]]));
    expect(target.candidates.some((args) => args.length === 3 && args[0] === "'a'" && args[1] === '1')).toBe(true);
    // The module's top-level constant (LIMIT = 50) flows into number positions too.
    expect(argumentsAt(target, 1)).toContain('50');
  });

  it('writes every candidate so that it type-checks against the real function', () => {
    expect(typeCheckCalls(checkoutDir, 'src/kit.ts', result.targets)).toEqual([]);
  });
});
