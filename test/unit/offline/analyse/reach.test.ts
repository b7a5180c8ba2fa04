// What real code needs the zero-token analysis to reach, on the offline-reach fixtures (a ledger class,
// a persist export renamed through a cast, a store factory with Symbol.dispose, a rates table read
// through `code.toUpperCase()`, Date / Map / Set / null-prototype arguments, a CommonJS meter class):
// the targets found, the candidate values, and a type check of every candidate call.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../helpers/project-root.js';
import { allLines, analyseWhole, argumentsAt, byId, removeCheckouts, typeCheckCalls, writeCheckout, analyserFor } from './analyse-fixture.js';

const VITEST_REACH = path.join(PROJECT_ROOT, 'test', 'fixtures', 'vitest-ts', 'variants', 'offline-reach', 'src');
const JEST_REACH = path.join(PROJECT_ROOT, 'test', 'fixtures', 'jest-js', 'variants', 'offline-reach', 'src');
const source = (dir: string, name: string): string => readFileSync(path.join(dir, name), 'utf8');

afterAll(removeCheckouts);

describe('exported classes', () => {
  it('calls the constructor with candidate arguments from its own comparisons', () => {
    const files = { 'src/ledger.ts': source(VITEST_REACH, 'ledger.ts') };
    const dir = writeCheckout(files);
    const result = analyserFor(dir, ['src/ledger.ts']).targets('src/ledger.ts', allLines());
    const construct = byId(result, 'new Ledger');
    expect(construct).toMatchObject({ kind: 'constructor', exportName: 'Ledger', className: 'Ledger', displayName: 'new Ledger', constructorArgs: [] });
    expect(construct.params.map((param) => param.name)).toEqual(['currency', 'limit']);
    // limit <= 0 and limit > 1_000_000: both sides of each bound; every currency.
    expect(argumentsAt(construct, 1)).toEqual(expect.arrayContaining(['0', '1', '1000000', '1000001']));
    expect(argumentsAt(construct, 0)).toEqual(expect.arrayContaining(["'EUR'", "'GBP'", "'USD'"]));
    expect(byId(result, 'Ledger#post').constructorArgs[0]).toEqual(construct.candidates[0]);
    expect(typeCheckCalls(dir, 'src/ledger.ts', result.targets)).toEqual([]);
  });

  it('finds a CommonJS class exported as exports.X = X and calls its constructor and methods', () => {
    const dir = writeCheckout({ 'src/meter.js': source(JEST_REACH, 'meter.js') });
    const result = analyserFor(dir, ['src/meter.js']).targets('src/meter.js', allLines());
    expect(result.targets.map((target) => target.id)).toEqual(['new Meter', 'Meter#add', 'meterBook', 'meterBook().open', 'meterBook().count']);
    // UNITS[unit.trim().toUpperCase()]: the keys as the code reads them, and as a caller types them.
    expect(argumentsAt(byId(result, 'new Meter'), 0)).toEqual(expect.arrayContaining(["'KWH'", "' kwh '", "'MWH'", "' mwh '"]));
    // meterBook(unit) passes unit on to `new Meter(unit, 0)`: the constructor's keys reach the factory.
    expect(byId(result, 'meterBook().open').constructorArgs[0]).toEqual(["'KWH'"]);
  });
});

describe('an export renamed through a cast', () => {
  it('follows `persistImpl as unknown as Persist` to the implementation and its signature', () => {
    const result = analyseWhole({ 'src/ledger.ts': source(VITEST_REACH, 'ledger.ts') }, 'src/ledger.ts');
    const persist = byId(result, 'persist');
    expect(persist.params.map((param) => [param.name, param.optional])).toEqual([
      ['state', false],
      ['options', true],
    ]);
    // The implementation's constants: version below 0, above 3.
    expect(persist.candidates).toEqual(expect.arrayContaining([['{}', '{ version: -1 }'], ['{}', '{ version: 4 }']]));
    expect(result.skipped).toEqual([]);
  });

  it('takes the target when only the implementation changed', () => {
    const text = source(VITEST_REACH, 'ledger.ts');
    const implLine = text.split('\n').findIndex((line) => line.includes("if (version < 0)")) + 1;
    const dir = writeCheckout({ 'src/ledger.ts': text });
    const result = analyserFor(dir, ['src/ledger.ts']).targets('src/ledger.ts', [implLine]);
    expect(result.targets.map((target) => target.id)).toEqual(['persist']);
  });
});

