import { describe, expect, it } from 'vitest';
import { summarizeReport } from '../../../src/report/summarize-report.js';
import { c, failedFile, makeReport, measuredFile, metrics, patch } from './report-fixtures.js';

describe('summarizeReport', () => {
  const report = makeReport([
    measuredFile('src/good.ts', { base: metrics(c(5, 10)), head: metrics(c(9, 10)), patch: patch(4, 4) }),
    measuredFile('src/bad.ts', { base: metrics(c(10, 20)), head: metrics(c(10, 30)), patch: patch(2, 6, [1, 2, 3, 4], [5]) }),
    measuredFile('src/new.ts', { base: null, changeKind: 'added', head: metrics(c(1, 4)), patch: patch(1, 4, [7, 8, 9]) }),
    measuredFile('src/renamed.ts', { base: null, changeKind: 'renamed', previousPath: 'src/old.ts', head: metrics(c(0, 0)), patch: patch(0, 0) }),
    failedFile('src/broken.ts', 'timed out'),
  ]);
  const summary = summarizeReport(report);

  it('computes the overall patch percentage with partial lines as not covered', () => {
    // covered 4 + 2 + 1 = 7, partial 1, total 14 -> 6/14.
    expect(summary.patchPercent).toBeCloseTo((6 / 14) * 100, 10);
    expect(summary.missing).toBe(7);
    expect(summary.partial).toBe(1);
  });

  it('aggregates the lines delta over files measured at both sides only', () => {
    expect(summary.baseLines).toEqual({ covered: 15, total: 30 });
    expect(summary.headLines).toEqual({ covered: 19, total: 40 });
    expect(summary.linesDelta).toBeCloseTo((19 / 40 - 15 / 30) * 100, 10);
  });

  it('orders files worst patch first, nothing coverable last, and separates failures', () => {
    // bad: (2 - 1 partial) / 6 = 16.7%; new: 1 / 4 = 25%.
    expect(summary.measured.map((f) => f.file.path)).toEqual(['src/bad.ts', 'src/new.ts', 'src/good.ts', 'src/renamed.ts']);
    expect(summary.measured.map((f) => f.baseState)).toEqual(['measured', 'new', 'measured', 'not-measured']);
    expect(summary.measured.map((f) => f.patchPercent)).toEqual([(1 / 6) * 100, 25, 100, null]);
    expect(summary.failed.map((f) => f.path)).toEqual(['src/broken.ts']);
  });

  it('per file: missing, partial and delta', () => {
    const bad = summary.measured.find((f) => f.file.path === 'src/bad.ts')!;
    expect([bad.coverable, bad.missing, bad.partial]).toEqual([6, 4, 1]);
    expect(bad.linesDelta).toBeCloseTo((10 / 30 - 10 / 20) * 100, 10);
    const added = summary.measured.find((f) => f.file.path === 'src/new.ts')!;
    expect(added.linesDelta).toBeNull();
  });

  it('has no figures when nothing was measured', () => {
    const empty = summarizeReport(makeReport([]));
    expect([empty.patchPercent, empty.linesDelta, empty.baseLines, empty.headLines]).toEqual([null, null, null, null]);
  });
});
