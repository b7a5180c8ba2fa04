import type { FileCoverageData } from 'istanbul-lib-coverage';
import { describe, expect, it } from 'vitest';
import { ADDS_NO_COVERAGE, coveredUnits, mergeCoverage, selectCasesByCoverage } from '../../../../src/validation/gate/greedy-selection.js';

const at = (line: number, column = 0) => ({ start: { line, column }, end: { line, column: column + 10 } });

/** v8-shaped data: a statement per line, and one-outcome branches [line, column, hits] for the blocks it mapped. */
function v8(lines: Record<number, number>, branches: [number, number, number][]): FileCoverageData {
  const entries = Object.entries(lines);
  return {
    path: 'src/utils.ts',
    statementMap: Object.fromEntries(entries.map(([line], index) => [String(index), at(Number(line))])),
    s: Object.fromEntries(entries.map(([, hits], index) => [String(index), hits])),
    // The function around them, called as often as its first line ran.
    fnMap: { '0': { name: 'withoutTrailingSlash', decl: at(124), loc: { start: { line: 124, column: 0 }, end: { line: 128, column: 1 } }, line: 124 } },
    f: { '0': entries[0]?.[1] ?? 0 },
    branchMap: Object.fromEntries(branches.map(([line, column], index) => [String(index), { loc: at(line, column), type: 'branch', locations: [at(line, column)], line }])),
    b: Object.fromEntries(branches.map(([, , hits], index) => [String(index), [hits]])),
  } as unknown as FileCoverageData;
}

describe('a V8 block the existing tests never take', () => {
  // The existing tests never take the block at 126:53 (v8 maps it with 0 hits); a case that takes it
  // ran it as often as the line around it, so v8 leaves it out of that run's data.
  const baseline = v8({ 125: 3, 126: 3, 127: 3 }, [[126, 53, 0]]);
  const taking = v8({ 125: 1, 126: 1, 127: 1 }, []);

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