describe('methods of a returned object', () => {
  it("calls the store's methods, Symbol.dispose included, on a fresh object from the factory", () => {
    const dir = writeCheckout({ 'src/store.ts': source(VITEST_REACH, 'store.ts') });
    const result = analyserFor(dir, ['src/store.ts']).targets('src/store.ts', allLines());
    expect(result.targets.map((target) => [target.id, target.kind, target.member ?? null])).toEqual([
      ['createStore', 'function', null],
      ['createStore().set', 'returned-method', '.set'],
      ['createStore().get', 'returned-method', '.get'],
      ['createStore().size', 'returned-method', '.size'],
      ['createStore()[Symbol.dispose]', 'returned-method', '[Symbol.dispose]'],
    ]);
    const set = byId(result, 'createStore().set');
    expect(set.constructorArgs).toEqual([byId(result, 'createStore').candidates[0]]);
    expect(set.candidates).toEqual(expect.arrayContaining([["''", '1'], ["'a'", '-1']]));
    expect(argumentsAt(byId(result, 'createStore().get'), 0)).toContain("'#'");
    expect(byId(result, 'createStore()[Symbol.dispose]').candidates).toEqual([[]]);
    // Every call type-checks (`createStore('a')[Symbol.dispose]()` included).
    expect(typeCheckCalls(dir, 'src/store.ts', result.targets)).toEqual([]);
  });

  it('leaves functions returning primitives, arrays or built-ins alone', () => {
    const result = analyseWhole(
      { 'src/plain.ts': 'export function names(): string[] { return []; }\nexport function index(): Map<string, number> { return new Map(); }\nexport function total(n: number): number { return n; }\n' },
      'src/plain.ts',
    );
    expect(result.targets.map((target) => target.id)).toEqual(['names', 'index', 'total']);
  });
});

describe('lookup keys and built-in arguments', () => {
  it('passes table keys in the form the code expects before `toUpperCase()`', () => {
    const result = analyseWhole({ 'src/rates.ts': source(VITEST_REACH, 'rates.ts') }, 'src/rates.ts');
    expect(argumentsAt(byId(result, 'rateFor'), 0)).toEqual(expect.arrayContaining(["'EUR'", "'eur'", "'USD'", "'usd'", "'GBP'", "'gbp'"]));
  });

  it('follows a normalised alias: const code = raw.trim().toLowerCase()', () => {
    const text = "const ZONES = { north: 1, south: 2 };\nexport function zone(raw: string): number {\n  const code = raw.trim().toLowerCase();\n  return code in ZONES ? ZONES[code as 'north'] : 0;\n}\n";
    const result = analyseWhole({ 'src/zones.ts': text }, 'src/zones.ts');
    expect(argumentsAt(byId(result, 'zone'), 0)).toEqual(expect.arrayContaining(["'north'", "' NORTH '", "' SOUTH '"]));
  });

  it('builds fixed Date values, Map, Set and null-prototype dictionaries the code tests for', () => {
    const result = analyseWhole({ 'src/rates.ts': source(VITEST_REACH, 'rates.ts') }, 'src/rates.ts');
    expect(argumentsAt(byId(result, 'daysLeftInMonth'), 0)).toEqual(["new Date(0)", "new Date('2024-02-29T12:00:00.000Z')"]);
    const totals = argumentsAt(byId(result, 'tagTotals'), 0);
    expect(totals).toEqual(expect.arrayContaining(['{}', 'Object.assign(Object.create(null), { key: 1 })', "new Map([['a', 1]])"]));
    expect(argumentsAt(byId(result, 'tagTotals'), 1)).toEqual(expect.arrayContaining(["new Set(['a'])"]));
    // Untyped JavaScript: the built-ins come from `instanceof` and Date methods alone.
    const js = analyseWhole(
      { 'lib/when.js': "exports.when = function when(at, seen) {\n  if (seen instanceof Set && seen.has(1)) return 'seen';\n  return at.getUTCDay() === 0 ? 'sunday' : 'weekday';\n};\n" },
      'lib/when.js',
    );
    expect(argumentsAt(byId(js, 'when'), 0)).toContain("new Date('2024-02-29T12:00:00.000Z')");
    expect(argumentsAt(byId(js, 'when'), 1)).toContain("new Set(['a'])");
    for (const args of [...byId(result, 'daysLeftInMonth').candidates, ...byId(js, 'when').candidates]) expect(args.join(',')).not.toMatch(/Date\.now|new Date\(\)/);
  });
});

describe('pieces of a split string', () => {
  it('builds the input from the pieces an unexported helper tests after splitting it, through the constructor (CommonJS)', () => {
    const result = analyseWhole({ 'src/binding.js': source(JEST_REACH, 'binding.js') }, 'src/binding.js');
    const texts = argumentsAt(byId(result, 'new Binding'), 0);
    // A modifier alone (no key), a modifier twice, a key twice: each reaches one of the helper's throws.
    expect(texts).toEqual(expect.arrayContaining(["'Aa'", "'Aa Aa'", "'a a'"]));
  });

  it('puts a piece after the separator when the code destructures the split (`const [first, ...rest] = path.split("?")`)', () => {
    const text = [
      'export function dropSlash(input = "", keepQuery?: boolean): string {',
      '  if (!keepQuery) return input.endsWith("/") ? input.slice(0, -1) : input;',
      '  const [head, ...rest] = input.split("?");',
      '  const clean = head.endsWith("/") ? head.slice(0, -1) : head;',
      '  return clean + (rest.length > 0 ? `?${rest.join("?")}` : "");',
      '}',
      '',
    ].join('\n');
    const dir = writeCheckout({ 'src/slash.ts': text });
    const result = analyserFor(dir, ['src/slash.ts']).targets('src/slash.ts', allLines());
    // '?/': the slash lands in the query, the path before it is empty.
    expect(argumentsAt(byId(result, 'dropSlash'), 0)).toEqual(expect.arrayContaining(["'/'", "'?/'", "'/?/'"]));
    expect(typeCheckCalls(dir, 'src/slash.ts', result.targets)).toEqual([]);
  });
});

