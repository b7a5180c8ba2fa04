// Emission and case choice (pure): literals, assertions by outcome, names, imports per convention,
// determinism filtering and the per-target / per-module caps.
import { describe, expect, it } from 'vitest';
import type { OfflineTarget } from '../../../src/offline/analyse/types.js';
import { chooseCases } from '../../../src/offline/emit/choose-cases.js';
import { emitTestFile, type EmitConventions } from '../../../src/offline/emit/emit-test-file.js';
import { quote, renderLiteral } from '../../../src/offline/emit/render-literal.js';
import type { CallOutcome, ProbeRecord } from '../../../src/offline/probe/outcome.js';

function target(id: string, candidates: string[][], extra: Partial<OfflineTarget> = {}): OfflineTarget {
  return {
    id,
    exportName: id,
    kind: 'function',
    className: null,
    displayName: id,
    isAsync: false,
    startLine: 1,
    endLine: 5,
    params: [],
    constructorArgs: [],
    candidates,
    ...extra,
  } as OfflineTarget;
}

const esm: EmitConventions = { framework: 'vitest', syntax: 'esm', usesGlobals: false, moduleSpecifier: '../src/money.js', modulePath: 'src/money.ts' };
const returned = (v: string): CallOutcome => ({ kind: 'returned', value: { k: 'number', v } });

describe('renderLiteral', () => {
  it('writes values back as literals, and refuses what is not one', () => {
    expect(renderLiteral({ k: 'string', v: "it's \"x\"\n" })).toBe(`'it\\'s "x"\\n'`);
    expect(renderLiteral({ k: 'number', v: 'NaN' })).toBe('Number.NaN');
    expect(renderLiteral({ k: 'number', v: '-Infinity' })).toBe('Number.NEGATIVE_INFINITY');
    expect(renderLiteral({ k: 'object', entries: [['a-b', { k: 'boolean', v: true }], ['c', { k: 'array', items: [] }]] })).toBe("{ 'a-b': true, c: [] }");
    expect(renderLiteral({ k: 'map', entries: [[{ k: 'string', v: 'k' }, { k: 'bigint', v: '12' }]] })).toBe("new Map([['k', 12n]])");
    expect(renderLiteral({ k: 'array', items: [{ k: 'opaque', type: 'function' }] })).toBeNull();
    expect(quote('\u2028')).toBe("'\\u2028'");
  });
});

