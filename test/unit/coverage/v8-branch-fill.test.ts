import type { FileCoverageData } from 'istanbul-lib-coverage';
import { describe, expect, it } from 'vitest';
import { fillUnmappedBranches } from '../../../src/coverage/v8-branch-fill.js';
import { ADDS_NO_COVERAGE, coveredUnits, mergeCoverage, selectCasesByCoverage } from '../../../src/validation/gate/greedy-selection.js';

const at = (line: number, column = 0) => ({ start: { line, column }, end: { line, column: column + 10 } });

/** v8-shaped data: a statement per line, and one-outcome branches [line, column, hits] for the blocks it mapped. */
function v8(lines: Record<number, number>, branches: [number, number, number][]): FileCoverageData {
  const entries = Object.entries(lines);
  return {
    path: 'src/utils.ts',
    statementMap: Object.fromEntries(entries.map(([line], index) => [String(index), at(Number(line))])),
    s: Object.fromEntries(entries.map(([, hits], index) => [String(index), hits])),
    fnMap: {},
    f: {},
    branchMap: Object.fromEntries(branches.map(([line, column], index) => [String(index), { loc: at(line, column), type: 'branch', locations: [at(line, column)], line }])),
    b: Object.fromEntries(branches.map(([, , hits], index) => [String(index), [hits]])),
  } as unknown as FileCoverageData;
}

describe('fillUnmappedBranches', () => {
  // The existing tests never take the block at 126:53 (v8 maps it with 0 hits); a case that takes it
  // ran it as often as the line around it, so v8 leaves it out of that run's data.
  const baseline = v8({ 125: 3, 126: 3, 127: 3 }, [[126, 53, 0]]);
  const taking = v8({ 125: 1, 126: 1, 127: 1 }, []);

  it('adds a branch another run maps at 0 as taken, with the hits of its line, where this run covered the line', () => {
    const filled = fillUnmappedBranches(taking, [baseline]);
    expect(coveredUnits(filled)).toContain('B126:53:branch:0');
    expect(Object.values(filled.b)).toEqual([[1]]);
  });

  it('adds nothing where this run did not cover the line, maps the branch itself, or the other run took it too', () => {
    const notRun = v8({ 125: 0, 126: 0, 127: 0 }, []);
    expect(fillUnmappedBranches(notRun, [baseline])).toBe(notRun);
    const mapsIt = v8({ 126: 1 }, [[126, 53, 0]]);
    expect(fillUnmappedBranches(mapsIt, [baseline])).toBe(mapsIt);
    expect(fillUnmappedBranches(taking, [v8({ 126: 2 }, [[126, 53, 2]])])).toBe(taking);
  });

  it('lets the gate keep a case whose only gain is such a branch, and the merge count it taken', () => {
    const selection = selectCasesByCoverage('src/utils.ts', baseline, [
      { name: 'takes the branch', coverage: taking },
      { name: 'does not', coverage: v8({ 125: 1, 126: 1, 127: 1 }, [[126, 53, 0]]) },
    ]);
    expect(selection.kept.map((kept) => [kept.name, kept.newBranchOutcomes])).toEqual([['takes the branch', 1]]);
    expect(selection.dropped).toEqual([{ name: 'does not', reason: ADDS_NO_COVERAGE }]);
    expect(coveredUnits(mergeCoverage('src/utils.ts', [baseline, taking])!)).toContain('B126:53:branch:0');
  });
});
