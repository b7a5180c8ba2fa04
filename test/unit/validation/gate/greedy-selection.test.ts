import type { FileCoverageData } from 'istanbul-lib-coverage';
import { describe, expect, it } from 'vitest';
import { ADDS_NO_COVERAGE, coveredUnits, selectCasesByCoverage } from '../../../../src/validation/gate/greedy-selection.js';
import { countRuns } from '../../../../src/validation/gate/flakiness.js';

const loc = (line: number, column = 0) => ({ start: { line, column }, end: { line, column: column + 10 } });

/** A module of five one-statement lines; line 2 holds an if with two outcomes. */
function module(lineHits: readonly number[], branchHits: readonly [number, number] = [0, 0]): FileCoverageData {
  const statementMap: FileCoverageData['statementMap'] = {};
  const s: Record<string, number> = {};
  lineHits.forEach((hits, index) => {
    statementMap[String(index)] = loc(index + 1);
    s[String(index)] = hits;
  });
  return {
    path: 'src/m.ts',
    statementMap,
    s,
    fnMap: {},
    f: {},
    branchMap: { '0': { type: 'if', line: 2, loc: loc(2), locations: [loc(2), loc(2, 5)] } },
    b: { '0': [...branchHits] },
  } as unknown as FileCoverageData;
}

describe('selectCasesByCoverage', () => {
  const baseline = module([1, 1, 0, 0, 0], [1, 0]);

  it('keeps the largest gain first, drops what adds nothing, and merges the kept coverage', () => {
    const result = selectCasesByCoverage('src/m.ts', baseline, [
      { name: 'redundant', coverage: module([1, 1, 0, 0, 0], [1, 0]) },
      { name: 'small', coverage: module([1, 1, 1, 0, 0], [1, 0]) },
      { name: 'big', coverage: module([1, 1, 1, 1, 0], [0, 1]) },
    ]);
    expect(result.kept).toEqual([{ name: 'big', newLines: [3, 4], newBranchOutcomes: 1 }]);
    expect(result.dropped).toEqual([
      { name: 'redundant', reason: ADDS_NO_COVERAGE },
      { name: 'small', reason: ADDS_NO_COVERAGE },
    ]);
    expect(result.combined?.s).toEqual({ '0': 2, '1': 2, '2': 1, '3': 1, '4': 0 });
    expect(result.combined?.b).toEqual({ '0': [1, 1] });
    expect(baseline.s).toEqual({ '0': 1, '1': 1, '2': 0, '3': 0, '4': 0 }); // inputs untouched
  });

  it('counts a newly taken branch outcome on an already covered line, and breaks ties by name', () => {
    const result = selectCasesByCoverage('src/m.ts', baseline, [
      { name: 'zeta', coverage: module([1, 1, 0, 0, 1], [1, 0]) },
      { name: 'alpha', coverage: module([1, 1, 0, 0, 0], [0, 1]) },
    ]);
    expect(result.kept.map((kept) => kept.name)).toEqual(['alpha', 'zeta']);
    expect(result.kept[0]).toEqual({ name: 'alpha', newLines: [], newBranchOutcomes: 1 });
    expect(result.dropped).toEqual([]);
  });

  it('treats a missing baseline as nothing covered, and returns null coverage for nothing at all', () => {
    const result = selectCasesByCoverage('src/m.ts', null, [{ name: 'one', coverage: module([0, 1, 0, 0, 0]) }]);
    expect(result.kept).toEqual([{ name: 'one', newLines: [2], newBranchOutcomes: 0 }]);
    expect(selectCasesByCoverage('src/m.ts', null, []).combined).toBeNull();
    expect(coveredUnits(module([0, 0, 0, 0, 0]))).toEqual([]);
  });
});

describe('countRuns', () => {
  const run = (entries: Record<string, string>, fileError: string | null = null) => ({
    names: new Map(Object.entries(entries).map(([name, status]) => [name, { status, message: status === 'failed' ? `${name} broke` : null }])),
    fileError,
  });

  it('calls a case stable only when it passed every run', () => {
    const result = countRuns(
      [run({ a: 'passed', b: 'passed', c: 'failed', d: 'skipped' }), run({ a: 'passed', b: 'failed', c: 'failed', d: 'skipped' }), run({}, 'Cannot find module')],
      ['a', 'never'],
    );
    const verdicts = Object.fromEntries(result.cases.map((c) => [c.name, c.verdict]));
    expect(verdicts).toEqual({ a: 'flaky', never: 'missing', b: 'flaky', c: 'failing', d: 'skipped' });
    expect(result.cases.find((c) => c.name === 'a')).toMatchObject({ passed: 2, missing: 1, firstFailure: 'Cannot find module' });
    expect(result.cases.find((c) => c.name === 'c')).toMatchObject({ failed: 2, firstFailure: 'c broke' });
    expect(countRuns([run({ a: 'passed' }), run({ a: 'passed' })], []).cases[0]?.verdict).toBe('stable');
    expect(result.fileErrors).toEqual([null, null, 'Cannot find module']);
  });
});