describe('emitTestFile', () => {
  it('writes a describe per function and an it per case, with the matcher the outcome needs', () => {
    const toCents = target('toCents', [['1.5'], ['Number.NaN'], ['0']]);
    const fetchRate = target('fetchRate', [["'EUR'"], ["'XXX'"]], { isAsync: true });
    const file = emitTestFile(
      [
        { target: toCents, index: 0, outcome: returned('150') },
        { target: toCents, index: 1, outcome: { kind: 'threw', error: { name: 'RangeError', message: 'not a finite amount: NaN' } } },
        { target: toCents, index: 2, outcome: { kind: 'returned', value: { k: 'undefined' } } },
        { target: fetchRate, index: 0, outcome: { kind: 'resolved', value: { k: 'object', entries: [['rate', { k: 'number', v: '1' }]] } } },
        { target: fetchRate, index: 1, outcome: { kind: 'rejected', error: { name: 'Error', message: 'unknown' } } },
      ],
      esm,
    );
    expect(file.content).toBe(
      [
        "import { describe, expect, it } from 'vitest';",
        "import { fetchRate, toCents } from '../src/money.js';",
        '',
        "describe('toCents', () => {",
        "  it('returns 150 for (1.5)', () => {",
        '    expect(toCents(1.5)).toBe(150);',
        '  });',
        '',
        "  it('throws RangeError for (Number.NaN)', () => {",
        "    expect(() => toCents(Number.NaN)).toThrow('not a finite amount: NaN');",
        '  });',
        '',
        "  it('returns undefined for (0)', () => {",
        '    expect(toCents(0)).toBeUndefined();',
        '  });',
        '});',
        '',
        "describe('fetchRate', () => {",
        `  it("resolves to { rate: 1 } for ('EUR')", async () => {`,
        "    await expect(fetchRate('EUR')).resolves.toEqual({ rate: 1 });",
        '  });',
        '',
        `  it("rejects with Error for ('XXX')", async () => {`,
        "    await expect(fetchRate('XXX')).rejects.toThrow('unknown');",
        '  });',
        '});',
        '',
      ].join('\n'),
    );
    expect(file.cases.map((entry) => entry.title)).toEqual([
      'returns 150 for (1.5)',
      'throws RangeError for (Number.NaN)',
      'returns undefined for (0)',
      "resolves to { rate: 1 } for ('EUR')",
      "rejects with Error for ('XXX')",
    ]);
  });

  it('asserts class instances, functions and huge values by type or shape; calls methods on a fresh instance', () => {
    const add = target('Cart#add', [["{ sku: 'a' }"]], { kind: 'method', className: 'Cart', exportName: 'Cart', displayName: 'Cart#add', constructorArgs: [[]] });
    const make = target('Cart.make', [[]], { kind: 'static-method', className: 'Cart', exportName: 'Cart', displayName: 'Cart.make' });
    const file = emitTestFile(
      [
        { target: add, index: 0, outcome: { kind: 'returned', value: { k: 'instance', ctor: 'Line', entries: [['sku', { k: 'string', v: 'a' }]] } } },
        { target: make, index: 0, outcome: { kind: 'returned', value: { k: 'instance', ctor: 'Cart', entries: [] } } },
      ],
      { ...esm, framework: 'jest', syntax: 'cjs', usesGlobals: true, moduleSpecifier: './cart', modulePath: 'lib/cart.js' },
    );
    expect(file.content).toContain("const { Cart } = require('./cart');");
    expect(file.content).not.toContain('@jest/globals');
    expect(file.content).toContain("const result = new Cart().add({ sku: 'a' });");
    expect(file.content).toContain("expect(Object.getPrototypeOf(result)?.constructor?.name).toBe('Line');");
    expect(file.content).toContain("expect(result).toMatchObject({ sku: 'a' });");
    expect(file.content).toContain('const result = Cart.make();');
    expect(file.content).toContain('expect(result).toBeInstanceOf(Cart);');
  });

  it('gives a default export a local name from the file, and keeps titles unique', () => {
    const long = `'${'x'.repeat(70)}'`;
    const fn = target('default', [[`${long}, 1`], [`${long}, 2`]], { exportName: 'default', displayName: 'default' });
    const file = emitTestFile(
      [
        { target: fn, index: 0, outcome: returned('2') },
        { target: fn, index: 1, outcome: returned('2') },
      ],
      { ...esm, moduleSpecifier: './price-list.js', modulePath: 'src/price-list.ts' },
    );
    expect(file.content).toContain("import priceList from './price-list.js';");
    const title = `returns 2 for ('${'x'.repeat(58)}…)`;
    expect(file.cases.map((entry) => entry.title)).toEqual([title, `${title} (2)`]);
  });
});

describe('chooseCases', () => {
  const record = (targetId: string, index: number, outcome: CallOutcome): ProbeRecord => ({ target: targetId, index, outcome });

  it('drops calls whose two runs differ, keeps one call per distinct outcome, and reports cut-off calls', () => {
    const f = target('f', [['0'], ['1'], ['2'], ['3'], ['4']]);
    const first = [record('f', 0, returned('0')), record('f', 1, returned('5')), record('f', 2, returned('5')), record('f', 3, returned('0.123'))];
    const second = [record('f', 0, returned('0')), record('f', 1, returned('5')), record('f', 2, returned('5')), record('f', 3, returned('0.456'))];
    const choice = chooseCases([f], first, second, { maxCasesPerTarget: 6, maxCasesPerModule: 20, neverReturned: new Set(['f#4']), probeLimitMs: 30_000 });
    expect(choice.chosen.map((entry) => entry.index)).toEqual([0, 1]);
    expect(choice.rejected.map((entry) => [entry.index, entry.reason.split(':')[0]])).toEqual([
      [3, 'nondeterministic'],
      [4, 'never returned'],
    ]);
    expect(choice.repeats).toBe(1);
  });

  it('serves every target before any gets a second case, up to the module cap', () => {
    const f = target('f', [['0'], ['1'], ['2']]);
    const g = target('g', [['0'], ['1']]);
    const runs = [record('f', 0, returned('0')), record('f', 1, returned('1')), record('f', 2, returned('2')), record('g', 0, returned('0')), record('g', 1, returned('1'))];
    const choice = chooseCases([f, g], runs, runs, { maxCasesPerTarget: 6, maxCasesPerModule: 3, neverReturned: new Set(), probeLimitMs: 30_000 });
    expect(choice.chosen.map((entry) => `${entry.target.id}#${entry.index}`)).toEqual(['f#0', 'g#0', 'f#1']);
    expect(choice.repeats).toBe(2);
  });
});
