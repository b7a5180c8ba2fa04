import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { runInNewContext } from 'node:vm';
import type { FileCoverageData } from 'istanbul-lib-coverage';
import { afterEach, describe, expect, it } from 'vitest';
import { fileMetrics, patchMetrics } from '../../../src/coverage/file-metrics.js';
import { normalizeCoverageMap } from '../../../src/coverage/normalize-coverage.js';
import type { SideCoverage } from '../../../src/pipeline/module-plan.js';
import { openRunStore } from '../../../src/store/open-run-store.js';
import type { RunStore } from '../../../src/store/run-store.js';
import type { StoredMeasurement } from '../../../src/store/stored-measurement.js';
import { toolchainModules } from '../../helpers/toolchains.js';
import { fileCoverage, RUN, sideCoverage, tempStorePath, thrownStoreError } from './store-fixtures.js';

let store: RunStore | undefined;
afterEach(() => store?.close());

function open(path = tempStorePath(), warnings: string[] = []): RunStore {
  store = openRunStore(path, { onCorrupt: 'throw', onWarning: (message) => warnings.push(message) });
  return store;
}

/** Every Map of a side's coverage as its entries in order, to compare order as well as content. */
function entriesOf(coverage: SideCoverage | null): unknown {
  if (coverage === null) return null;
  return [[...coverage.files], [...coverage.failures], [...coverage.testsByPackage], [...coverage.failedCasesByPackage]];
}

const SOURCE = `function classify(n, d = 2) {
  if (n < 0) {
    return 'negative';
  }
  const size = n > 100 ? 'big' : 'small';
  return (n === 0 && d) || size;
}
module.exports = { classify };
classify(5);
classify(0);
`;

/**
 * Coverage of SOURCE as Jest collects it: instrumented by the Jest toolchain's own Istanbul
 * instrumenter (babel-plugin-istanbul's), run, and the counters read back, then normalised like a
 * runner's coverage (absolute key -> repository path).
 */
function realIstanbulCoverage(): FileCoverageData {
  const require = createRequire(join(toolchainModules('jest30'), 'istanbul-lib-instrument', 'package.json'));
  const { createInstrumenter } = require('istanbul-lib-instrument') as { createInstrumenter: (options: object) => { instrumentSync: (code: string, file: string) => string } };
  const code = createInstrumenter({ coverageVariable: '__coverage__', esModules: false }).instrumentSync(SOURCE, '/repo/src/calc.js');
  const sandbox: { __coverage__?: Record<string, unknown>; module: { exports: unknown } } = { module: { exports: {} } };
  runInNewContext(code, sandbox);
  const raw = JSON.parse(JSON.stringify(sandbox.__coverage__)) as unknown;
  const { map } = normalizeCoverageMap(raw, { repoRoot: '/repo', runnerCwd: '/repo', realpath: (path) => path });
  return map['src/calc.js']!;
}

/** Edits the stored JSON of the run's `side` measurement in the file, as tampering would. */
function editStored(path: string, side: 'head' | 'base', edit: (value: { coverage: Record<string, unknown[]> }) => unknown): void {
  const db = new DatabaseSync(path);
  const row = db.prepare('SELECT run_id, value FROM measurements WHERE side = ?').get(side);
  const value = JSON.parse(String(row?.value)) as { coverage: Record<string, unknown[]> };
  const edited = edit(value);
  db.prepare('UPDATE measurements SET value = ? WHERE run_id = ? AND side = ?').run(typeof edited === 'string' ? edited : JSON.stringify(edited), String(row?.run_id), side);
  db.close();
}

