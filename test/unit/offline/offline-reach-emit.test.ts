// The zero-token generator's new ways in, from probe to emitted file (pure parts): the probe runtime
// naming the call that changed a watched file, case choice leaving out only the calls that wrote (or
// were refused a write), and emission of constructor calls and of methods on a returned object.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OfflineTarget } from '../../../src/offline/analyse/types.js';
import { chooseCases } from '../../../src/offline/emit/choose-cases.js';
import { emitTestFile, type EmitConventions } from '../../../src/offline/emit/emit-test-file.js';
import { buildProbeFile, callExpression } from '../../../src/offline/probe/build-probe.js';
import type { ProbeRecord } from '../../../src/offline/probe/outcome.js';
import { parseProbeLines } from '../../../src/offline/probe/parse-probe-lines.js';
import { PROBE_RUNTIME } from '../../../src/offline/probe/probe-runtime.js';
import { writesByCall } from '../../../src/offline/probe/run-probe.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'tm-offline-reach-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function target(id: string, candidates: string[][], extra: Partial<OfflineTarget> = {}): OfflineTarget {
  return { id, exportName: id, kind: 'function', className: null, displayName: id, isAsync: false, startLine: 1, endLine: 5, params: [], constructorArgs: [], candidates, ...extra };
}

const esm: EmitConventions = { framework: 'vitest', syntax: 'esm', usesGlobals: false, moduleSpecifier: '../src/store.js', modulePath: 'src/store.ts' };

type Call = { target: string; index: number; run: () => unknown };

async function probe(calls: Call[], watch: string[]): Promise<ProbeRecord[]> {
  let text = '';
  const run = new Function('calls', 'append', 'watch', 'stat', `${PROBE_RUNTIME}\nreturn __tmProbe(calls, '/unused', 50, append, watch, stat);`) as (
    calls: Call[],
    append: (file: string, line: string) => void,
    watch: string[],
    stat: typeof statSync,
  ) => Promise<void>;
  await run(calls, (_file, line) => (text += line), watch, statSync);
  return [...parseProbeLines(text).records];
}

describe('per-call side effects', () => {
  it('names the call that changed a watched file, and only that one', async () => {
    const report = path.join(scratch, 'report.txt');
    const created = path.join(scratch, 'new.txt');
    writeFileSync(report, 'old\n');
    const records = await probe(
      [
        { target: 'exportReport', index: 0, run: () => 'pure' },
        { target: 'exportReport', index: 1, run: () => writeFileSync(report, 'a longer line\n') },
        { target: 'exportReport', index: 2, run: () => writeFileSync(created, 'x') },
        { target: 'columnWidth', index: 0, run: () => 4 },
      ],
      [report, created],
    );
    expect(records.map((record) => [record.target, record.index, record.wrote ?? null])).toEqual([
      ['exportReport', 0, null],
      ['exportReport', 1, [report]],
      ['exportReport', 2, [created]],
      ['columnWidth', 0, null],
    ]);
    expect(Object.fromEntries(writesByCall([records], scratch))).toEqual({ 'exportReport#1': ['report.txt'], 'exportReport#2': ['new.txt'] });
  });

  it('passes the watched files into the probe file', () => {
    const text = buildProbeFile({ targets: [target('f', [['1']])], syntax: 'esm', testApiImport: null, moduleSpecifier: './f.js', outPath: '/out/calls.jsonl', waitMs: 10, exclude: new Set(), watch: ['/repo/out.txt'] });
    expect(text).toContain(`__tmProbe(__tmCalls, "/out/calls.jsonl", 10, __tmAppend, ["/repo/out.txt"], __tmStat)`);
    expect(text).toContain('statSync as __tmStat');
  });

  it('drops only the cases that wrote or were refused a write, and keeps the other 20', () => {
    const candidates = Array.from({ length: 22 }, (_, index) => [String(index)]);
    const f = target('exportReport', candidates);
    const run: ProbeRecord[] = candidates.map((_, index) => ({
      target: 'exportReport',
      index,
      outcome:
        index === 21
          ? { kind: 'threw', error: { name: 'Error', message: "EROFS: read-only file system, open '/repo/a'" } }
          : { kind: 'returned', value: { k: 'number', v: String(index) } },
    }));
    const choice = chooseCases([f], run, run, {
      maxCasesPerTarget: 30,
      maxCasesPerModule: 30,
      neverReturned: new Set(),
      probeLimitMs: 10_000,
      wrote: new Map([['exportReport#20', ['reports/a.txt']]]),
    });
    expect(choice.chosen).toHaveLength(20);
    expect(choice.rejected.map((entry) => [entry.index, entry.reason])).toEqual([
      [20, 'changed reports/a.txt in the checkout: a test must leave the repository as it found it'],
      [21, 'tried to write a file (EROFS): its result depends on where the test runs'],
    ]);
  });
});

describe('emitting constructors and returned objects', () => {
  it('calls a constructor with candidate arguments and asserts the instance or the error', () => {
    const ledger = target('new Ledger', [["'EUR'", '1'], ["'EUR'", '0']], { exportName: 'Ledger', kind: 'constructor', className: 'Ledger', displayName: 'new Ledger' });
    expect(callExpression(ledger, ["'EUR'", '0'], 'm', 'get')).toBe(`new (get(m, "Ledger"))('EUR', 0)`);
    const file = emitTestFile(
      [
        { target: ledger, index: 0, outcome: { kind: 'returned', value: { k: 'instance', ctor: 'Ledger', entries: [['currency', { k: 'string', v: 'EUR' }]] } } },
        { target: ledger, index: 1, outcome: { kind: 'threw', error: { name: 'RangeError', message: 'limit must be positive, got 0' } } },
      ],
      { ...esm, moduleSpecifier: '../src/ledger.js', modulePath: 'src/ledger.ts' },
    );
    expect(file.content).toContain("import { Ledger } from '../src/ledger.js';");
    expect(file.content).toContain("const result = new Ledger('EUR', 1);\n    expect(result).toBeInstanceOf(Ledger);\n    expect(result).toMatchObject({ currency: 'EUR' });");
    expect(file.content).toContain("expect(() => new Ledger('EUR', 0)).toThrow('limit must be positive, got 0');");
  });

  it('creates the object first, then calls its method (Symbol.dispose included)', () => {
    const set = target('createStore().set', [["'a'", '-1']], { exportName: 'createStore', kind: 'returned-method', displayName: 'createStore().set', constructorArgs: [["'a'"]], member: '.set' });
    const dispose = target('createStore()[Symbol.dispose]', [[]], { exportName: 'createStore', kind: 'returned-method', displayName: 'createStore()[Symbol.dispose]', constructorArgs: [["'a'"]], member: '[Symbol.dispose]' });
    expect(callExpression(dispose, [], 'm', 'get')).toBe(`get(m, "createStore")('a')[Symbol.dispose]()`);
    const file = emitTestFile(
      [
        { target: set, index: 0, outcome: { kind: 'threw', error: { name: 'RangeError', message: 'negative value for aa' } } },
        { target: dispose, index: 0, outcome: { kind: 'returned', value: { k: 'undefined' } } },
      ],
      esm,
    );
    expect(file.content).toContain("import { createStore } from '../src/store.js';");
    expect(file.content).toContain("    const store = createStore('a');\n    expect(() => store.set('a', -1)).toThrow('negative value for aa');");
    expect(file.content).toContain("    const store = createStore('a');\n    expect(store[Symbol.dispose]()).toBeUndefined();");
    expect(file.cases.map((entry) => entry.describe)).toEqual(['createStore().set', 'createStore()[Symbol.dispose]']);
  });
});
