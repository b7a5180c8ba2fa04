import libCoverage from 'istanbul-lib-coverage';
import { describe, expect, it } from 'vitest';
import { fileMetrics, patchMetrics, patchRatio, sumPatch } from '../../../src/coverage/file-metrics.js';
import { fileData } from './istanbul-data.js';

// Lines: 1 (fn decl, no statement), 2 hit 3x, 3 hit 0x, 4 hit 1x (two statements: 0 and 1 -> max 1),
// 6 hit 2x; branches: line 2 fully taken, line 4 one path untaken, line 3 untaken (on a missing line),
// line 6 untaken but without `loc` (old Istanbul data: locations[0] tells the line).
const sample = fileData('src/sample.ts', {
  statements: [
    [2, 3],
    [3, 0],
    [4, 0],
    [4, 1],
    [6, 2],
  ],
  functions: [
    [1, 3],
    [5, 0],
  ],
  branches: [
    { line: 2, hits: [3, 1] },
    { line: 4, hits: [1, 0] },
    { line: 3, hits: [0, 0] },
    { line: 6, hits: [2, 0, 1], noLoc: true },
  ],
});

describe('fileMetrics', () => {
  it("gives Istanbul's own summary numbers", () => {
    const summary = libCoverage.createFileCoverage(structuredClone(sample)).toSummary();
    const metrics = fileMetrics(sample);
    expect(metrics).toEqual({
      lines: { covered: summary.lines.covered, total: summary.lines.total },
      statements: { covered: summary.statements.covered, total: summary.statements.total },
      functions: { covered: summary.functions.covered, total: summary.functions.total },
      branches: { covered: summary.branches.covered, total: summary.branches.total },
    });
    // And the numbers worked out by hand from the data above.
    expect(metrics).toEqual({
      lines: { covered: 3, total: 4 },
      statements: { covered: 3, total: 5 },
      functions: { covered: 1, total: 2 },
      branches: { covered: 5, total: 9 },
    });
  });

  it('handles a file without executable code', () => {
    expect(fileMetrics(fileData('empty.ts', {}))).toEqual({
      lines: { covered: 0, total: 0 },
      statements: { covered: 0, total: 0 },
      functions: { covered: 0, total: 0 },
      branches: { covered: 0, total: 0 },
    });
  });
});

describe('patchMetrics', () => {
  it('counts coverable, covered, partial and missing changed lines', () => {
    expect(patchMetrics(sample, [1, 2, 3, 4, 5, 6, 7])).toEqual({
      covered: 3, // 2, 4, 6
      total: 4, // 1, 5 and 7 have no statement
      partial: 2, // 4 (loc) and 6 (locations[0]); 2 is fully taken
      missingLines: [3], // its untaken branch does not make it partial: it is missing
      partialLines: [4, 6],
    });
  });

  it('ignores order and duplicates in the changed lines, and lines the file lacks', () => {
    expect(patchMetrics(sample, [6, 3, 3, 6, 999])).toEqual({
      covered: 1,
      total: 2,
      partial: 1,
      missingLines: [3],
      partialLines: [6],
    });
  });

  it('counts a changed operand of a multi-line condition, where no statement starts, by its operands', () => {
    // 10: if (
    // 11:   ready &&
    // 12:   (isMap(target)        <- third operand of && (evaluated 4x), start of ?: with one path untaken
    // 13:     ? target.has(key)   <- never taken
    // 14:     : has.call(target, key))
    // 15: ) freeze(value)
    const condition = fileData('src/finalize.ts', {
      statements: [
        [10, 5],
        [15, 2],
      ],
      branches: [
        { line: 10, hits: [5, 2], type: 'if' },
        { line: 11, hits: [5, 4, 4], type: 'binary-expr', pathLines: [11, 11, 12] },
        { line: 12, hits: [0, 4], type: 'cond-expr', pathLines: [13, 14] },
        // A default argument on a declaration line is not an operand of a condition.
        { line: 20, hits: [0], type: 'default-arg' },
      ],
    });
    expect(patchMetrics(condition, [12, 13, 14, 20])).toEqual({ covered: 2, total: 3, partial: 1, missingLines: [13], partialLines: [12] });
  });

  it('is empty when no changed line is coverable', () => {
    const patch = patchMetrics(sample, [1, 5]);
    expect(patch).toEqual({ covered: 0, total: 0, partial: 0, missingLines: [], partialLines: [] });
    expect(patchRatio(patch)).toBeNull();
  });

  it('does not change the data it reads', () => {
    const before = structuredClone(sample);
    patchMetrics(sample, [1, 2, 3, 4, 5, 6]);
    fileMetrics(sample);
    expect(sample).toEqual(before);
  });
});

describe('sumPatch and patchRatio', () => {
  it('adds counts and keeps no line lists', () => {
    const a = patchMetrics(sample, [2, 3, 4, 6]);
    const b = { covered: 5, total: 10, partial: 1, missingLines: [1, 2, 3, 4, 5], partialLines: [9] };
    const sum = sumPatch([a, b]);
    expect(sum).toEqual({ covered: 8, total: 14, partial: 3, missingLines: [], partialLines: [] });
    expect(patchRatio(sum)).toBeCloseTo(5 / 14, 12);
    expect(sumPatch([])).toEqual({ covered: 0, total: 0, partial: 0, missingLines: [], partialLines: [] });
  });

  it('counts partial lines as not covered in the ratio', () => {
    expect(patchRatio({ covered: 4, total: 4, partial: 1, missingLines: [], partialLines: [3] })).toBe(0.75);
    expect(patchRatio({ covered: 4, total: 4, partial: 0, missingLines: [], partialLines: [] })).toBe(1);
  });
});