describe('measurements', () => {
  it('gives back both sides deep-equal, Maps rebuilt in their order, across a reopen', () => {
    const path = tempStorePath();
    const s = open(path);
    const run = s.createRun(RUN);
    const head: StoredMeasurement = { source: null, coverage: sideCoverage() };
    const base: StoredMeasurement = { source: 'worktree', coverage: sideCoverage(['src/a.ts']) };
    expect(s.loadMeasurement(run.id, 'head')).toBeNull();
    s.saveMeasurement(run.id, 'head', head);
    s.saveMeasurement(run.id, 'base', base);
    s.close();

    const again = open(path);
    for (const [side, saved] of [['head', head], ['base', base]] as const) {
      const loaded = again.loadMeasurement(run.id, side);
      expect(loaded).toEqual(saved);
      expect(loaded?.source).toBe(saved.source);
      for (const map of Object.values(loaded!.coverage!)) expect(map).toBeInstanceOf(Map);
      expect(entriesOf(loaded!.coverage)).toEqual(entriesOf(saved.coverage));
    }
    expect(again.loadMeasurement('no-such-run', 'head')).toBeNull();
  });

  it('keeps real Istanbul coverage whole, so the metrics read from it do not change', () => {
    const data = realIstanbulCoverage();
    // The instrumenter's implicit else: a location with no line or column.
    expect(Object.values(data.branchMap).some((branch) => branch.locations.some((location) => Object.keys(location.start).length === 0))).toBe(true);
    const s = open();
    const run = s.createRun(RUN);
    const coverage: SideCoverage = { files: new Map([['src/calc.js', data]]), failures: new Map(), testsByPackage: new Map([['', ['src/calc.test.js']]]), failedCasesByPackage: new Map([['', 0]]) };
    s.saveMeasurement(run.id, 'head', { source: null, coverage });
    const loaded = s.loadMeasurement(run.id, 'head')?.coverage?.files.get('src/calc.js');
    expect(loaded).toEqual(data);
    expect(fileMetrics(loaded!)).toEqual(fileMetrics(data));
    const changed = SOURCE.split('\n').map((_, index) => index + 1);
    expect(patchMetrics(loaded!, changed)).toEqual(patchMetrics(data, changed));
    expect(patchMetrics(loaded!, changed).missingLines).toEqual([3]);
  });

  it('keeps a side that was not measured, and replaces a side saved again', () => {
    const s = open();
    const run = s.createRun(RUN);
    s.saveMeasurement(run.id, 'base', { source: 'none', coverage: null });
    expect(s.loadMeasurement(run.id, 'base')).toEqual({ source: 'none', coverage: null });
    const empty: SideCoverage = { files: new Map(), failures: new Map(), testsByPackage: new Map(), failedCasesByPackage: new Map() };
    s.saveMeasurement(run.id, 'base', { source: 'file', coverage: empty });
    expect(s.loadMeasurement(run.id, 'base')).toEqual({ source: 'file', coverage: empty });
    expect(s.loadMeasurement(run.id, 'head')).toBeNull();
  });

  it('stores an end column of Infinity (v8 coverage in memory) as JSON writes it: null', () => {
    const s = open();
    const run = s.createRun(RUN);
    const file = fileCoverage('src/a.ts');
    const toEnd = { start: { line: 2, column: 2 }, end: { line: 4, column: Infinity } };
    const files = new Map([['src/a.ts', { ...file, statementMap: { ...file.statementMap, 0: toEnd } }]]);
    s.saveMeasurement(run.id, 'head', { source: null, coverage: { ...sideCoverage(['src/a.ts']), files } });
    const loaded = s.loadMeasurement(run.id, 'head')?.coverage?.files.get('src/a.ts');
    expect(loaded?.statementMap[0]).toEqual({ start: { line: 2, column: 2 }, end: { line: 4, column: null } });
    expect(fileMetrics(loaded!)).toEqual(fileMetrics(files.get('src/a.ts')!));
  });

  it('refuses an unknown run or side, and a value that fails its schema, before writing anything', () => {
    const s = open();
    const run = s.createRun(RUN);
    expect(thrownStoreError(() => s.saveMeasurement('no-such-run', 'head', { source: null, coverage: null })).message).toContain('cannot save the head measurement: no run no-such-run');
    expect(thrownStoreError(() => s.saveMeasurement(run.id, 'middle' as 'head', { source: null, coverage: null })).message).toMatch(/side must be 'head' or 'base', got "middle"/);
    const coverage = sideCoverage(['src/a.ts']);
    const withFile = (key: string, data: unknown): StoredMeasurement => ({ source: null, coverage: { ...coverage, files: new Map([[key, data as FileCoverageData]]) } });
    const file = fileCoverage('src/a.ts');
    const bad: readonly [string, StoredMeasurement, RegExp][] = [
      ['an absolute path as a key', withFile('/repo/src/a.ts', { ...file, path: '/repo/src/a.ts' }), /absolute path/],
      ['a path that escapes the repository', withFile('../a.ts', { ...file, path: '../a.ts' }), /path escapes the repository/],
      ['coverage naming another path', withFile('src/a.ts', { ...file, path: 'src/b.ts' }), /the coverage of src\/a\.ts names another path/],
      ['a negative counter', withFile('src/a.ts', { ...file, s: { ...file.s, 1: -1 } }), /at coverage\.files/],
      ['a counter with no statement', withFile('src/a.ts', { ...file, s: { ...file.s, 7: 1 } }), /the ids of s are not those of statementMap/],
      ['a branch with no counts array', withFile('src/a.ts', { ...file, b: { 0: 3 } }), /at coverage\.files/],
      ['a statement with no start line', withFile('src/a.ts', { ...file, statementMap: { ...file.statementMap, 0: { start: {}, end: {} } } }), /at coverage\.files/],
      ['plain objects instead of Maps', { source: null, coverage: { ...coverage, failures: {} as never } }, /at coverage\.failures/],
      ['a negative failed-case count', { source: null, coverage: { ...coverage, failedCasesByPackage: new Map([['', -1]]) } }, /at coverage\.failedCasesByPackage/],
      ['an unknown base source', { source: 'cache' as never, coverage: null }, /at source/],
    ];
    for (const [what, value, message] of bad) {
      const error = thrownStoreError(() => s.saveMeasurement(run.id, 'head', value));
      expect(error.problem, what).toBe('invalid-input');
      expect(error.message, what).toMatch(/^refused to store the head measurement of run /);
      expect(error.message, what).toMatch(message);
    }
    expect(s.loadMeasurement(run.id, 'head')).toBeNull();
  });

  type Stored = { coverage: Record<string, unknown[]> };
  const fileAt = (value: Stored, index = 0): [string, Record<string, unknown>] => value.coverage.files![index] as [string, Record<string, unknown>];
  const tampered: readonly [string, (value: Stored) => unknown, RegExp][] = [
    ['a negative counter', (v) => ((fileAt(v)[1].s as Record<string, number>)['0'] = -4, v), /fails validation \(at coverage\.files\[0\]\[1\]\.s\.0: /],
    ['an absolute path as a key', (v) => ((fileAt(v)[0] = '/etc/passwd'), v), /absolute path/],
    ['a key that escapes the repository', (v) => ((fileAt(v)[0] = '../../x.ts'), v), /path escapes the repository/],
    ['a file listed twice', (v) => (v.coverage.files!.push(fileAt(v)), v), /"src\/a\.ts" appears twice/],
    ['a package listed twice', (v) => (v.coverage.failedCasesByPackage!.push(['', 3]), v), /"" appears twice/],
    ['a counter whose statement is gone', (v) => ((fileAt(v)[1].statementMap = {}), v), /the ids of s are not those of statementMap/],
    ['a map written as an object', (v) => ({ ...v, coverage: { ...v.coverage, testsByPackage: {} } }), /at coverage\.testsByPackage/],
    ['another version', (v) => ({ ...v, version: 2 }), /at version/],
    ['text that is not JSON', () => '{"version":1', /is not valid JSON/],
  ];
  it.each(tampered)('treats a stored measurement with %s as missing, with one warning', (_what, edit, reason) => {
    const path = tempStorePath();
    const warnings: string[] = [];
    const s = open(path, warnings);
    const run = s.createRun(RUN);
    s.saveMeasurement(run.id, 'head', { source: null, coverage: sideCoverage() });
    s.saveMeasurement(run.id, 'base', { source: 'worktree', coverage: sideCoverage(['src/a.ts']) });
    s.close();
    editStored(path, 'head', edit);

    const again = open(path, warnings);
    expect(again.recovery).toBeNull();
    expect(again.loadMeasurement(run.id, 'head')).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^ignored an invalid head measurement and treated it as missing: the run store's head measurement of run /);
    expect(warnings[0]).toMatch(reason);
    expect(warnings[0]).not.toMatch(/\n/);
    expect(again.loadMeasurement(run.id, 'base')).toEqual({ source: 'worktree', coverage: sideCoverage(['src/a.ts']) });
    again.saveMeasurement(run.id, 'head', { source: null, coverage: sideCoverage() });
    expect(again.loadMeasurement(run.id, 'head')).toEqual({ source: null, coverage: sideCoverage() });
    expect(warnings).toHaveLength(1);
  });
});