describe('a changed method of a class the module does not export', () => {
  const text = source(VITEST_REACH, 'query.ts');
  const lines = text.split('\n');
  const limitStart = lines.findIndex((line) => line.includes('limit(count: number): QueryBuilder')) + 1;
  const limitLines = Array.from({ length: 6 }, (_, index) => limitStart + index);

  it('calls the exported factory that creates it, then the changed method on what it returns first', () => {
    const dir = writeCheckout({ 'src/query.ts': text });
    const result = analyserFor(dir, ['src/query.ts']).targets('src/query.ts', limitLines);
    const ids = result.targets.map((target) => target.id);
    expect(ids[0]).toBe('query');
    // `limit` is sixth in the Query interface, past the cap of returned methods: the changed one goes first.
    expect(ids[1]).toBe('query().limit');
    expect(argumentsAt(byId(result, 'query().limit'), 0)).toEqual(expect.arrayContaining(['0', '1', '1000', '1001']));
    expect(result.skipped).toEqual([]);
    expect(typeCheckCalls(dir, 'src/query.ts', result.targets)).toEqual([]);
  });

  it('uses the instances of the class when the factory returns it untyped (`as any`)', () => {
    const untyped = text.replace('export function query(table: string): Query {\n  return new QueryBuilder(table);', 'export function query(table: string) {\n  return new QueryBuilder(table) as any;');
    expect(untyped).not.toBe(text);
    const dir = writeCheckout({ 'src/query.ts': untyped });
    const result = analyserFor(dir, ['src/query.ts']).targets('src/query.ts', limitLines);
    expect(result.targets.map((target) => target.id).slice(0, 2)).toEqual(['query', 'query().limit']);
  });

  it('says why when nothing exported creates it', () => {
    const alone = text.replace(/\/\*\* Starts a query[\s\S]*$/, '');
    const dir = writeCheckout({ 'src/query.ts': alone });
    const result = analyserFor(dir, ['src/query.ts']).targets('src/query.ts', limitLines);
    expect(result.targets).toEqual([]);
    expect(result.skipped).toEqual([{ id: 'QueryBuilder', reason: 'the class is not exported and no exported function creates it, so a test cannot construct it' }]);
  });
});

describe('a factory that returns a function', () => {
  it('calls the function it returns, with a callback that resolves and one that throws where the code catches', () => {
    const text = source(VITEST_REACH, 'attempt.ts');
    const dir = writeCheckout({ 'src/attempt.ts': text });
    const lines = text.split('\n');
    const wrapStart = lines.findIndex((line) => line.includes('static wrap<')) + 1;
    const result = analyserFor(dir, ['src/attempt.ts']).targets('src/attempt.ts', Array.from({ length: 10 }, (_, index) => wrapStart + index));
    // `export const wrapAsync = Attempts.wrap`: the static method's body lends its constants.
    const ids = result.targets.map((target) => target.id);
    expect(ids.slice(0, 3)).toEqual(['Attempts.wrap', 'wrapAsync', 'wrapAsync(#1)()']);
    // A generic Promise<R> callback is built as an async function; it is called inside `try`, so one throws.
    expect(argumentsAt(byId(result, 'wrapAsync'), 0)).toEqual(expect.arrayContaining(['async () => undefined', "async () => { throw new Error('a'); }"]));
    const throwing = byId(result, 'wrapAsync(#3)()');
    expect(throwing).toMatchObject({ kind: 'returned-method', member: '', isAsync: true, candidates: [[]] });
    expect(throwing.constructorArgs[0]?.[0]).toBe("async () => { throw new Error('a'); }");
    expect(typeCheckCalls(dir, 'src/attempt.ts', result.targets)).toEqual([]);
  });
});

describe('rest parameters typed as tuples', () => {
  it('never calls with no arguments a signature whose rest tuple has required elements', () => {
    const text = 'export function route(...args: [path: string, handler: () => void]): string {\n  return args[0];\n}\n';
    const result = analyseWhole({ 'src/route.ts': text }, 'src/route.ts');
    expect(result.targets).toEqual([]);
    expect(result.skipped[0]?.reason).toMatch(/^its rest parameter args \(.*\) needs elements the analysis cannot build$/);
  });
});
