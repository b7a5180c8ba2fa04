import type { FileCoverageData } from 'istanbul-lib-coverage';
import { describe, expect, it } from 'vitest';
import { unitsNotCovered } from '../../../../src/validation/gate/final-check.js';

const at = (line: number, column = 0) => ({ start: { line, column }, end: { line, column: column + 10 } });

/**
 * Coverage of one file: a statement per line (as v8 gives), the function around them (called as often
 * as its first line ran), and branches at [line, column, hits].
 */
function coverage(lines: Record<number, number>, branches: [number, number, number][]): FileCoverageData {
  const entries = Object.entries(lines);
  return {
    path: 'src/money.ts',
    statementMap: Object.fromEntries(entries.map(([line], index) => [String(index), at(Number(line))])),
    s: Object.fromEntries(entries.map(([, hits], index) => [String(index), hits])),
    fnMap: { '0': { name: 'splitEvenly', decl: at(36), loc: { start: { line: 36, column: 0 }, end: { line: 46, column: 1 } }, line: 36 } },
    f: { '0': entries[0]?.[1] ?? 0 },
    branchMap: Object.fromEntries(
      branches.map(([line, column], index) => [String(index), { loc: at(line, column), type: 'branch', locations: [at(line, column)], line }]),
    ),
    b: Object.fromEntries(branches.map(([, , hits], index) => [String(index), [hits]])),
  } as unknown as FileCoverageData;
}

describe('unitsNotCovered', () => {
  it('does not compare a branch the final run maps differently (v8 of Vitest 1 and 2), but still compares its lines', () => {
    // Per-case runs mapped a block at 40:2 and 44:80; the whole file's run mapped 43:31 and 44:39 instead.
    const claimed = coverage({ 38: 1, 40: 1, 44: 2 }, [[40, 2, 1], [44, 80, 1]]);
    const final = coverage({ 38: 2, 40: 1, 44: 2 }, [[43, 31, 1], [44, 39, 1]]);
    expect(unitsNotCovered(claimed, final)).toEqual([]);
  });

  it('reports a line, and a branch outcome both maps have, that the final run left uncovered', () => {
    const claimed = coverage({ 38: 1, 40: 1 }, [[40, 2, 1]]);
    const final = coverage({ 38: 1, 40: 0 }, [[40, 2, 0]]);
    expect(unitsNotCovered(claimed, final)).toEqual(['L40', 'B40:2:branch:0']);
  });

  it('reports everything claimed when the final run gave no coverage', () => {
    expect(unitsNotCovered(coverage({ 3: 1 }, [[3, 4, 1]]), null)).toEqual(['L3', 'B3:4:branch:0']);
  });
});
