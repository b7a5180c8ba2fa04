import { describe, expect, it } from 'vitest';
import { generationRan, summarizeReport } from '../../../src/report/summarize-report.js';
import { budget, estimate, generation, keptCase, possibleBug, proposedFile, withGeneration } from './generation-fixtures.js';
import { c, makeReport, measuredFile, metrics, patch } from './report-fixtures.js';

describe('summarizeReport with generation', () => {
  const a = measuredFile('src/a.ts', { base: metrics(c(5, 10)), head: metrics(c(6, 10)), patch: patch(2, 4, [1, 2]) });
  const b = measuredFile('src/b.ts', { base: metrics(c(1, 10)), head: metrics(c(2, 10)), patch: patch(1, 4, [5, 6], [7]) });
  const fresh = measuredFile('src/new.ts', { base: null, changeKind: 'added', head: metrics(c(0, 5)), patch: patch(0, 2, [1, 2]) });
  const report = makeReport(
    [
      withGeneration(a, generation('kept'), { ...metrics(c(10, 10)), patch: patch(4, 4) }),
      withGeneration(b, generation('skipped-budget', { reason: 'max-cost-usd' })),
      withGeneration(fresh, generation('kept'), { ...metrics(c(5, 5)), patch: patch(2, 2) }),
    ],
    {
      budget: budget(),
      proposedPatch: patch(7, 10, [5, 6], [7]),
      proposedFiles: [
        proposedFile('test/a.test.ts', 'src/a.ts', 'x', [keptCase('one', [1]), keptCase('two', [2])]),
        proposedFile('test/a.more.test.ts', 'src/a.ts', 'y', [keptCase('three', [], 1)]),
        proposedFile('test/new.test.ts', 'src/new.ts', 'z', [keptCase('four', [1, 2])]),
      ],
      possibleBugs: [possibleBug('src/b.ts', 'x', 'failed', 'doc')],
    },
  );
  const summary = summarizeReport(report);

  it('gives the patch coverage with the proposed tests, partial lines as not covered', () => {
    expect(summary.generationRan).toBe(true);
    expect(summary.proposedPatchPercent).toBeCloseTo(60, 10);
    // Head: (2 + 1 - 1 partial + 0) / 10; with the tests (4 + 1 - 1 + 2) / 10.
    expect(summary.patchPercent).toBeCloseTo(20, 10);
  });

  it('gives line coverage with the proposed tests over the files measured on both sides', () => {
    // src/a.ts 10/10 with tests, src/b.ts unchanged 2/10; the new file has no base, so it is not counted.
    expect(summary.headLines).toEqual({ covered: 8, total: 20 });
    expect(summary.proposedLines).toEqual({ covered: 12, total: 20 });
  });

  it('counts kept cases per module across its proposed files, and what the budget skipped', () => {
    expect([summary.keptCases, summary.proposedFileCount, summary.possibleBugCount, summary.skippedForBudget]).toEqual([4, 3, 1, 1]);
    const byPath = new Map(summary.measured.map((f) => [f.file.path, f]));
    expect(byPath.get('src/a.ts')!.keptCases).toBe(3);
    expect(byPath.get('src/a.ts')!.proposedPatchPercent).toBe(100);
    expect(byPath.get('src/new.ts')!.keptCases).toBe(1);
    expect(byPath.get('src/b.ts')!.keptCases).toBe(0);
    // Nothing kept for src/b.ts: its figure with the tests is the head's, (1 - 1 partial) / 4.
    expect(byPath.get('src/b.ts')!.proposedPatchPercent).toBe(0);
    expect(byPath.get('src/b.ts')!.generation?.outcome).toBe('skipped-budget');
  });

  it('has no generation figures for a report without generation', () => {
    const plain = summarizeReport(makeReport([a, b]));
    expect([plain.generationRan, plain.proposedPatch, plain.proposedPatchPercent, plain.proposedLines]).toEqual([false, null, null, null]);
    expect([plain.keptCases, plain.proposedFileCount, plain.possibleBugCount, plain.skippedForBudget]).toEqual([0, 0, 0, 0]);
    expect(plain.measured.map((f) => [f.generation, f.keptCases, f.proposedPatchPercent])).toEqual([
      [null, 0, null],
      [null, 0, null],
    ]);
  });
});

describe('generationRan', () => {
  it('is true once a model budget is reported or files are proposed, and never for an estimate', () => {
    expect(generationRan(makeReport([]))).toBe(false);
    expect(generationRan(makeReport([], { budget: null, proposedPatch: null }))).toBe(false);
    expect(generationRan(makeReport([], { budget: budget() }))).toBe(true);
    expect(generationRan(makeReport([], { proposedFiles: [] }))).toBe(true);
    expect(generationRan(makeReport([], { budget: budget(), estimate: estimate() }))).toBe(false);
  });
});
